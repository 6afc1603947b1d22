"""Editors' data files (docs/data/*.yml): read safely, checked against
their schema (handbook/schemas/), then for what no schema can say: unique
ids, and rule references that point at a real place in the guideline."""

from typing import NamedTuple

from handbook import gate, inline, schema, yamlfile
from handbook.problems import closest, did_you_mean
from handbook.text import clean

DEFAULT_PASS_MARK = 80


class DataFile(NamedTuple):
    """One data file and how its messages name what is in it."""

    path: str  # under docs/
    schema: str  # handbook/schemas/<schema>.schema.json
    collection: str  # what a top-level entry is called in messages
    entry: str | None = None  # what an entry of its list is called
    entries: str | None = None  # the key of that list


CHECKLISTS = DataFile("data/checklists.yml", "checklists", "tarkistuslista", "kohta", "items")
QUIZ = DataFile("data/quiz.yml", "quiz", "kysely", "kysymys", "questions")
SYNONYMS = DataFile("data/synonyms.yml", "synonyms", "hakusana")


def load(docs_dir, data_file, anchors, problems, check=None, texts=None, link_anchors=None):
    """A data file loaded, checked against its schema, ids and rules (or,
    for a file without entries, by check(data, lines, file, problems)) and
    its Markdown texts with texts (an inline.InlineMarkdown), their links
    against link_anchors ({page.md: ids}; default anchors); None after
    adding problems."""
    file = f"docs/{data_file.path}"
    before = len(problems)
    data, lines = _read(docs_dir, data_file.path, file, problems)
    if lines is None or len(problems) > before:
        return None
    describe = _describer(data_file, data)
    schema.check(
        schema.validator(data_file.schema),
        data if data is not None else {},
        lines,
        file,
        problems,
        describe,
    )
    if len(problems) > before:
        return None
    if check is not None:
        check(data, lines, file, problems)
    else:
        _check_entries(data_file, data, lines, anchors, file, problems, describe)
    if texts is not None:
        links = anchors if link_anchors is None else link_anchors
        _check_texts(data_file, data, lines, links, texts, file, problems, describe)
    return data if len(problems) == before else None


def _read(docs_dir, name, file, problems):
    """(data, lines) of docs/<name>; (None, None) if it cannot be read (a
    problem added, or a link the gate reported)."""
    path = docs_dir / name
    if not gate.is_plain_file(docs_dir, path):
        if not gate.through_link(docs_dir, path):
            problems.add(file, "tiedostoa ei löydy; palauta se (git) tai tarkista nimi")
        return None, None  # a symbolic link, reported by the gate, is never read
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add(
            file, "tiedosto ei ole UTF-8-muodossa; tallenna se muokkaimessa merkistöllä UTF-8"
        )
        return None, None
    return yamlfile.load(clean(text.replace("\r\n", "\n")), file, problems)


def _describer(data_file, data):
    """describe(path): the item a path in data is in ("kysely 'x', kysymys 'y'")."""

    def describe(path):
        if not path:
            return None
        where = f"{data_file.collection} '{path[0]}'"
        if len(path) > 2 and path[1] == data_file.entries and isinstance(path[2], int):
            entry = data[path[0]][data_file.entries][path[2]]
            entry_id = entry.get("id", "?") if isinstance(entry, dict) else "?"
            where += f", {data_file.entry} '{entry_id}'"
        return where

    return describe


def _check_entries(data_file, data, lines, anchors, file, problems, describe):
    """Each entry's id unique in its collection; its rule a real place."""
    key = data_file.entries
    for name, collection in data.items():
        first_line = {}
        for index, entry in enumerate(collection[key]):
            item = describe((name, key, index))
            line = lines.of(name, key, index)
            if entry["id"] in first_line:
                problems.add(
                    file,
                    f"tunniste on jo käytössä rivillä {first_line[entry['id']]}; "
                    "anna tälle kohdalle oma tunniste",
                    line,
                    item,
                )
            first_line.setdefault(entry["id"], line)
            check_rule(
                entry["rule"], anchors, file, lines.of(name, key, index, "rule"), item, problems
            )


