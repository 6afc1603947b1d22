"""The handbook's content layer: editors' data and pages loaded and checked
in one pass, every problem collected, nothing imported from the site
builder (MkDocs today; ProperDocs or Zensical tomorrow).

    content = handbook.validate(project)   # raises ContentError listing all

What a JSON Schema can say is in handbook/schemas/*.schema.json; this package keeps
only what no schema can: unique ids, rule references that must point at a
real place in the guideline, the pages' macro calls, and the guideline's
marked text for the printable page.
"""

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from handbook import gate, schema, yamlfile
from handbook import pages as page_checks
from handbook.problems import ContentError, Problems  # noqa: F401 (the package's API)

CHECKLISTS_FILE = "data/checklists.yml"
QUIZ_FILE = "data/quiz.yml"
SYNONYMS_FILE = "data/synonyms.yml"
DEFAULT_PASS_MARK = 80
# The guideline's own text on a page is between these lines; the rest of a
# page (boxes, tools, headings added for navigation) is the site's.
GUIDELINE_START, GUIDELINE_END = gate.GUIDELINE_START, gate.GUIDELINE_END


@dataclass
class Project:
    """Where the content is and how the site builder reads it."""
    docs_dir: Path
    templates_dir: Path
    guideline_pages: list
    markdown_extensions: list = field(default_factory=list)
    markdown_configs: dict = field(default_factory=dict)
    jinja_options: dict = field(default_factory=dict)
    # {macro name: inspect.Signature}; and for a macro that takes a name,
    # which collection the name must be in ("checklist" -> "checklists")
    macros: dict = field(default_factory=dict)
    named_by: dict = field(default_factory=dict)


@dataclass
class Content:
    checklists: dict
    quizzes: dict
    anchors: dict       # {page.md: {ids on it}}
    guideline: dict     # {page.md: [its marked guideline text parts]}
    calls: dict         # {page.md: [(macro, arguments)]} on pages with render_macros: true
    rules: dict         # {page.md: [rule ids in its guideline text, in order]}
    synonyms: dict = field(default_factory=dict)  # {typed word: "guideline words"} for search


def validate(project):
    """All content checked at once; a ContentError lists every problem."""
    problems = Problems()
    docs_dir = Path(project.docs_dir)
    pages = [page for page in page_checks.read_pages(docs_dir, problems) if page.ok]
    anchors, calls = {}, {}
    environment = jinja2.Environment(**project.jinja_options)
    for page in pages:
        if page.renders_macros:
            page.use_template(environment)
        ids, images, text, findings = page_checks.inspect(page, project.markdown_extensions,
                                                          project.markdown_configs)
        anchors[page.src] = ids
        for finding in findings:
            problems.add(page.shown, str(finding), page.line_of(
                finding.needle, ignore_case=True, skip=(GUIDELINE_START, GUIDELINE_END)))
        for source in images:
            problems.add(page.shown, f"kuvalta '{source}' puuttuu tekstivastine: kirjoita "
                         "kuvan kuvaus hakasulkeisiin, esimerkiksi ![Kaupungin some-tilit "
                         "puhelimessa](kuva.png)", page.line_of(source))
        if page.renders_macros:
            calls[page.src] = page_checks.macro_calls(page, environment, project.macros, problems)
        elif "{{" in text or "{%" in text:
            problems.add(page.shown, "sivulla on makrokutsu {{ … }}, mutta se ei toimi, koska "
                         "sivun alun tiedoista puuttuu render_macros: true; lisää se sivun "
                         "alun --- rivien väliin (tai kirjoita esimerkki koodina `…`)",
                         page.line_of("{{") or page.line_of("{%"))
    checklists = _load(docs_dir, CHECKLISTS_FILE, "checklists", anchors, problems)
    quizzes = _load(docs_dir, QUIZ_FILE, "quiz", anchors, problems)
    _fill_optional_fields(checklists, quizzes)
    collections = {"checklists": checklists, "quizzes": quizzes}  # None: not loaded
    _check_calls(pages, calls, project, collections, problems)
    for template, rule, line in page_checks.template_rule_links(project.templates_dir):
        _check_rule(rule, anchors, f"overrides/handbook/{template}", line,
                    "sivupohjan linkki", problems,
                    fix="palauta tunniste ohjeen sivulle tai pyydä kehittäjää korjaamaan linkki")
    guideline = _guideline_parts(pages, project.guideline_pages, problems)
    synonyms = _load(docs_dir, SYNONYMS_FILE, "synonyms", anchors, problems,
                     check=_synonym_check(guideline, complete=set(guideline) ==
                                          set(project.guideline_pages)))
    problems.raise_any()
    rules = {src: [rule for part in parts for rule in page_checks.rule_ids(
        part, project.markdown_extensions, project.markdown_configs)] for src, parts in guideline.items()}
    return Content(checklists, quizzes, anchors, guideline,
                   {src: [(name, args) for name, args, _ in found] for src, found in calls.items()},
                   rules, {word.lower(): words for word, words in synonyms.items()})


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
    return [(f"{page}#{rule}", questions.get(f"{page}#{rule}", []), items.get(f"{page}#{rule}", []))
            for page, rules in content.rules.items() for rule in rules]


