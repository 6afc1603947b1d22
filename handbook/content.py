"""All content checked in one pass, every problem collected:

    content = handbook.validate(project)   # raises ContentError listing all

Pages (handbook/pages.py, through the gate, handbook/gate.py), editors'
data (handbook/data.py), the pages' macro calls against the data, the
templates' rule links, and the guideline's marked text for the printable
page, held to the approved text (handbook/approved.py)."""

import posixpath
from pathlib import Path

import jinja2

from handbook import approved, data, gate, inline
from handbook import pages as page_checks
from handbook.problems import Problems, did_you_mean
from handbook.project import Content

# The guideline's own text on a page is between these lines; the rest of a
# page (boxes, tools, headings added for navigation) is the site's.
GUIDELINE_START, GUIDELINE_END = gate.GUIDELINE_START, gate.GUIDELINE_END


def validate(project):
    """All content checked at once; a ContentError lists every problem."""
    problems = Problems()
    docs_dir = Path(project.docs_dir)
    pages = [page for page in page_checks.read_pages(docs_dir, problems) if page.ok]
    anchors, sections, calls = {}, {}, {}
    environment = jinja2.Environment(**project.jinja_options)
    for page in pages:
        rendered = _check_page(page, project, environment, problems)
        anchors[page.src] = rendered.ids if rendered else set()
        sections[page.src] = rendered.sections if rendered else {}
        if page.renders_macros:
            calls[page.src] = page_checks.macro_calls(page, environment, project.macros, problems)
    texts = inline.InlineMarkdown(project.markdown_extensions, project.markdown_configs)
    # A text's link may also lead to a tool a macro puts on a page
    links = {
        src: ids
        | {_macro_anchor(project, name, args) for name, args, _ in calls.get(src, [])} - {""}
        for src, ids in anchors.items()
    }
    checklists = data.load(
        docs_dir, data.CHECKLISTS, anchors, problems, texts=texts, link_anchors=links
    )
    quizzes = data.load(docs_dir, data.QUIZ, anchors, problems, texts=texts, link_anchors=links)
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
    _check_nav(project.nav_pages, project.config_file, problems)
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
        texts,
        sections,
    )


def _check_page(page, project, environment, problems):
    """One page's HTML, images and stray macro calls checked; the page as
    read (pages.Rendered), or None if it could not be."""
    if page.renders_macros:
        page.use_template(environment)
    try:
        rendered, findings = page_checks.inspect(
            page, project.markdown_extensions, project.markdown_configs
        )
    except page_checks.TooComplex as error:
        problems.add(page.shown, str(error))
        return None
    for finding in findings:
        problems.add(
            page.shown,
            str(finding),
            page.line_of(finding.needle, ignore_case=True, skip=(GUIDELINE_START, GUIDELINE_END)),
        )
    _check_markdown(page, rendered, problems)
    for source in rendered.images_without_alt:
        problems.add(
            page.shown,
            f"kuvalta '{source}' puuttuu tekstivastine: kirjoita "
            "kuvan kuvaus hakasulkeisiin, esimerkiksi ![Kaupungin some-tilit "
            "puhelimessa](kuva.png)",
            page.line_of(source),
        )
    if not page.renders_macros and ("{{" in rendered.text or "{%" in rendered.text):
        problems.add(
            page.shown,
            "sivulla on makrokutsu {{ … }}, mutta se ei toimi, koska "
            "sivun alun tiedoista puuttuu render_macros: true; lisää se sivun "
            "alun --- rivien väliin (tai kirjoita esimerkki koodina `…`)",
            page.line_of("{{") or page.line_of("{%"),
        )
    return rendered


def _check_markdown(page, rendered, problems):
    """Markdown the page shows raw (a slip), and links that lead nowhere a
    reader can use: into docs/data/, or without text."""
    for piece, message in inline.slips(rendered.texts):
        problems.add(page.shown, message, page.line_of(piece) or page.line_of(piece.split()[0]))
    for link in rendered.links:
        if _into_data(page.src, link):
            problems.add(
                page.shown,
                f"linkki '{link}' osoittaa kansion docs/{gate.DATA_FOLDER}/ tiedostoon, jota ei "
                "julkaista (lukija saisi virhesivun); linkitä sivulle, jolla tieto näkyy",
                page.line_of(link),
            )
    for link in rendered.empty_links:
        problems.add(
            page.shown,
            f"linkillä '{link}' ei ole tekstiä, joten ruudunlukija ei voi kertoa, minne se "
            f"vie; kirjoita linkin teksti hakasulkeisiin: [linkin teksti]({link})",
            page.line_of(f"[]({link}") or page.line_of(link),
        )


def _into_data(page, link):
    """Whether a relative link of a page leads into docs/data/, whose files
    the build reads but does not publish (MkDocs only notes such a link)."""
    if gate.url_scheme(link):
        return False
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link.split("#")[0]))
    return target.split("/")[0] == gate.DATA_FOLDER


def _macro_anchor(project, name, args):
    """The id of the tool a macro call puts on its page (checklist-virka)."""
    return project.macro_anchors.get(name, "").format(*args)


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
                    f"makrolle {name} ei ole nimeä '{args[0]}' (nimet: {', '.join(collection)})"
                    + did_you_mean(args[0], collection),
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
                "mkdocs.yml",
                f"ohjeen sivua '{src}' (extra.guideline.pages) ei ole kansiossa docs/"
                + did_you_mean(src, by_src),
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


def _check_nav(nav_pages, config_file, problems):
    """Each page once in the nav: twice, the menu shows it twice and the
    page's footer links to the page itself."""
    lines = config_file.read_text(encoding="utf-8").splitlines() if config_file else []
    seen = {}
    for source in nav_pages:
        if not source.endswith(".md"):
            continue  # an address outside the site
        seen[source] = seen.get(source, 0) + 1
        if seen[source] == 2:
            found = [number for number, line in _nav_lines(lines) if _names(line, source)]
            problems.add(
                "mkdocs.yml",
                f"sivu '{source}' on valikossa (nav) useammin kuin kerran"
                f"{' (rivit ' + ', '.join(map(str, found)) + ')' if found else ''}; jätä se "
                "valikkoon vain kerran: muuten valikko näyttää sen monesti ja sivun alalaidan "
                "linkki vie sivulle itselleen",
                found[1] if len(found) > 1 else None,
            )


def _nav_lines(lines):
    """(number, line) of the lines of mkdocs.yml's top-level nav: section."""
    inside = False
    for number, line in enumerate(lines, 1):
        if line[:1].strip() and not line.startswith(("#", "-")):
            inside = line.startswith("nav:")
        elif inside:
            yield number, line


def _names(line, source):
    """Whether a line of the nav is an entry for source ("- a.md",
    "- Otsikko: a.md")."""
    entry = line.split(" #")[0].strip()
    return entry.startswith("-") and source in (entry[1:].strip(), entry.rpartition(":")[2].strip())