def _check_texts(data_file, data, lines, anchors, texts, file, problems, describe):
    """Every Markdown text (the fields the schema gives "#/$defs/text") is
    one line's worth of inline Markdown whose links lead somewhere."""
    fields = schema.markdown_fields(data_file.schema)
    for path, value in _values(data):
        if path[-1] in fields and isinstance(value, str):
            for message in texts.check(value, lambda href: inline.link_problem(href, anchors)):
                problems.add(
                    file, f"kenttä '{path[-1]}': {message}", lines.of(*path), describe(path)
                )


def _values(node, path=()):
    """(path, value) of every value in the data, in file order."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        if isinstance(value, dict | list):
            yield from _values(value, (*path, key))
        else:
            yield (*path, key), value


def synonym_check(guideline, complete):
    """A check for docs/data/synonyms.yml: every word a synonym leads to is in
    the guideline's text (inflected is enough: its first letters are there,
    also inside a compound), so a search for the synonym can find it. Not
    checked while a guideline page's text is missing (that is reported)."""
    text = " ".join(part for parts in guideline.values() for part in parts).lower()

    def check(data, lines, file, problems):
        for typed, words in data.items() if complete else []:
            for word in words.split():
                start = word.lower()[: max(4, len(word) - 2)]
                if start not in text:
                    problems.add(
                        file,
                        f"sanaa '{word}' ei ole ohjeen tekstissä, joten haku ei "
                        "löydä sillä mitään; kirjoita oikealle ohjeessa käytetty sana "
                        "(esimerkiksi pomo: esimies)",
                        lines.of(typed),
                        f"hakusana '{typed}'",
                    )

    return check


def fill_optional_fields(checklists, quizzes):
    """Optional fields an editor left out, present for the templates
    (the defaults are the ones the schemas describe)."""
    for checklist in (checklists or {}).values():
        for item in checklist["items"]:
            item.setdefault("details", None)
    for quiz in (quizzes or {}).values():
        quiz.setdefault("pass_mark", DEFAULT_PASS_MARK)
        quiz.setdefault("shuffle_questions", False)
        quiz.setdefault("draw", None)
        quiz.setdefault("shuffle_options", False)
        for question in quiz["questions"]:
            question.setdefault("options", None)
            question.setdefault("answer", None)
            for option in question["options"] or []:
                option.setdefault("correct", False)
                option.setdefault("feedback", None)


def check_rule(
    rule,
    anchors,
    file,
    line,
    item,
    problems,
    fix="lisää sivulle tunniste {{: #{anchor} }} tai korjaa viittaus",
):
    """A rule reference "page.md#id" points at an id on that page. A typo
    is answered with the reference most likely meant."""
    page, _, anchor = rule.partition("#")
    if page not in anchors:
        problems.add(
            file,
            f"säännön sivua '{page}' ei ole (muoto: sivu.md#tunniste)"
            + did_you_mean(page, anchors),
            line,
            item,
        )
    elif anchor not in anchors[page]:
        meant = _meant_rule(page, anchor, anchors)
        problems.add(
            file,
            f"sivulla {page} ei ole kohtaa '#{anchor}'; "
            + (f"tarkoititko '{meant}'? Jos et, " if meant else "")
            + fix.format(anchor=anchor),
            line,
            item,
        )


def _meant_rule(page, anchor, anchors):
    """The id on the same page closest to a missing one ("#selvat-tavoitteet"),
    else the same id on another page ("index.md#harkinta"), or None."""
    near = closest(anchor, sorted(anchors[page]))
    if near:
        return f"#{near}"
    elsewhere = sorted(other for other, ids in anchors.items() if anchor in ids)
    return f"{elsewhere[0]}#{anchor}" if elsewhere else None
