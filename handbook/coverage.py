"""What the self-check and the checklists teach: each rule of the guideline
with the questions and checklist items that point at it (`python macros.py`
prints it for editors)."""


def coverage(content):
    """[(rule "page.md#id", [question ids], [checklist item ids])] for every
    rule of the guideline, in order: what the self-check and the lists teach."""

    def referring(collections, key):
        found = {}
        for collection in collections.values():
            for entry in collection[key]:
                found.setdefault(entry["rule"], []).append(entry["id"])
        return found

    questions = referring(content.quizzes, "questions")
    items = referring(content.checklists, "items")
    return [
        (f"{page}#{rule}", questions.get(f"{page}#{rule}", []), items.get(f"{page}#{rule}", []))
        for page, rules in content.rules.items()
        for rule in rules
    ]
