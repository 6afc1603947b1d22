"""Macros for the handbook pages (mkdocs-macros-plugin): thin glue.

define_env() loads and checks all content once with the handbook package
(handbook/: editors' data against handbook/schemas/, the pages' macro
calls, rule references), then renders the data through the Jinja templates
in overrides/handbook/. A problem stops the build before any page is
written, with every mistake listed in Finnish (file, line, item, fix).

`python macros.py` is the editors' quick check: it runs the same build into
a temporary folder, so it gives exactly the build's verdict, including
MkDocs' own link and nav checks (MUOKKAUSOHJE.md).

Pages opt in to macros with `render_macros: true` in their front matter.
"""

import inspect
import posixpath
import re
import sys
from pathlib import Path

import jinja2

# mkdocs-macros loads this file by its path: make the handbook package beside it importable
sys.path.insert(0, str(Path(__file__).resolve().parent))
import handbook  # noqa: E402
import handbook.dates  # noqa: E402

# Macros that take the name of a list or quiz, and where that name must be
MACROS_NAMED_BY = {"checklist": "checklists", "quiz": "quizzes"}
# The editors' data each macro shows: a page changes when its data does
MACRO_DATA = {"checklist": [handbook.CHECKLISTS_FILE], "posting_helper": [handbook.CHECKLISTS_FILE],
              "quiz": [handbook.QUIZ_FILE]}


def template_environment(custom_dir):
    """The Jinja environment for overrides/handbook/*.html: autoescaped, so
    text in the YAML is always shown as text, never run as HTML."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(custom_dir) / "handbook"),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True)


def page_titles(nav):
    """{page.md: title} from the nav: mkdocs.yml's own (MkDocs, ProperDocs;
    plain entries have no title) or Zensical's ({title, url, children})."""
    titles = {}
    for entry in nav or []:
        if isinstance(entry, dict) and "children" in entry:
            titles.update(page_titles(entry["children"]))
            if entry.get("title") and entry.get("url"):
                titles[entry["url"]] = entry["title"]
        elif isinstance(entry, dict):
            for title, target in entry.items():
                if isinstance(target, list):
                    titles.update(page_titles(target))
                else:
                    titles[target] = title
    return titles


