"""Macros for the handbook pages (mkdocs-macros-plugin).

Loads the data editors change (YAML under docs/data/), validates all content
in one place, validate(): the data against the schemas below, and every
page's macro calls, links and anchors, and the nav. It renders the data
through the Jinja templates in overrides/handbook/. A problem stops the build
before any page is written, with a message in Finnish that names the file,
the line, the item and what is wrong. `python macros.py` runs the same
validation alone, in a fraction of a second (MUOKKAUSOHJE.md).

Pages opt in to macros with `render_macros: true` in their front matter.
"""

import datetime
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import jinja2
import yaml
from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

# The guideline itself, in order, for the printable handbook
GUIDELINE_PAGES = ["index.md", "kaupungin-edustajana.md", "yksityishenkilona.md",
                   "salassapitovelvollisuus.md"]
CHECKLISTS_FILE = "data/checklists.yml"
QUIZ_FILE = "data/quiz.yml"

# Schemas: field -> (type, required). Any other field is an error too.
CHECKLIST_FIELDS = {"title": (str, True), "items": (list, True)}
CHECKLIST_ITEM_FIELDS = {"id": (str, True), "text": (str, True),
                         "details": (str, False), "rule": (str, True)}

QUIZ_FIELDS = {"title": (str, True), "pass_mark": (int, False),
               "shuffle_questions": (bool, False), "shuffle_options": (bool, False),
               "questions": (list, True)}
QUESTION_FIELDS = {"id": (str, True), "type": (str, True), "prompt": (str, True),
                   "options": (list, False), "answer": (bool, False),
                   "explanation": (str, True), "rule": (str, True)}
OPTION_FIELDS = {"text": (str, True), "correct": (bool, False), "feedback": (str, False)}
QUESTION_TYPES = ("single", "multiple", "truefalse")
DEFAULT_PASS_MARK = 80

# Finnish names of types, for messages
TYPE_NAMES = {str: "tekstiä", list: "luettelo (rivit alkavat viivalla)",
              dict: "kenttiä (nimi: arvo)", bool: "kyllä/ei-arvo (true tai false)",
              int: "kokonaisluku"}

# In a page: a macro call "{{ checklist("virka") }}" and a Markdown link "[text](target)"
MACRO_CALL = re.compile(r"\{\{\s*(\w+)\s*\(\s*(?:[\"']([^\"']*)[\"'])?\s*\)\s*\}\}")
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)[^)]*\)")
HEADING = re.compile(r"^#{1,6} +(.+?)\s*$", re.M)

# An id is lower-case letters, digits and hyphens: "oma-tyo"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Explicit ids in Markdown: "## Otsikko {#id}" or "{: #id }" under a paragraph
EXPLICIT_ID = re.compile(r"\{:?\s*#([\w-]+)[^}\n]*\}")


class ContentError(PluginError):
    """A problem in content an editor wrote; the message says where and what."""

    def __init__(self, file, problem, line=None, item=None):
        where = file + (f", rivi {line}" if line else "") + (f" ({item})" if item else "")
        super().__init__(f"{where}: {problem}")


class _Mapping(dict):
    """A YAML mapping that remembers the line it starts on."""
    line = None


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps line numbers and refuses duplicate keys."""


def _construct_mapping(loader, node):
    mapping = _Mapping()
    mapping.line = node.start_mark.line + 1
    yield mapping
    keys = [loader.construct_object(key) for key, _ in node.value]
    for key in keys:
        if keys.count(key) > 1:
            raise yaml.MarkedYAMLError(
                problem=f"kenttä '{key}' on kahdesti samassa kohdassa",
                problem_mark=node.start_mark)
    mapping.update(loader.construct_mapping(node))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(docs_dir, name):
    """The data in docs/<name>, or a ContentError naming file and line."""
    path = Path(docs_dir) / name
    shown = f"docs/{name}"
    if not path.is_file():
        raise ContentError(shown, "tiedostoa ei löydy")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), _Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ContentError(
            shown, "YAML-muoto on rikki, tarkista sisennykset, kaksoispisteet ja "
            f"lainausmerkit ({error.problem})", line=mark.line + 1 if mark else None) from None


def check_fields(mapping, fields, file, item, line=None):
    """Every required field present, each of its type, no unknown field."""
    line = getattr(mapping, "line", line)
    if not isinstance(mapping, dict):
        raise ContentError(file, f"odotettiin {TYPE_NAMES[dict]}", line, item)
    for name in mapping:
        if name not in fields:
            known = ", ".join(fields)
            raise ContentError(file, f"tuntematon kenttä '{name}' (sallitut: {known})", line, item)
    for name, (kind, required) in fields.items():
        value = mapping.get(name)
        if value is None or (kind is str and isinstance(value, str) and not value.strip()):
            if required:
                raise ContentError(file, f"kenttä '{name}' puuttuu tai on tyhjä", line, item)
            mapping[name] = None  # an optional field left out: templates test it
        elif not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ContentError(file, f"kentän '{name}' pitää olla {TYPE_NAMES[kind]}", line, item)


def check_ids(entries, file, kind):
    """Each entry's id well-formed and used once."""
    first_line = {}
    for entry in entries:
        entry_id, line = entry["id"], entry.line
        if not ID_PATTERN.match(entry_id):
            raise ContentError(file, "tunnisteessa saa olla vain pieniä kirjaimia a–z, "
                               "numeroita ja väliviivoja", line, f"{kind} '{entry_id}'")
        if entry_id in first_line:
            raise ContentError(file, f"tunniste on jo käytössä rivillä {first_line[entry_id]}",
                               line, f"{kind} '{entry_id}'")
        first_line[entry_id] = line


