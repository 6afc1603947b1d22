"""Every reach into Material's or a plugin's internals (builders/internals.py)
still finds what it reaches for in the pinned versions. An upgrade that
changes one fails here, naming what changed, rather than as a strange
build or a silently unsandboxed page."""

import inspect

import jinja2.sandbox
import mkdocs_macros.context
from helpers import ROOT
from mkdocs.config import load_config

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


def test_a_deferred_script_entry_renders_with_defer():
    script = internals.deferred("assets/javascripts/x.js")
    assert (script.path, script.defer) == ("assets/javascripts/x.js", True), (
        "MkDocs' ExtraScriptValue changed: update internals.deferred"
    )


def test_checked_content_is_kept_where_the_quick_check_finds_it():
    config = configured()
    plugin = config.plugins["macros"]
    internals.keep_checked_content(plugin, "sisältö")
    assert internals.checked_content(config) == "sisältö"
