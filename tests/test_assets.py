"""Our styles and scripts are written one file per feature (overrides/assets/,
listed in mkdocs.yml) and served as one stylesheet and one script, joined and
minified by hooks/assets.py; theme.js alone loads in <head>, and loads our
script when Material's bundle has run. The stylesheet holds Material's own
stylesheets first, so a page loads one stylesheet in all."""

import re
from pathlib import Path

import pytest
from helpers import BUILDER, PAGES, ROOT, mkdocs_config
from mkdocs.config import load_config

from builders import internals
from hooks import assets

pytestmark = pytest.mark.skipif(BUILDER == "zensical", reason="Zensical runs no hooks")

CONFIG = mkdocs_config()
# Material's stylesheets, as its base.html links them for our mkdocs.yml
MKDOCS_CONFIG = load_config(str(ROOT / "mkdocs.yml"))
THEME_STYLES = internals.theme_stylesheets(MKDOCS_CONFIG.theme.get_env(), MKDOCS_CONFIG)
SOURCES = {
    "extra_javascript": CONFIG["extra_javascript"],
    "extra_css": THEME_STYLES + CONFIG["extra_css"],
}
# Our script, as theme.js's tag names it for theme.js to load
OUR_SCRIPT = r'<script src="[^"]*theme\.js"[^>]*\sdata-handbook-script="([^"]+)"'
# Material's own files and our bundles: fingerprinted names (bundle.a5f9d56c.min.js)
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
BUNDLE = re.compile(r"(.*)\.[0-9a-f]{8}\.min(\.\w+)$")


def loaded(site, page, pattern):
    """Site paths of what a page loads (pattern: one group, the address)."""
    html = (site / page.path / "index.html").read_text(encoding="utf-8")
    return [re.sub(r"^(\.\./)+", "", url) for url in re.findall(pattern, html)]


def ours(paths):
    """Our files among paths, a bundle by its name without the fingerprint."""
    return [
        BUNDLE.sub(r"\1\2", path)
        for path in paths
        if not FINGERPRINTED.search(path) or "/handbook." in path
    ]


@pytest.fixture(scope="module")
def bundles(site):
    """{bundle's site path: its sources in mkdocs.yml}, as the front page loads them."""
    front = next(page for page in PAGES if page.path == "")
    found = [
        path
        for pattern in (OUR_SCRIPT, r'<link rel="stylesheet" href="([^"]+)"')
        for path in loaded(site, front, pattern)
        if "/handbook.bundle." in path
    ]
    assert len(found) == len(assets.BUNDLES), found
    return {
        path: SOURCES[
            next(key for key, name in assets.BUNDLES.items() if BUNDLE.sub(r"\1\2", path) == name)
        ]
        for path in found
    }


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.source)
def test_a_page_loads_theme_js_which_names_our_one_script(site, page):
    tags = ours(loaded(site, page, r'<script src="([^"]+)"'))
    named = ours(loaded(site, page, OUR_SCRIPT))
    assert set(tags) == {"assets/javascripts/theme.js"}
    assert named == [assets.BUNDLES["extra_javascript"]]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.source)
def test_a_page_loads_one_stylesheet_in_all_ours(site, page):
    stylesheets = loaded(site, page, r'<link rel="stylesheet" href="([^"]+)"')
    assert [BUNDLE.sub(r"\1\2", path) for path in stylesheets] == [assets.BUNDLES["extra_css"]]


def test_materials_stylesheets_are_found_as_its_base_html_links_them():
    # main.css always, palette.css because mkdocs.yml sets a palette
    assert [re.sub(r"\.[0-9a-f]{8}\.", ".*.", path) for path in THEME_STYLES] == [
        "assets/stylesheets/main.*.min.css",
        "assets/stylesheets/palette.*.min.css",
    ]


def test_the_stylesheet_holds_materials_stylesheets_before_ours(site, bundles):
    stylesheet = next(path for path in bundles if path.endswith(".css"))
    assert bundles[stylesheet][: len(THEME_STYLES)] == THEME_STYLES


def test_the_stylesheet_states_its_encoding_once_at_its_start(site, bundles):
    stylesheet = next(path for path in bundles if path.endswith(".css"))
    text = (site / stylesheet).read_text(encoding="utf-8")
    assert text.startswith('@charset "UTF-8";')
    assert text.count("@charset") == 1


def test_a_bundle_is_named_by_its_content_so_browsers_may_keep_it():
    one = assets.fingerprinted("assets/javascripts/handbook.bundle.js", "a")
    assert FINGERPRINTED.search(one)
    assert one != assets.fingerprinted("assets/javascripts/handbook.bundle.js", "b")
    assert one == assets.fingerprinted("assets/javascripts/handbook.bundle.js", "a")


def test_a_bundle_is_named_by_the_content_served(site, bundles):
    for path in bundles:
        content = (site / path).read_text(encoding="utf-8")
        assert path == assets.fingerprinted(BUNDLE.sub(r"\1\2", path), content)


def minified(site, source):
    """A source as the bundle holds it; read from the site, where the build
    copies our sources and Material's files alike."""
    return assets.minify(source, (site / source).read_text(encoding="utf-8"))


def test_a_bundle_holds_every_source_whole_in_the_order_of_mkdocs_yml(site, bundles):
    for bundle, sources in bundles.items():
        text = (site / bundle).read_text(encoding="utf-8")
        positions = [text.index(minified(site, source)) for source in sources]
        assert positions == sorted(positions), bundle


def test_a_bundle_holds_nothing_but_its_sources(site, bundles):
    for bundle, sources in bundles.items():
        text = (site / bundle).read_text(encoding="utf-8")
        for source in sources:
            text = text.replace(minified(site, source), "").replace(f"/* {source} */", "")
        assert set(text.removeprefix(assets.STARTS[Path(bundle).suffix])) <= set(" \n;"), bundle


def test_a_bundle_holds_our_sources_minified(site, bundles):
    # Material's stylesheets are minified already and held as they are
    for bundle, sources in bundles.items():
        theirs = sum((site / source).stat().st_size for source in sources if source in THEME_STYLES)
        ours = sum(
            (site / source).stat().st_size for source in sources if source not in THEME_STYLES
        )
        assert (site / bundle).stat().st_size - theirs < 0.7 * ours, bundle


def test_joined_scripts_stay_separate_statements():
    # Without the ";" the second line would call the first one's result
    joined = assets.join("a.js", [("one.js", "(() => 1)()"), ("two.js", "(() => 2)()")])
    assert re.search(r"\(\)\s*=>\s*1\)\(\)\s*;\s*/\* two\.js \*/", joined)
