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

import datetime
import inspect
import posixpath
import re
import sys
from pathlib import Path

import jinja2
import markupsafe

# mkdocs-macros loads this file by its path: make the handbook package beside it importable
sys.path.insert(0, str(Path(__file__).resolve().parent))
import builders  # noqa: E402
import handbook  # noqa: E402
import handbook.dates  # noqa: E402
import handbook.history  # noqa: E402
from builders import internals  # noqa: E402

# Macros that take the name of a list or quiz, and where that name must be
MACROS_NAMED_BY = {"checklist": "checklists", "quiz": "quizzes"}
# The id of what each macro puts on a page (overrides/handbook/*.html), which
# an editor's text may link to: ennen-julkaisua.md#checklist-virka
MACRO_ANCHORS = {
    "checklist": "checklist-{}",
    "posting_helper": "posting-helper",
    "quiz": "quiz-{}",
}
# The editors' data each macro shows: a page changes when its data does
MACRO_DATA = {
    "checklist": [handbook.CHECKLISTS_FILE],
    "posting_helper": [handbook.CHECKLISTS_FILE],
    "quiz": [handbook.QUIZ_FILE],
}


def template_environment(custom_dir):
    """The Jinja environment for overrides/handbook/*.html: autoescaped, so
    text in the YAML is always shown as text, never run as HTML."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(custom_dir) / "handbook"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def shift_headings(markdown, levels):
    """Markdown with every heading `levels` lower (# -> ##)."""
    return re.sub(r"^(#+) ", lambda m: "#" * (len(m.group(1)) + levels) + " ", markdown, flags=re.M)


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


class Macros:
    """The handbook's page macros for one build, and what they render with:
    the checked content, the templates in overrides/handbook/, and the
    running builder's way of linking (builders/)."""

    def __init__(self, env):
        self.env, self.conf = env, env.conf
        self.builder = builders.adapter(self.conf)
        self.docs_dir, custom_dir = self.builder.project_dirs(self.conf)
        self.templates = template_environment(custom_dir)
        # The editors' texts are Markdown (handbook/inline.py): {{ text | markdown }}
        self.templates.filters["markdown"] = self.markdown
        self.templates.filters["markdown_text"] = self.markdown_text
        self.titles = self.builder.page_titles(self.conf["nav"])
        self.directory_urls = self.conf.get("use_directory_urls", True)
        self.content = None  # set by define_env, once everything is checked
        self.history = None  # the approved versions (handbook/history.py), likewise

    def all(self):
        return [
            self.checklist,
            self.posting_helper,
            self.account_plan_form,
            self.quiz,
            self.whole_guideline,
            self.change_history,
        ]

    def checklist(self, name):
        """{{ checklist("virka") }}: a checklist with remembered ticks."""
        return self.render("checklist.html", name=name, checklist=self.content.checklists[name])

    def posting_helper(self):
        """{{ posting_helper() }}: yes/no questions that bring up the right list."""
        return self.render("posting-helper.html", checklists=self.content.checklists)

    def account_plan_form(self):
        """{{ account_plan_form() }}: the written plan for a new account."""
        return self.render("account-plan.html")

    def quiz(self, name):
        """{{ quiz("perehdytys") }}: a self-check quiz, readable without JS."""
        return self.render("quiz.html", name=name, quiz=self.content.quizzes[name])

    def whole_guideline(self):
        """{{ whole_guideline() }}: the guideline's marked text of every
        guideline page, in order, on one page to print."""
        pages = self.conf["extra"]["guideline"]["pages"]
        parts = [
            shift_headings(part, 0 if page == "index.md" else 1)
            for page in pages
            for part in self.content.guideline[page]
        ]
        facts = self.render("print-facts.html", config=self.conf, page=self.env.page)
        return facts + "\n\n" + "\n\n".join(parts)

    def change_history(self):
        """{{ change_history() }}: marks the page that shows every approved
        version and what changed, rule by rule (handbook/history.py). The
        theme puts the history after the page's own text (main.html, from
        config.extra.guideline_history: not named after the macro, or a
        builder running macros as a Markdown extension finds the value
        instead): HTML from a template, not Markdown, which would read a
        long history through again at every build."""
        return ""

    def render(self, template, **context):
        # Block-level HTML in Markdown must not be indented or hold blank lines
        html = self.templates.get_template(template).render(
            rule_url=self.rule_url,
            rule_address=self.rule_address,
            rule_title=self.rule_title,
            **context,
        )
        return "\n".join(line.strip() for line in html.splitlines() if line.strip())

    def markdown(self, text):
        """An editor's text as HTML: its Markdown checked (handbook/) when
        the content was, its links to pages resolved as rule links are."""
        return markupsafe.Markup(self.content.texts.html(text, link=self.text_link))

    def markdown_text(self, text):
        """What a reader sees of an editor's text, as plain text."""
        return self.content.texts.text(text)

    def text_link(self, href):
        """A link of an editor's text: a page of the site (sivu.md#kohta)
        as the builder links to a rule; a whole address as it is."""
        if handbook.url_scheme(href):
            return href
        page, _, anchor = href.partition("#")
        link = self.rule_url(f"{page}#{anchor}")
        return link if anchor else link.removesuffix("#")

    def rule_address(self, rule):
        """The rule's address relative to the page being rendered (for data
        attributes, which no builder rewrites)."""
        page, _, anchor = rule.partition("#")
        here = page_url(self.builder.current_source(self.env.page), self.directory_urls)
        return f"{relative_url(page_url(page, self.directory_urls), here)}#{anchor}"

    def rule_url(self, rule):
        """The rule's link (href) in raw HTML, as the running builder
        resolves such links."""
        return self.builder.rule_link(rule, self.env.page, self.rule_address)

    def rule_title(self, rule):
        """What a rule is called: the heading it is under on its page (the
        page's title for a rule under the page's own heading)."""
        page, _, anchor = rule.partition("#")
        return self.content.sections.get(page, {}).get(anchor) or self.titles.get(page, "")


def define_env(env):
    """mkdocs-macros' entry point: the content checked once, the macros
    registered, the page dates and search synonyms handed to the theme."""
    conf = env.conf
    macros = Macros(env)
    project = content_project(conf, env.config, macros.all())
    try:
        macros.content = handbook.validate(project)
        # The approved versions and what changed (handbook/history.py)
        macros.history = handbook.history.read(project, macros.content.sections)
    except handbook.ContentError as error:
        try:  # MkDocs (or ProperDocs under its name) prints a plugin's error plainly
            from mkdocs.exceptions import PluginError
        except ImportError:  # Zensical: the error itself stops the build
            raise
        raise PluginError(str(error)) from None
    for macro in macros.all():
        env.macro(macro)
    conf["extra"]["page_changed"] = changed_dates(
        macros.docs_dir, macros.content, conf["extra"]["guideline"]["pages"]
    )
    # For the scripts, put on every page as JSON by overrides/main.html: the
    # search synonyms (search-fi.js), and the page each macro is on, so that
    # a script links to a tool where the pages put it (search-none.js)
    conf["extra"]["search_synonyms"] = macros.content.synonyms
    conf["extra"]["macro_pages"] = macro_pages(macros.content.calls, macros.directory_urls)
    # The history's version facts on every page, and each rule's version
    # for returning readers (changes.js, as JSON by main.html)
    # for python macros.py's coverage table and changes not yet approved
    internals.keep_checked_content(env, macros.content, macros.history)
    conf["extra"]["guideline"].update(version_facts(macros.history, conf["extra"]["guideline"]))
    conf["extra"]["guideline_history"] = handbook.history.as_data(
        macros.history, lambda key: rule_site_url(key, macros.directory_urls)
    )
    conf["extra"]["rule_versions"] = rule_versions(
        macros.history,
        macros.content.sections,
        conf["extra"]["macro_pages"].get("change_history", ""),
        macros.directory_urls,
    )


def version_facts(history, guideline):
    """The guideline's version, approval and date for the pages: the latest
    marked version's, with `unapproved` when the text published is newer;
    without a marked version, what mkdocs.yml sets (extra.guideline)."""
    approved = history.approved
    if not approved:
        return {"unapproved": False, "history_unknown": history.unknown}
    latest = approved[-1]
    return {
        "version": latest.name,
        "approval": latest.approval,
        "approved_on": handbook.dates.finnish(datetime.date.fromisoformat(latest.date)),
        "unapproved": history.unapproved is not None,
        "history_unknown": "",
        # What the latest version changed, for the printout (print-facts.html)
        "previous": approved[-2].name if len(approved) > 1 else "",
        "changes": [
            {"label": handbook.history.KINDS[change.kind], "heading": change.rule.heading}
            for change in latest.changes
        ],
    }


def rule_site_url(key, directory_urls):
    """page.md#id as the rule's address from the site's root."""
    page, _, anchor = key.partition("#")
    return f"{page_url(page, directory_urls)}#{anchor}"


def rule_versions(history, sections, history_page, directory_urls):
    """[{key, url, heading, hash, change}] of every rule now: url from the
    site's root; change: where the history page shows the newest change of
    its meaning ("" when none is known)."""
    changes = handbook.history.last_changes(history)
    rules = []
    for key, seen_as in history.seen_as.items():
        page, _, anchor = key.partition("#")
        rules.append(
            {
                "key": key,
                "page": page,
                "url": rule_site_url(key, directory_urls),
                "heading": sections.get(page, {}).get(anchor, ""),
                "hash": seen_as,
                "change": f"{history_page}#{changes[key]}"
                if history_page and key in changes
                else "",
            }
        )
    return rules


def macro_pages(calls, directory_urls):
    """{macro: the site path of the first page (in file order) that calls it}."""
    pages = {}
    for source, found in calls.items():
        for name, _ in found:
            pages.setdefault(name, page_url(source, directory_urls))
    return pages


def changed_dates(docs_dir, content, guideline_pages):
    """{page.md: "24.11.2026" or None (not committed yet)} for the page
    templates (config.extra.page_changed), or None without git history."""
    sources = {
        path.relative_to(docs_dir).as_posix(): {path.relative_to(docs_dir).as_posix()}
        for path in docs_dir.rglob("*.md")
    }
    for page, calls in content.calls.items():
        for name, _ in calls:
            sources[page].update(MACRO_DATA.get(name, []))
            if name == "whole_guideline":
                sources[page].update(guideline_pages)
    dates = handbook.dates.page_dates(docs_dir, sources)
    if dates is None:
        return None
    return {page: handbook.dates.finnish(date) if date else None for page, date in dates.items()}


def content_project(conf, plugin_config, macros):
    """What the content layer needs from the config (handbook.Project)."""
    guideline = conf["extra"]["guideline"]
    builder = builders.adapter(conf)
    docs_dir, custom_dir = builder.project_dirs(conf)
    return handbook.Project(
        docs_dir=docs_dir,
        templates_dir=custom_dir / "handbook",
        guideline_pages=guideline["pages"],
        # Zensical runs macros as a Markdown extension: not when reading pages
        markdown_extensions=[
            name for name in conf["markdown_extensions"] if "macros" not in str(name)
        ],
        markdown_configs=conf["mdx_configs"],
        jinja_options={
            key[3:]: value
            for key, value in plugin_config.items()
            if key.startswith("j2_") and value
        },
        macros={macro.__name__: inspect.signature(macro) for macro in macros},
        named_by=MACROS_NAMED_BY,
        macro_anchors=MACRO_ANCHORS,
        nav_pages=builder.nav_pages(conf["nav"]),
        config_file=builder.config_file(conf),
    )


if __name__ == "__main__":
    from builders import check

    sys.exit(check.main(*sys.argv[1:]))
