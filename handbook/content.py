"""All content checked in one pass, every problem collected:

    content = handbook.validate(project)   # raises ContentError listing all

Pages (handbook/pages.py, through the gate, handbook/gate.py), editors'
data (handbook/data.py), the pages' macro calls against the data, the
templates' rule links, and the guideline's marked text for the printable
page, held to the approved text (handbook/approved.py)."""

from pathlib import Path

import jinja2

from handbook import approved, data, gate
from handbook import pages as page_checks
from handbook.problems import Problems
from handbook.project import Content

# The guideline's own text on a page is between these lines; the rest of a
# page (boxes, tools, headings added for navigation) is the site's.
GUIDELINE_START, GUIDELINE_END = gate.GUIDELINE_START, gate.GUIDELINE_END


def validate(project):
    """All content checked at once; a ContentError lists every problem."""
    problems = Problems()
    docs_dir = Path(project.docs_dir)
    pages = [page for page in page_checks.read_pages(docs_dir, problems) if page.ok]
    anchors, calls = {}, {}
    environment = jinja2.Environment(**project.jinja_options)
    for page in pages:
        anchors[page.src] = _check_page(page, project, environment, problems)
        if page.renders_macros:
            calls[page.src] = page_checks.macro_calls(page, environment, project.macros, problems)
    checklists = data.load(docs_dir, data.CHECKLISTS, anchors, problems)
    quizzes = data.load(docs_dir, data.QUIZ, anchors, problems)
    data.fill_optional_fields(checklists, quizzes)
    collections = {"checklists": checklists, "quizzes": quizzes}  # None: not loaded
    _check_calls(pages, calls, project, collections, problems)
    for template, rule, line in page_checks.template_rule_links(project.templates_dir):
        data.check_rule(
            rule,
            anchors,
            f"overrides/handbook/{template}",
            line,
            "sivupohjan linkki",
            problems,
            fix="palauta tunniste ohjeen sivulle tai pyydä kehittäjää korjaamaan linkki",
        )
    guideline = _guideline_parts(pages, project.guideline_pages, problems)
    complete = set(guideline) == set(project.guideline_pages)
    approved.check(docs_dir, pages, guideline, project, problems)
    synonyms = data.load(
        docs_dir, data.SYNONYMS, anchors, problems, check=data.synonym_check(guideline, complete)
    )
    problems.raise_any()
    rules = {
        src: [
            rule
            for part in parts
            for rule in page_checks.rule_ids(
                part, project.markdown_extensions, project.markdown_configs
            )
        ]
        for src, parts in guideline.items()
    }
    return Content(
        checklists,
        quizzes,
        anchors,
        guideline,
        {src: [(name, args) for name, args, _ in found] for src, found in calls.items()},
        rules,
        {word.lower(): words for word, words in synonyms.items()},
    )


def _check_page(page, project, environment, problems):
    """One page's HTML, images and stray macro calls checked; its ids."""
    if page.renders_macros:
        page.use_template(environment)
    try:
        ids, images, text, findings = page_checks.inspect(
            page, project.markdown_extensions, project.markdown_configs
        )
    except page_checks.TooComplex as error:
        problems.add(page.shown, str(error))
        return set()
    for finding in findings:
        problems.add(
            page.shown,
            str(finding),
            page.line_of(finding.needle, ignore_case=True, skip=(GUIDELINE_START, GUIDELINE_END)),
        )
    for source in images:
        problems.add(
            page.shown,
            f"kuvalta '{source}' puuttuu tekstivastine: kirjoita "
            "kuvan kuvaus hakasulkeisiin, esimerkiksi ![Kaupungin some-tilit "
            "puhelimessa](kuva.png)",
            page.line_of(source),
        )
    if not page.renders_macros and ("{{" in text or "{%" in text):
        problems.add(
            page.shown,
            "sivulla on makrokutsu {{ … }}, mutta se ei toimi, koska "
            "sivun alun tiedoista puuttuu render_macros: true; lisää se sivun "
            "alun --- rivien väliin (tai kirjoita esimerkki koodina `…`)",
            page.line_of("{{") or page.line_of("{%"),
        )
    return ids


def _check_calls(pages, calls, project, collections, problems):
    """Macro arguments name something that exists; nothing twice on a page."""
    for page in pages:
        seen = {}
        for name, args, line in calls.get(page.src, []):
            named_by = project.named_by.get(name)
            collection = collections.get(named_by)
            if named_by and collection is not None and args and args[0] not in collection:
                problems.add(
                    page.shown,
                    f"makrolle {name} ei ole nimeä '{args[0]}' (nimet: {', '.join(collection)})",
                    line,
                )
            if (name, args) in seen:
                shown = ", ".join(f'"{arg}"' for arg in args)
                problems.add(
                    page.shown,
                    f"{{{{ {name}({shown}) }}}} on sivulla kahdesti (ensin rivillä "
                    f"{seen[name, args]}); sama lista, lomake tai kysely voi olla "
                    "sivulla vain kerran",
                    line,
                )
            seen.setdefault((name, args), line)


def _guideline_parts(pages, guideline_pages, problems):
    """{page.md: [Markdown between the guideline markers]}, in order."""
    by_src = {page.src: page for page in pages}
    parts = {}
    for src in guideline_pages:
        page = by_src.get(src)
        if page is None:
            problems.add(
                "mkdocs.yml", f"ohjeen sivua '{src}' (extra.guideline.pages) ei ole kansiossa docs/"
            )
            continue
        pieces = page.body.split(GUIDELINE_START)[1:]
        if (
            not pieces
            or any(GUIDELINE_END not in piece for piece in pieces)
            or page.body.count(GUIDELINE_END) != len(pieces)
        ):
            problems.add(
                page.shown,
                f"ohjeen teksti pitää merkitä riveillä {GUIDELINE_START} "
                f"ja {GUIDELINE_END} (kumpaakin yhtä monta, alku ensin); tulostettava "
                "ohje kootaan niiden välistä",
                page.line_of(GUIDELINE_START),
            )
            continue
        parts[src] = [piece.split(GUIDELINE_END)[0].strip("\n") for piece in pieces]
    return parts