def _load(docs_dir, name, schema_name, anchors, problems, check=None):
    """A data file loaded, checked against its schema, ids and rules (or,
    for a file without items, by check(data, lines, file, problems))."""
    file = f"docs/{name}"
    path = docs_dir / name
    if not gate.is_plain_file(docs_dir, path):
        if not gate.through_link(docs_dir, path):
            problems.add(file, "tiedostoa ei löydy; palauta se (git) tai tarkista nimi")
        return None  # a symbolic link, reported by the gate, is never read
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add(file, "tiedosto ei ole UTF-8-muodossa; tallenna se muokkaimessa "
                     "merkistöllä UTF-8")
        return None
    before = len(problems)
    data, lines = yamlfile.load(text.replace("\r\n", "\n"), file, problems)
    if len(problems) > before:
        return None
    kind = {"checklists": ("tarkistuslista", "kohta", "items"),
            "quiz": ("kysely", "kysymys", "questions"),
            "synonyms": ("hakusana", None, None)}[schema_name]

    def describe(path):
        if not path:
            return None
        where = f"{kind[0]} '{path[0]}'"
        if len(path) > 2 and path[1] == kind[2] and isinstance(path[2], int):
            entry = data[path[0]][kind[2]][path[2]]
            entry_id = entry.get("id", "?") if isinstance(entry, dict) else "?"
            where += f", {kind[1]} '{entry_id}'"
        return where

    schema.check(schema.validator(schema_name), data if data is not None
                 else {}, lines, file, problems, describe)
    if len(problems) > before:
        return None
    if check is not None:
        check(data, lines, file, problems)
        return data if len(problems) == before else None
    for name_, collection in data.items():
        first_line = {}
        for index, entry in enumerate(collection[kind[2]]):
            item = describe((name_, kind[2], index))
            line = lines.of(name_, kind[2], index)
            if entry["id"] in first_line:
                problems.add(file, f"tunniste on jo käytössä rivillä {first_line[entry['id']]}; "
                             "anna tälle kohdalle oma tunniste", line, item)
            first_line.setdefault(entry["id"], line)
            _check_rule(entry["rule"], anchors, file, lines.of(name_, kind[2], index, "rule"),
                        item, problems)
    return data if len(problems) == before else None


def _synonym_check(guideline, complete):
    """A check for docs/data/synonyms.yml: every word a synonym leads to is in
    the guideline's text (inflected is enough: its first letters are there,
    also inside a compound), so a search for the synonym can find it. Not
    checked while a guideline page's text is missing (that is reported)."""
    text = " ".join(part for parts in guideline.values() for part in parts).lower()

    def check(data, lines, file, problems):
        for typed, words in data.items() if complete else []:
            for word in words.split():
                start = word.lower()[:max(4, len(word) - 2)]
                if start not in text:
                    problems.add(file, f"sanaa '{word}' ei ole ohjeen tekstissä, joten haku ei "
                                 "löydä sillä mitään; kirjoita oikealle ohjeessa käytetty sana "
                                 "(esimerkiksi pomo: esimies)", lines.of(typed), f"hakusana '{typed}'")
    return check


def _fill_optional_fields(checklists, quizzes):
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


def _check_rule(rule, anchors, file, line, item, problems,
                fix="lisää sivulle tunniste {{: #{anchor} }} tai korjaa viittaus"):
    """A rule reference "page.md#id" points at an id on that page."""
    page, _, anchor = rule.partition("#")
    if page not in anchors:
        problems.add(file, f"säännön sivua '{page}' ei ole (muoto: sivu.md#tunniste)", line, item)
    elif anchor not in anchors[page]:
        problems.add(file, f"sivulla {page} ei ole kohtaa '#{anchor}'; "
                     + fix.format(anchor=anchor), line, item)


def _check_calls(pages, calls, project, collections, problems):
    """Macro arguments name something that exists; nothing twice on a page."""
    for page in pages:
        seen = {}
        for name, args, line in calls.get(page.src, []):
            named_by = project.named_by.get(name)
            collection = collections.get(named_by)
            if named_by and collection is not None and args and args[0] not in collection:
                problems.add(page.shown, f"makrolle {name} ei ole nimeä '{args[0]}' (nimet: "
                             f"{', '.join(collection)})", line)
            if (name, args) in seen:
                shown = ", ".join(f'"{arg}"' for arg in args)
                problems.add(page.shown, f"{{{{ {name}({shown}) }}}} on sivulla kahdesti (ensin rivillä "
                             f"{seen[name, args]}); sama lista, lomake tai kysely voi olla "
                             "sivulla vain kerran", line)
            seen.setdefault((name, args), line)


def _guideline_parts(pages, guideline_pages, problems):
    """{page.md: [Markdown between the guideline markers]}, in order."""
    by_src = {page.src: page for page in pages}
    parts = {}
    for src in guideline_pages:
        page = by_src.get(src)
        if page is None:
            problems.add("mkdocs.yml", f"ohjeen sivua '{src}' (extra.guideline.pages) ei ole "
                         "kansiossa docs/")
            continue
        pieces = page.body.split(GUIDELINE_START)[1:]
        if not pieces or any(GUIDELINE_END not in piece for piece in pieces) \
                or page.body.count(GUIDELINE_END) != len(pieces):
            problems.add(page.shown, f"ohjeen teksti pitää merkitä riveillä {GUIDELINE_START} "
                         f"ja {GUIDELINE_END} (kumpaakin yhtä monta, alku ensin); tulostettava "
                         "ohje kootaan niiden välistä", page.line_of(GUIDELINE_START))
            continue
        parts[src] = [piece.split(GUIDELINE_END)[0].strip("\n") for piece in pieces]
    return parts
