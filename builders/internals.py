"""Every reach into Material's or a plugin's internals, in one place: what
the handbook needs that no public interface gives. Each is checked against
the pinned versions by tests/test_internals.py, which fails with a clear
message when an upgrade changes one (requirements/site.in pins them)."""

from pathlib import PurePosixPath

import jinja2.sandbox
from selectolax.lexbor import LexborHTMLParser


def no_git_variable():
    """mkdocs-macros (1.5) runs twelve git commands at every build for its
    `git` page variable and has no setting to turn that off; no page can use
    it (pages hold only the handbook's macro calls), so it is given as the
    plugin gives it without git. Must run before the plugin's on_config."""
    try:
        import mkdocs_macros.context
    except ImportError:  # another builder, without the plugin
        return
    mkdocs_macros.context.get_git_info = lambda: {"status": False, "date": None}


def sandbox_macros(plugin):
    """mkdocs-macros' Jinja environment (plugin.env, kept in plugin._env)
    rebuilt as a sandbox: defence in depth behind the check that a page
    holds only literal macro calls. After the plugin's on_config."""
    old = plugin.env
    sandbox = jinja2.sandbox.SandboxedEnvironment(
        loader=old.loader,
        undefined=old.undefined,
        block_start_string=old.block_start_string,
        block_end_string=old.block_end_string,
        variable_start_string=old.variable_start_string,
        variable_end_string=old.variable_end_string,
        comment_start_string=old.comment_start_string,
        comment_end_string=old.comment_end_string,
    )
    sandbox.globals.update(old.globals)
    sandbox.filters.update(old.filters)
    plugin._env = sandbox


def keep_checked_content(env, content, history=None):
    """The checked content and the guideline's history, kept on the macros
    plugin's env object (the plugin itself) for the editors' quick check's
    coverage table and its list of changes not yet approved."""
    env.handbook_content = content
    env.handbook_history = history


def checked_content(config):
    """What keep_checked_content kept in this build, or None."""
    return getattr(config.plugins["macros"], "handbook_content", None)


def checked_history(config):
    """The history keep_checked_content kept in this build, or None."""
    return getattr(config.plugins["macros"], "handbook_history", None)


def theme_stylesheets(env, config):
    """Site paths of the stylesheets Material's base.html links in its
    `styles` block, rendered for this config (palette.css only when
    mkdocs.yml sets a palette); [] for a theme without the block. env: the
    builder's own template environment, which keeps base.html compiled."""
    template = env.get_template("base.html")
    if "styles" not in template.blocks:
        return []
    context = template.new_context({"config": config, "base_url": ".", "page": None})
    html = "".join(template.blocks["styles"](context))
    return [
        str(PurePosixPath(link.attributes["href"]))
        for link in LexborHTMLParser(html).css('link[rel="stylesheet"]')
    ]


def show_failed_rebuilds(server, rebuild):
    """`mkdocs serve`'s live-reload server (MkDocs 1.6 LiveReloadServer)
    made to show a failed rebuild rather than hang. Its build loop calls
    server.builder() at each change; when that raises, the loop never marks
    the new version of the site visible and holds every request, and every
    open page's reload, until a rebuild succeeds. server.builder is run
    through rebuild(builder), which is to return normally: the open pages
    then reload. A missing file is answered with server.error_handler(404),
    which serves the site folder's 404.html without the live-reload script
    MkDocs adds to the site's pages; the script is added, with the version
    of the site being served, so that a page answered so (the error page of
    a failed build among them) reloads by itself after the next rebuild."""
    builder = server.builder
    server.builder = lambda: rebuild(builder)
    error_page = server.error_handler

    def error_page_that_reloads(code):
        page = error_page(code)
        if page is None:
            return None
        return server._inject_js_into_html(page, server._visible_epoch)

    server.error_handler = error_page_that_reloads


