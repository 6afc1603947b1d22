"""Every reach into Material's or a plugin's internals (builders/internals.py)
still finds what it reaches for in the pinned versions. An upgrade that
changes one fails here, naming what changed, rather than as a strange
build or a silently unsandboxed page."""

import inspect
import logging
from pathlib import Path

import jinja2.sandbox
import material
import mkdocs.__main__
import mkdocs_macros.context
from helpers import ROOT
from mkdocs.commands import build, serve
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import DuplicateFilter

from builders import internals


def configured():
    """mkdocs.yml loaded and every plugin's on_config and on_pre_build run."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    return config


def test_macros_plugin_still_reads_git_facts_through_the_function_replaced():
    source = inspect.getsource(mkdocs_macros.context)
    assert callable(getattr(mkdocs_macros.context, "get_git_info", None)), (
        "mkdocs-macros no longer has context.get_git_info: update internals.no_git_variable"
    )
    assert "= get_git_info()" in source, (
        "mkdocs-macros no longer calls get_git_info: update internals.no_git_variable"
    )


def test_macros_plugin_renders_pages_with_the_sandbox_put_in_its_place():
    plugin = configured().plugins["macros"]
    assert isinstance(plugin.env, jinja2.sandbox.SandboxedEnvironment), (
        "mkdocs-macros no longer keeps its environment in plugin._env: update "
        "internals.sandbox_macros"
    )


def test_material_base_template_still_links_its_stylesheets_in_the_styles_block():
    config = configured()
    env = config.theme.get_env()
    styles = internals.theme_stylesheets(env, config)
    assert any(path.startswith("assets/stylesheets/main.") for path in styles), (
        "Material's base.html no longer links main.*.css in its styles block: update "
        "internals.theme_stylesheets and hooks/assets.py"
    )


def test_checked_content_is_kept_where_the_quick_check_finds_it():
    config = configured()
    plugin = config.plugins["macros"]
    internals.keep_checked_content(plugin, "sisältö")
    assert internals.checked_content(config) == "sisältö"


def test_live_reload_server_still_rebuilds_with_its_builder_and_answers_misses_with_error_handler():
    loop = inspect.getsource(LiveReloadServer._build_loop)
    assert "self.builder()" in loop and "continue" in loop, (
        "MkDocs' build loop no longer calls server.builder() and skips the reload when it "
        "raises: update internals.show_failed_rebuilds"
    )
    assert "self.error_handler(code)" in inspect.getsource(LiveReloadServer.serve_request), (
        "MkDocs no longer answers a missing file with server.error_handler: update "
        "internals.show_failed_rebuilds"
    )
    assert "f'{code}.html'" in inspect.getsource(serve.serve), (
        "mkdocs serve no longer answers a missing file with the site's 404.html: update "
        "hooks/editors.py (the preview's error page)"
    )


def test_a_rebuild_runs_through_the_wrapper_and_an_error_page_gets_the_reload_script(tmp_path):
    def builder():
        pass

    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(tmp_path))
    server.error_handler = lambda code: b"<html><body>virhe</body></html>" if code == 404 else None
    runs = []
    internals.show_failed_rebuilds(server, runs.append)
    server.builder()
    assert runs == [builder], "LiveReloadServer no longer keeps its builder in server.builder"
    page = server.error_handler(404)
    assert page.startswith(b"<html><body>virhe<script>")
    assert b"livereload(%d, " % server._visible_epoch in page, (
        "LiveReloadServer._inject_js_into_html or _visible_epoch changed: update "
        "internals.show_failed_rebuilds"
    )
    assert server.error_handler(500) is None


def test_the_build_loggers_duplicate_filter_is_forgotten():
    assert "build.log.addFilter(utils.DuplicateFilter())" in inspect.getsource(
        mkdocs.__main__._enable_warnings
    ), "MkDocs' command line no longer filters repeated messages: update forget_logged_messages"
    duplicate = DuplicateFilter()
    build.log.addFilter(duplicate)
    try:
        record = logging.LogRecord(build.log.name, logging.ERROR, "", 0, "virhe", (), None)
        assert duplicate(record) and not duplicate(record)
        internals.forget_logged_messages()
        assert duplicate(record), (
            "DuplicateFilter no longer keeps its msgs: update forget_logged_messages"
        )
    finally:
        build.log.removeFilter(duplicate)


def test_materials_search_index_still_holds_each_sections_title_and_text(site):
    """hooks/search.py makes the search's word data from it."""
    texts = internals.search_index_texts(site)
    assert texts and any("<" not in text and len(text.split()) > 20 for text in texts)


def test_materials_base_template_still_writes_the_toggles_made_valid():
    """hooks/theme.py finds Material's toggles by their exact markup."""
    base = (Path(material.__file__).parent / "templates/base.html").read_text(encoding="utf-8")
    for toggle in internals.MATERIAL_TOGGLES:
        assert base.count(toggle) == 1, (
            f"Material's base.html no longer writes {toggle}: update internals.MATERIAL_TOGGLES "
            "(and see whether autocomplete is still there to take off)"
        )


def test_the_toggles_lose_only_their_autocomplete(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    for name in ("drawer", "search"):
        assert (
            f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">'
            in page
        )
    assert 'autocomplete="off">' not in internals.valid_toggles("".join(internals.MATERIAL_TOGGLES))


def test_materials_drawer_css_is_still_what_handbook_css_builds_on():
    """The menu by keyboard below 1220 px and the controls kept out of the
    Tab order while drawn as nothing (handbook.css) build on these."""
    stylesheets = Path(material.__file__).parent / "templates/assets/stylesheets"
    (main,) = stylesheets.glob("main.*.min.css")
    css = main.read_text(encoding="utf-8")
    changed = [rule for rule in internals.MATERIAL_DRAWER_CSS if rule not in css]
    assert changed == [], (
        "Material's CSS changed: update the drawer's (or the hidden controls') rules in "
        f"overrides/assets/stylesheets/handbook.css and internals.MATERIAL_DRAWER_CSS: {changed}"
    )