def rule_anchors(docs_dir):
    """{page.md: {explicit ids on it}} for every Markdown page."""
    return {str(path.relative_to(docs_dir).as_posix()):
            set(EXPLICIT_ID.findall(path.read_text(encoding="utf-8")))
            for path in Path(docs_dir).rglob("*.md")}


def heading_ids(text):
    """Ids MkDocs gives headings without an explicit one ("## Työväline" -> tyovaline)."""
    return {slugify(heading, "-") for heading in HEADING.findall(text)
            if not EXPLICIT_ID.search(heading)}


def check_pages(docs_dir, anchors, macro_names):
    """Every page's macro calls and internal links, before anything is built.
    macro_names: {macro: the names it accepts, or None for no argument}."""
    for path in sorted(Path(docs_dir).rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        shown = f"docs/{page}"
        text = path.read_text(encoding="utf-8")
        macros_on = re.match(r"---\n(?:.*\n)*?render_macros: *true\n(?:.*\n)*?---\n", text)
        for number, line in enumerate(text.splitlines(), 1):
            for name, argument in MACRO_CALL.findall(line):
                if name not in macro_names:
                    raise ContentError(shown, f"tuntematon makro '{name}' (makrot: "
                                       f"{', '.join(macro_names)})", number)
                if not macros_on:
                    raise ContentError(shown, f"makro '{name}' ei toimi, koska sivun alun "
                                       "tiedoista puuttuu render_macros: true", number)
                accepted = macro_names[name]
                if accepted is not None and argument not in accepted:
                    raise ContentError(shown, f"makrolle {name} ei ole nimeä '{argument}' "
                                       f"(nimet: {', '.join(accepted)})", number)
            for target in MARKDOWN_LINK.findall(line):
                check_link(target, page, anchors, docs_dir, shown, number)


def check_link(target, page, anchors, docs_dir, shown, line):
    """An internal link points at an existing page and, with #, a place on it."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...
        return
    target_page, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target_page)) \
        if target_page else page
    if resolved not in anchors:
        raise ContentError(shown, f"linkin kohdetta '{target_page}' ei ole kansiossa docs/", line)
    if anchor:
        ids = anchors[resolved] | heading_ids((Path(docs_dir) / resolved).read_text(encoding="utf-8"))
        if anchor not in ids:
            raise ContentError(shown, f"linkki '{target}': sivulla {resolved} ei ole kohtaa "
                               f"'#{anchor}'", line)


def check_nav(nav, docs_dir, config_text):
    """Every page named in mkdocs.yml's nav exists."""
    for page, title in page_titles(nav).items():
        if not (Path(docs_dir) / page).is_file():
            line = next((number for number, text in enumerate(config_text.splitlines(), 1)
                         if page in text), None)
            raise ContentError("mkdocs.yml", f"navigaation sivua '{page}' ({title}) ei ole "
                               "kansiossa docs/", line)


def check_rule(rule, anchors, file, line, item):
    """A rule reference "page.md#id" points at an explicit id on that page."""
    page, _, anchor = rule.partition("#")
    if page not in anchors:
        raise ContentError(file, f"säännön sivua '{page}' ei ole (muoto: sivu.md#tunniste)",
                           line, item)
    if anchor not in anchors[page]:
        raise ContentError(file, f"sivulla {page} ei ole kohtaa '#{anchor}'; lisää "
                           f"sivulle tunniste {{: #{anchor} }} tai korjaa viittaus", line, item)


def load_collections(docs_dir, data_file, what):
    """A data file of named collections (checklists, quizzes): its shown
    path and {name: collection}."""
    file = f"docs/{data_file}"
    collections = load_yaml(docs_dir, data_file)
    if not isinstance(collections, dict) or not collections:
        raise ContentError(file, f"tiedostossa pitää olla vähintään yksi {what}")
    return file, collections


def check_entries(collection, key, fields, anchors, file, where, kind, check=None):
    """A collection's entries (checklist items, questions): each with its
    fields, rule and unique id; `check` adds what one kind needs more."""
    entries = collection[key]
    if not entries:
        raise ContentError(file, f"kenttä '{key}' on tyhjä", collection.line, where)
    for entry in entries:
        label = f"{where}, {kind} '{entry.get('id', '?') if isinstance(entry, dict) else '?'}'"
        check_fields(entry, fields, file, label, collection.line)
        if check:
            check(entry, file, label)
        check_rule(entry["rule"], anchors, file, entry.line, label)
    check_ids(entries, file, f"{where}, {kind}")


def load_checklists(docs_dir, anchors):
    """The checklists, validated: {name: {"title", "items": [...]}}."""
    file, checklists = load_collections(docs_dir, CHECKLISTS_FILE, "tarkistuslista")
    for name, checklist in checklists.items():
        where = f"tarkistuslista '{name}'"
        check_fields(checklist, CHECKLIST_FIELDS, file, where)
        check_entries(checklist, "items", CHECKLIST_ITEM_FIELDS, anchors, file, where, "kohta")
    return checklists


def check_question(question, file, where):
    """Options and correct answers fit the question's type."""
    kind, line = question["type"], question.line
    if kind not in QUESTION_TYPES:
        raise ContentError(file, f"tuntematon kysymystyyppi '{kind}' (sallitut: "
                           f"{', '.join(QUESTION_TYPES)})", line, where)
    if kind == "truefalse":
        if question["answer"] is None:
            raise ContentError(file, "truefalse-kysymykseltä puuttuu answer: true tai false",
                               line, where)
        if question["options"] is not None:
            raise ContentError(file, "truefalse-kysymyksellä ei ole vaihtoehtoja (options); "
                               "vaihtoehdot ovat aina Totta ja Tarua", line, where)
        return
    if question["answer"] is not None:
        raise ContentError(file, f"answer kuuluu vain truefalse-kysymyksiin; merkitse "
                           f"{kind}-kysymyksen oikeat vaihtoehdot correct: true", line, where)
    options = question["options"] or []
    if len(options) < 2:
        raise ContentError(file, "kysymyksellä pitää olla vähintään kaksi vaihtoehtoa (options)",
                           line, where)
    for option in options:
        check_fields(option, OPTION_FIELDS, file, where, line)
    correct = sum(bool(option["correct"]) for option in options)
    if correct == 0:
        raise ContentError(file, "kysymyksessä ei ole yhtään oikeaa vaihtoehtoa "
                           "(merkitse oikea: correct: true)", line, where)
    if kind == "single" and correct > 1:
        raise ContentError(file, f"yksi oikea -kysymyksessä (type: single) on {correct} oikeaa "
                           "vaihtoehtoa; merkitse vain yksi tai käytä type: multiple", line, where)


def load_quizzes(docs_dir, anchors):
    """The quizzes, validated: {name: {"title", "pass_mark", ..., "questions"}}."""
    file, quizzes = load_collections(docs_dir, QUIZ_FILE, "kysely")
    for name, quiz in quizzes.items():
        where = f"kysely '{name}'"
        check_fields(quiz, QUIZ_FIELDS, file, where)
        if quiz["pass_mark"] is None:
            quiz["pass_mark"] = DEFAULT_PASS_MARK
        if not 1 <= quiz["pass_mark"] <= 100:
            raise ContentError(file, "hyväksymisrajan (pass_mark) pitää olla 1–100 prosenttia",
                               quiz.line, where)
        check_entries(quiz, "questions", QUESTION_FIELDS, anchors, file, where, "kysymys",
                      check=check_question)
    return quizzes


def page_titles(nav):
    """{page.md: title} from mkdocs.yml's nav, for naming a rule's page."""
    titles = {}
    for entry in nav or []:
        for title, target in entry.items():
            if isinstance(target, list):
                titles.update(page_titles(target))
            else:
                titles[target] = title
    return titles


def guideline_markdown(docs_dir, page, shift):
    """A guideline page's Markdown for the printable handbook: no front
    matter, no notes boxes, nothing from the first macro call on (those are
    the site's tools, not the guideline), headings `shift` levels lower;
    with shift 0 the page's title goes (the printable page has its own)."""
    text = (Path(docs_dir) / page).read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.split(r"^.*\{\{.*$", text, maxsplit=1, flags=re.M)[0]
    if shift == 0:
        text = re.sub(r"^# .*\n", "", text, count=1, flags=re.M)
    text = re.sub(r"^!!!.*\n(?:(?: {4}.*)?\n)*", "", text, flags=re.M)
    return re.sub(r"^(#+) ", lambda m: "#" * (len(m.group(1)) + shift) + " ", text, flags=re.M)


def last_changed(paths):
    """The date the newest of these files was committed (git), or today."""
    try:
        paths = list(paths)
        date = subprocess.run(["git", "log", "-1", "--format=%cs", "--", *map(str, paths)],
                              cwd=paths[0].parent, capture_output=True, text=True,
                              check=True).stdout.strip()
        return datetime.date.fromisoformat(date)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return datetime.date.today()


def template_environment(custom_dir):
    """The Jinja environment for overrides/handbook/*.html: autoescaped, so
    text in the YAML is always shown as text, never run as HTML."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(custom_dir) / "handbook"),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True)


def validate(docs_dir, nav, config_text):
    """All content checked at once, as the build and `python macros.py` do:
    returns (anchors, checklists, quizzes) or raises the first ContentError."""
    check_nav(nav, docs_dir, config_text)
    anchors = rule_anchors(docs_dir)
    checklists = load_checklists(docs_dir, anchors)
    quizzes = load_quizzes(docs_dir, anchors)
    check_pages(docs_dir, anchors, {"checklist": list(checklists), "quiz": list(quizzes),
                                    "posting_helper": None, "account_plan_form": None,
                                    "whole_guideline": None})
    return anchors, checklists, quizzes


def define_env(env):
    docs_dir = env.conf["docs_dir"]
    config_text = Path(env.conf["config_file_path"]).read_text(encoding="utf-8")
    anchors, checklists, quizzes = validate(docs_dir, env.conf["nav"], config_text)
    titles = page_titles(env.conf["nav"])
    templates = template_environment(env.conf["theme"].custom_dir)

    def rule_url(rule):
        """The rule's address relative to the page being rendered."""
        check_rule(rule, anchors, f"docs/{env.page.file.src_uri}", None, "sivun makro")
        page, _, anchor = rule.partition("#")
        target = File(page, docs_dir, env.conf["site_dir"], env.conf["use_directory_urls"])
        return f"{get_relative_url(target.url, env.page.url)}#{anchor}"

    def rule_title(rule):
        """The title of the page a rule is on."""
        return titles.get(rule.partition("#")[0], "")

    def render(template, **context):
        # Block-level HTML in Markdown must not be indented or hold blank lines
        html = templates.get_template(template).render(
            rule_url=rule_url, rule_title=rule_title, **context)
        return "\n".join(line.strip() for line in html.splitlines() if line.strip())

    def named(collection, name, what, data_file):
        """collection[name], or an error naming the page that asked for it."""
        if name not in collection:
            raise ContentError(f"docs/{env.page.file.src_uri}",
                               f"{what} '{name}' ei ole tiedostossa docs/{data_file} "
                               f"(nimet: {', '.join(collection)})")
        return collection[name]

    @env.macro
    def checklist(name):
        """{{ checklist("virka") }}: a checklist with remembered ticks."""
        return render("checklist.html", name=name,
                      checklist=named(checklists, name, "tarkistuslistaa", CHECKLISTS_FILE))

    @env.macro
    def posting_helper():
        """{{ posting_helper() }}: yes/no questions that bring up the right list."""
        return render("posting-helper.html", checklists=checklists)

    @env.macro
    def account_plan_form():
        """{{ account_plan_form() }}: the written plan for a new account."""
        return render("account-plan.html")

    @env.macro
    def quiz(name):
        """{{ quiz("perehdytys") }}: a self-check quiz, readable without JS."""
        return render("quiz.html", name=name,
                      quiz=named(quizzes, name, "kyselyä", QUIZ_FILE))

    @env.macro
    def whole_guideline():
        """{{ whole_guideline() }}: every page of the guideline on one page, to print."""
        parts = [guideline_markdown(docs_dir, page, 0 if page == "index.md" else 1)
                 for page in GUIDELINE_PAGES]
        changed = last_changed(Path(docs_dir) / page for page in GUIDELINE_PAGES)
        facts = render("print-facts.html", guideline=env.conf["extra"]["guideline"],
                       changed=f"{changed.day}.{changed.month}.{changed.year}")
        return facts + "\n\n" + "\n\n".join(parts)


def main(config_file="mkdocs.yml"):
    """`python macros.py`: check all content in a second, without building."""
    from mkdocs.utils.yaml import yaml_load

    config_path = Path(config_file)
    config_text = config_path.read_text(encoding="utf-8")
    config = yaml_load(config_text)
    docs_dir = config_path.parent / config.get("docs_dir", "docs")
    try:
        _, checklists, quizzes = validate(docs_dir, config.get("nav"), config_text)
    except ContentError as error:
        print(f"VIRHE: {error}")
        return 1
    pages = len(list(docs_dir.rglob("*.md")))
    items = sum(len(checklist["items"]) for checklist in checklists.values())
    questions = sum(len(quiz["questions"]) for quiz in quizzes.values())
    print(f"Sisältö on kunnossa: {pages} sivua, {items} tarkistuslistan kohtaa, "
          f"{questions} kysymystä.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