def forget_logged_messages():
    """MkDocs' command line (1.6) filters the build's logger through a
    DuplicateFilter: a message logged once is never logged again in the
    process, so in `mkdocs serve` a content error saved a second time
    showed nothing at all. Called before each build of the preview: each
    build shows all its messages (repeats within one build still dropped)."""
    from mkdocs.commands import build
    from mkdocs.utils import DuplicateFilter

    for log_filter in build.log.filters:
        if isinstance(log_filter, DuplicateFilter):
            log_filter.msgs.clear()


SEARCH_INDEX = "search/search_index.json"


def search_index_texts(site_dir):
    """The texts of the search index Material's search plugin (9.8) writes
    into the site: each section's title and its text with the HTML Material
    keeps in it taken out; None if the site has no search index."""
    import json
    from pathlib import Path

    index = Path(site_dir) / SEARCH_INDEX
    if not index.is_file():
        return None
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    return [
        text
        for doc in docs
        for text in (doc.get("title", ""), LexborHTMLParser(doc.get("text", "")).text())
    ]


# Material's base.html (9.8.1) writes its drawer and search toggles outside
# any template block, so no override reaches them, with autocomplete="off",
# which HTML allows on text-like inputs only: the W3C checker's error on
# every page. Material put it there so that Firefox does not restore a
# checked toggle when the reader comes back to a page (the drawer would be
# open again); menu.js closes both when a page is shown again instead.
MATERIAL_TOGGLES = tuple(
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}"'
    ' autocomplete="off">'
    for name in ("drawer", "search")
)


def valid_toggles(html):
    """A page Material made, its two toggles without autocomplete."""
    for toggle in MATERIAL_TOGGLES:
        html = html.replace(toggle, toggle.replace(' autocomplete="off"', ""), 1)
    return html


# Material's CSS (9.8.1, assets/stylesheets/main.*.min.css) that the drawer's
# keyboard rules in overrides/assets/stylesheets/handbook.css restate or
# build on: the width below which the navigation is a drawer, the open
# drawer and an open and a closed panel of it (slid in on keyboard focus),
# the layers (the drawer over the header, which comes over it while the menu
# button has focus) and the drawer's overflow (clipped instead). And what
# its rules that keep keyboard focus off controls drawn as nothing build on:
# the palette radio of no size whose focus shows on the label after it, the
# hidden "back to top" (transparent at once) and the search results' scroll
# box, of no height while the search is closed.
MATERIAL_DRAWER_CSS = (
    "@media screen and (max-width:76.234375em)",
    "@media screen and (min-width:76.25em)",
    "[data-md-toggle=drawer]:checked~.md-container .md-sidebar--primary"
    "{box-shadow:var(--md-shadow-z3);transform:translateX(12.1rem)}",
    ".md-nav__toggle:checked~.md-nav{opacity:1;transition:transform .25s"
    " cubic-bezier(.4,0,.2,1),opacity 125ms 125ms;transform:translateX(0)}",
    ".md-nav__toggle~.md-nav{display:flex;opacity:0;transition:transform .25s"
    " cubic-bezier(.8,0,.6,1),opacity 125ms 50ms;transform:translateX(100%)}",
    ".md-header{position:sticky;left:0;right:0;top:0;z-index:4;",
    ".md-sidebar--primary{position:fixed;top:0;z-index:5;",
    ".md-sidebar--primary .md-sidebar__scrollwrap{position:absolute;top:0;right:0;bottom:0;"
    "left:0;margin:0;overflow:hidden;",
    ".md-option{position:absolute;width:0;height:0;opacity:0}",
    ".md-option:checked+label:not([hidden]){display:block}",
    ".md-option.focus-visible+label{outline-style:auto;",
    ".md-top[hidden]{pointer-events:none;opacity:0;transition-duration:0s;",
    ".md-search__scrollwrap{max-height:0;",
    "[data-md-toggle=search]:checked~.md-header .md-search__scrollwrap{max-height:75vh}",
)
