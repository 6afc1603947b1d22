"""Our styles and scripts are written one file per feature (overrides/assets/,
listed in mkdocs.yml) and served as one stylesheet and one script, joined and
minified by hooks/assets.py; theme.js alone loads in <head>."""

import re

import pytest

from helpers import BUILDER, PAGES, ROOT, mkdocs_config
from hooks import assets

pytestmark = pytest.mark.skipif(BUILDER == "zensical", reason="Zensical runs no hooks")

CONFIG = mkdocs_config()
# Material's own files and our bundles: fingerprinted names (bundle.a5f9d56c.min.js)
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
BUNDLE = re.compile(r"(.*)\.[0-9a-f]{8}\.min(\.\w+)$")


def loaded(site, page, pattern):
    """Site paths of what a page loads (pattern: one group, the address)."""
    html = (site / page.path / "index.html").read_text(encoding="utf-8")
    return [re.sub(r"^(\.\./)+", "", url) for url in re.findall(pattern, html)]


def ours(paths):
    """Our files among paths, a bundle by its name without the fingerprint."""
    return [BUNDLE.sub(r"\1\2", path) for path in paths
            if not FINGERPRINTED.search(path) or "/handbook." in path]


@pytest.fixture(scope="module")
def bundles(site):
    """{bundle's site path: its sources in mkdocs.yml}, as the front page loads them."""
    front = next(page for page in PAGES if page.path == "")
    found = [path for pattern in (r'<script src="([^"]+)"', r'<link rel="stylesheet" href="([^"]+)"')
             for path in loaded(site, front, pattern) if "/handbook.bundle." in path]
    assert len(found) == len(assets.BUNDLES), found
    return {path: CONFIG[next(key for key, name in assets.BUNDLES.items()
                              if BUNDLE.sub(r"\1\2", path) == name)] for path in found}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.source)
def test_a_page_loads_one_script_of_ours_and_theme_js(site, page):
    scripts = ours(loaded(site, page, r'<script src="([^"]+)"'))
    assert sorted(set(scripts)) == sorted({assets.BUNDLES["extra_javascript"],
                                           "assets/javascripts/theme.js"})


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.source)
def test_a_page_loads_one_stylesheet_of_ours(site, page):
    stylesheets = ours(loaded(site, page, r'<link rel="stylesheet" href="([^"]+)"'))
    assert stylesheets == [assets.BUNDLES["extra_css"]]


def test_a_bundle_is_named_by_its_content_so_browsers_may_keep_it():
    one = assets.fingerprinted("assets/javascripts/handbook.bundle.js", "a")
    assert FINGERPRINTED.search(one)
    assert one != assets.fingerprinted("assets/javascripts/handbook.bundle.js", "b")
    assert one == assets.fingerprinted("assets/javascripts/handbook.bundle.js", "a")


def test_a_bundle_is_named_by_the_content_served(site, bundles):
    for path in bundles:
        content = (site / path).read_text(encoding="utf-8")
        assert path == assets.fingerprinted(BUNDLE.sub(r"\1\2", path), content)


def minified(source):
    return assets.minify(source, (ROOT / "overrides" / source).read_text(encoding="utf-8"))


def test_a_bundle_holds_every_source_whole_in_the_order_of_mkdocs_yml(site, bundles):
    for bundle, sources in bundles.items():
        text = (site / bundle).read_text(encoding="utf-8")
        positions = [text.index(minified(source)) for source in sources]
        assert positions == sorted(positions), bundle


def test_a_bundle_holds_nothing_but_its_sources(site, bundles):
    for bundle, sources in bundles.items():
        text = (site / bundle).read_text(encoding="utf-8")
        for source in sources:
            text = text.replace(minified(source), "").replace(f"/* {source} */", "")
        assert set(text) <= set(" \n;"), bundle


def test_a_bundle_is_smaller_than_its_sources(site, bundles):
    for bundle, sources in bundles.items():
        size = sum(len((ROOT / "overrides" / source).read_bytes()) for source in sources)
        assert (site / bundle).stat().st_size < 0.7 * size, bundle


def test_joined_scripts_stay_separate_statements():
    # Without the ";" the second line would call the first one's result
    joined = assets.join("a.js", [("one.js", "(() => 1)()"), ("two.js", "(() => 2)()")])
    assert re.search(r"\(\)\s*=>\s*1\)\(\)\s*;\s*/\* two\.js \*/", joined)
