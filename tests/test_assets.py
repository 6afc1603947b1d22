"""Our styles and scripts are written one file per feature (overrides/assets/,
listed in mkdocs.yml) and served as one stylesheet and one script, joined and
minified by hooks/assets.py; theme.js alone loads in <head>."""

import re

import pytest

from helpers import BUILDER, PAGES, ROOT, mkdocs_config
from hooks import assets

pytestmark = pytest.mark.skipif(BUILDER == "zensical", reason="Zensical runs no hooks")

CONFIG = mkdocs_config()
BUNDLES = {assets.BUNDLES[key]: CONFIG[key] for key in assets.BUNDLES}
SCRIPT, STYLESHEET = assets.BUNDLES["extra_javascript"], assets.BUNDLES["extra_css"]
# Material's own files: fingerprinted names (bundle.a5f9d56c.min.js)
MATERIAL = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")


def loaded(site, page, pattern):
    html = (site / page.path / "index.html").read_text(encoding="utf-8")
    return [re.sub(r"^(\.\./)+", "", url) for url in re.findall(pattern, html)
            if not MATERIAL.search(url)]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.source)
def test_a_page_loads_one_script_of_ours_and_theme_js(site, page):
    scripts = loaded(site, page, r'<script src="([^"]+)"')
    assert sorted(set(scripts)) == sorted({SCRIPT, "assets/javascripts/theme.js"})


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.source)
def test_a_page_loads_one_stylesheet_of_ours(site, page):
    assert loaded(site, page, r'<link rel="stylesheet" href="([^"]+)"') == [STYLESHEET]


def minified(source):
    return assets.minify(source, (ROOT / "overrides" / source).read_text(encoding="utf-8"))


@pytest.mark.parametrize("bundle", BUNDLES)
def test_a_bundle_holds_every_source_whole_in_the_order_of_mkdocs_yml(site, bundle):
    text = (site / bundle).read_text(encoding="utf-8")
    positions = [text.index(minified(source)) for source in BUNDLES[bundle]]
    assert positions == sorted(positions)


@pytest.mark.parametrize("bundle", BUNDLES)
def test_a_bundle_holds_nothing_but_its_sources(site, bundle):
    text = (site / bundle).read_text(encoding="utf-8")
    for source in BUNDLES[bundle]:
        text = text.replace(minified(source), "").replace(f"/* {source} */", "")
    assert set(text) <= set(" \n;")


@pytest.mark.parametrize("bundle", BUNDLES)
def test_a_bundle_is_smaller_than_its_sources(site, bundle):
    sources = sum(len((ROOT / "overrides" / source).read_bytes()) for source in BUNDLES[bundle])
    assert (site / bundle).stat().st_size < 0.7 * sources


def test_joined_scripts_stay_separate_statements():
    # Without the ";" the second line would call the first one's result
    joined = assets.join("a.js", [("one.js", "(() => 1)()"), ("two.js", "(() => 2)()")])
    assert re.search(r"\(\)\s*=>\s*1\)\(\)\s*;\s*/\* two\.js \*/", joined)
