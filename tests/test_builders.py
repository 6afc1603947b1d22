"""The content layer under each builder: macros.py takes what it needs from
MkDocs' (and ProperDocs') env and from Zensical's, and gives rule links that
each builder resolves to the same place; ProperDocs builds the very same
site as MkDocs, byte for byte (so its site needs no browser run of its own)."""

from types import SimpleNamespace

import pytest
from helpers import (
    ROOT,
    SUB_PATH,
    build_site,
    editors_data,
    mkdocs_config,
    rule_topic,
    rule_url,
)
from mkdocs.config import load_config

import macros


def test_rule_address_is_relative_to_the_page_being_rendered():
    assert macros.relative_url("a/", "b/") == "../a/"
    assert macros.relative_url("a/", "a/") == "./"
    assert macros.relative_url("", "b/") == "../"
    assert macros.relative_url("a/", "") == "a/"
    assert macros.relative_url("a.html", "b.html") == "a.html"


def test_page_urls_follow_use_directory_urls():
    assert macros.page_url("index.md") == ""
    assert macros.page_url("a.md") == "a/"
    assert macros.page_url("a.md", use_directory_urls=False) == "a.html"
    assert macros.page_url("sub/index.md") == "sub/"


def _macros_under(conf, page):
    env = SimpleNamespace(
        conf=conf,
        page=page,
        macros={},
        config={"j2_comment_start_string": "{##", "j2_comment_end_string": "##}"},
    )
    env.macro = lambda function: env.macros.setdefault(function.__name__, function)
    macros.define_env(env)
    return env.macros


def _zensical_conf():
    """The parts of Zensical's config macros.py reads: a plain dict, paths
    relative to root_dir, the theme a dict, no config_file_path, the nav
    converted by Zensical into {title, url, children} items."""
    convert_nav = pytest.importorskip("zensical.config")._convert_nav
    config = load_config(str(ROOT / "mkdocs.yml"))
    return {
        "root_dir": str(ROOT),
        "docs_dir": "docs",
        "theme": {"custom_dir": "overrides"},
        "nav": convert_nav(mkdocs_config()["nav"]),
        "extra": dict(config["extra"]),
        "markdown_extensions": ["attr_list", "zensical.extensions.macros"],
        "mdx_configs": {},
        "use_directory_urls": True,
    }


@pytest.fixture(scope="module")
def rule():
    """The rule of the first item of the first checklist: page.md#id."""
    name, checklist = next(iter(editors_data("checklists").items()))
    return name, checklist["items"][0]["rule"]


def test_under_zensical_a_rule_link_is_the_link_to_its_source_file(rule):
    name, target = rule
    page = SimpleNamespace(path="ennen-julkaisua.md", url="ennen-julkaisua/")
    rendered = _macros_under(_zensical_conf(), page)["checklist"](name)
    assert f'href="{target}"' in rendered


def test_under_mkdocs_a_rule_link_is_the_address_from_the_page(rule):
    name, target = rule
    page = SimpleNamespace(file=SimpleNamespace(src_uri="ennen-julkaisua.md"))
    rendered = _macros_under(load_config(str(ROOT / "mkdocs.yml")), page)["checklist"](name)
    assert f'href="../{rule_url(target)}"' in rendered


def test_under_zensical_a_rule_is_titled_by_the_heading_it_is_under(rule):
    _, target = rule
    page = SimpleNamespace(path="ennen-julkaisua.md", url="ennen-julkaisua/")
    quiz = _macros_under(_zensical_conf(), page)["quiz"]
    name = next(iter(editors_data("quiz")))
    question = editors_data("quiz")[name]["questions"][0]
    assert f'data-topic="{rule_topic(question["rule"])}"' in quiz(name)


def _built_files(builder, site_dir) -> dict:
    """{path: bytes} of the real project built by `python -m <builder> build --strict`."""
    result = build_site(ROOT, site_dir, f"http://127.0.0.1:8000{SUB_PATH}", builder=builder)
    assert result.returncode == 0, f"{builder}: {result.stderr}"
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def test_properdocs_builds_the_same_files_byte_for_byte_as_mkdocs(tmp_path):
    mkdocs_site = _built_files("mkdocs", tmp_path / "mkdocs")
    properdocs_site = _built_files("properdocs", tmp_path / "properdocs")
    assert "index.html" in mkdocs_site
    assert sorted(properdocs_site) == sorted(mkdocs_site)
    differing = [path for path in mkdocs_site if properdocs_site[path] != mkdocs_site[path]]
    assert differing == []