def current_source(page):
    """The source file (under docs/) of the page being rendered: MkDocs'
    page.file.src_uri, or Zensical's page.path."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def shift_headings(markdown, levels):
    """Markdown with every heading `levels` lower (# -> ##)."""
    return re.sub(r"^(#+) ", lambda m: "#" * (len(m.group(1)) + levels) + " ", markdown,
                  flags=re.M)


def project_dirs(conf):
    """(docs folder, theme's custom_dir) as absolute paths, from MkDocs' or
    ProperDocs' config (config_file_path, a Theme object) or Zensical's
    (root_dir, a plain dict)."""
    root = (Path(conf["config_file_path"]).parent if conf.get("config_file_path")
            else Path(conf["root_dir"]))
    theme = conf["theme"]
    custom_dir = getattr(theme, "custom_dir", None) or theme["custom_dir"]
    return (root / conf["docs_dir"]).resolve(), (root / custom_dir).resolve()


def page_url(source, use_directory_urls=True):
    """The site path of a page's source file: index.md -> "", a.md -> "a/"
    (or "a.html" without directory URLs)."""
    path = source.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/" if use_directory_urls else path + ".html"


def relative_url(target, base):
    """target (a site path) as seen from the page at base (a site path)."""
    relative = posixpath.relpath("/" + target, "/" + posixpath.dirname(base))
    return relative + "/" if target.endswith("/") or not target else relative


def define_env(env):
    conf = env.conf
    docs_dir, custom_dir = project_dirs(conf)
    templates = template_environment(custom_dir)
    titles = page_titles(conf["nav"])
    guideline = conf["extra"]["guideline"]
    directory_urls = conf.get("use_directory_urls", True)
    content = None  # set below, once everything is checked

    def rule_address(rule):
        """The rule's address relative to the page being rendered (for data
        attributes, which no builder rewrites)."""
        page, _, anchor = rule.partition("#")
        here = page_url(current_source(env.page), directory_urls)
        return f"{relative_url(page_url(page, directory_urls), here)}#{anchor}"

    def rule_url(rule):
        """The rule's link (href) as the running builder resolves it:
        MkDocs and ProperDocs leave raw HTML alone, so they get the address
        itself; Zensical resolves raw HTML's links from the source file, so
        it gets the link to the rule's source file (page.md#id)."""
        if getattr(env.page, "file", None) is not None:
            return rule_address(rule)
        page, _, anchor = rule.partition("#")
        folder = posixpath.dirname(current_source(env.page)) or "."
        return f"{posixpath.relpath(page, folder)}#{anchor}"

    def rule_title(rule):
        """The title of the page a rule is on."""
        return titles.get(rule.partition("#")[0], "")

    def render(template, **context):
        # Block-level HTML in Markdown must not be indented or hold blank lines
        html = templates.get_template(template).render(
            rule_url=rule_url, rule_address=rule_address, rule_title=rule_title,
            **context)
        return "\n".join(line.strip() for line in html.splitlines() if line.strip())

    def checklist(name):
        """{{ checklist("virka") }}: a checklist with remembered ticks."""
        return render("checklist.html", name=name, checklist=content.checklists[name])

    def posting_helper():
        """{{ posting_helper() }}: yes/no questions that bring up the right list."""
        return render("posting-helper.html", checklists=content.checklists)

    def account_plan_form():
        """{{ account_plan_form() }}: the written plan for a new account."""
        return render("account-plan.html")

    def quiz(name):
        """{{ quiz("perehdytys") }}: a self-check quiz, readable without JS."""
        return render("quiz.html", name=name, quiz=content.quizzes[name])

    def whole_guideline():
        """{{ whole_guideline() }}: the guideline's marked text of every
        guideline page, in order, on one page to print."""
        pages = guideline["pages"]
        parts = [shift_headings(part, 0 if page == "index.md" else 1)
                 for page in pages for part in content.guideline[page]]
        facts = render("print-facts.html", config=conf, page=env.page)
        return facts + "\n\n" + "\n\n".join(parts)

    macros = [checklist, posting_helper, account_plan_form, quiz, whole_guideline]
    try:
        content = validate(conf, env.config, macros)
    except handbook.ContentError as error:
        try:  # MkDocs (or ProperDocs under its name) prints a plugin's error plainly
            from mkdocs.exceptions import PluginError
        except ImportError:  # Zensical: the error itself stops the build
            raise
        raise PluginError(str(error)) from None
    for macro in macros:
        env.macro(macro)
    env.handbook_content = content  # for python macros.py's coverage table
    conf["extra"]["page_changed"] = changed_dates(docs_dir, content, guideline["pages"])
    # Search synonyms for search-fi.js, put on every page as JSON by overrides/main.html
    conf["extra"]["search_synonyms"] = content.synonyms


def changed_dates(docs_dir, content, guideline_pages):
    """{page.md: "24.11.2026" or None (not committed yet)} for the page
    templates (config.extra.page_changed), or None without git history."""
    sources = {path.relative_to(docs_dir).as_posix(): {path.relative_to(docs_dir).as_posix()}
               for path in docs_dir.rglob("*.md")}
    for page, calls in content.calls.items():
        for name, _ in calls:
            sources[page].update(MACRO_DATA.get(name, []))
            if name == "whole_guideline":
                sources[page].update(guideline_pages)
    dates = handbook.dates.page_dates(docs_dir, sources)
    if dates is None:
        return None
    return {page: handbook.dates.finnish(date) if date else None for page, date in dates.items()}


def validate(conf, plugin_config, macros):
    """handbook.validate() with what the content layer needs from the config."""
    guideline = conf["extra"]["guideline"]
    docs_dir, custom_dir = project_dirs(conf)
    return handbook.validate(handbook.Project(
        docs_dir=docs_dir,
        templates_dir=custom_dir / "handbook",
        guideline_pages=guideline["pages"],
        # Zensical runs macros as a Markdown extension: not when reading pages
        markdown_extensions=[name for name in conf["markdown_extensions"]
                             if "macros" not in str(name)],
        markdown_configs=conf["mdx_configs"],
        jinja_options={key[3:]: value for key, value in plugin_config.items()
                       if key.startswith("j2_") and value},
        macros={macro.__name__: inspect.signature(macro) for macro in macros},
        named_by=MACROS_NAMED_BY))


def main(config_file="mkdocs.yml"):
    """`python macros.py`: the build's verdict in a second or two, without
    publishing anything (the site is built into a temporary folder)."""
    import logging
    import tempfile

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    problems = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.WARNING and not record.name.endswith("hooks.editors"):
                problems.append(record.getMessage())

    logging.getLogger("mkdocs").addHandler(Collect())
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("mkdocs").propagate = False
    content = None
    with tempfile.TemporaryDirectory() as site_dir:
        try:
            config = load_config(config_file, site_dir=site_dir, strict=True)
            build(config)
            content = getattr(config.plugins["macros"], "handbook_content", None)
        except (Abort, SystemExit):  # SystemExit: mkdocs-macros stops on a render error
            pass
        except Exception as error:  # a problem in the config file itself
            problems.append(str(error))
        pages = len(list(Path(config_file).parent.joinpath("docs").rglob("*.md")))
    for problem in problems:
        for line in problem.splitlines():
            if line.strip():
                print(f"VIRHE: {line}")
    if problems:
        return 1
    print(f"Sisältö on kunnossa: {pages} sivua.")
    if content is not None:
        print_coverage(handbook.coverage(content))
    return 0


def print_coverage(rows):
    """The editors' coverage table: each rule of the guideline, the quiz
    questions and checklist items that teach it; a rule without a question
    is pointed out (a warning, not an error)."""
    width = max(len(rule) for rule, _, _ in rows)
    print(f"\n{'Ohjeen kohta':{width}}  Kysymykset / Tarkistuslistan kohdat")
    for rule, questions, items in rows:
        print(f"{rule:{width}}  {', '.join(questions) or '–'} / {', '.join(items) or '–'}")
    missing = [rule for rule, questions, _ in rows if not questions]
    if missing:
        print(f"\nHUOM: {len(missing)} ohjeen kohdalla ei ole kysymystä: {', '.join(missing)}")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
