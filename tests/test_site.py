"""The built site: self-contained for an intranet without internet, and
every page states when it changed and which version of the guideline it is."""

import re

import pytest
from helpers import (
    GUIDELINE_PAGES,
    PAGES,
    ROOT,
    mkdocs_config,
    page_calling,
    page_text,
    page_url,
)

from macros import MACRO_ANCHORS

# An attribute or CSS url() that makes the browser fetch from another host
# (links a reader may click, <a href>, and the canonical address are fine)
FETCHING_REFERENCE = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\ssrc=["']?(?:https?:)?//"""
    r"""|<link\b(?![^>]*rel=["']?canonical)[^>]*\shref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:url\()?["']?(?:https?:)?//""",
    re.I,
)


def built_files(site, *suffixes):
    return [path for path in site.rglob("*") if path.suffix in suffixes]


def extra():
    """mkdocs.yml's extra: section, read as MkDocs reads it."""
    return mkdocs_config()["extra"]


def test_pages_and_stylesheets_fetch_nothing_from_other_hosts(site):
    offending = {
        str(path.relative_to(site)): FETCHING_REFERENCE.findall(path.read_text())
        for path in built_files(site, ".html", ".css")
    }
    assert {path: found for path, found in offending.items() if found} == {}


def test_fetching_reference_pattern_catches_external_resources():
    for example in [
        '<script src="https://cdn.example/x.js">',
        '<link rel="stylesheet" href="//fonts.googleapis.com/css">',
        "src: url(https://fonts.gstatic.com/a.woff2)",
    ]:
        assert FETCHING_REFERENCE.search(example), example
    assert not FETCHING_REFERENCE.search('<link rel="canonical" href="https://x.example/">')


@pytest.mark.parametrize(
    "needle", ["fonts.googleapis", "fonts.gstatic", "googletagmanager", "google-analytics"]
)
def test_no_web_fonts_or_analytics(site, needle):
    assert [str(p) for p in built_files(site, ".html", ".css") if needle in p.read_text()] == []


@pytest.mark.parametrize("path", [page.path for page in PAGES])
def test_page_shows_only_the_guideline_facts_the_city_has_set(site, path):
    """No made-up version or approval: a fact shows only when mkdocs.yml sets it."""
    guideline = extra()["guideline"]
    text = page_text(site, path)
    for fact, words in [("version", "Ohjeen versio"), ("approval", ""), ("contact", "Kysymykset:")]:
        if fact in guideline:
            assert f"{words} {guideline[fact]}.".strip() in text, fact
        elif words:
            assert words not in text, f"{fact} shown, but the city has set none"
    assert "täydennetään" not in text


@pytest.mark.parametrize("path", [page.path for page in PAGES if page.source != "koko-ohje.md"])
def test_page_states_when_its_content_last_changed(site, path):
    text = page_text(site, path)
    assert len(re.findall(r"Sivun sisältöä muutettu viimeksi \d{1,2}\.\d{1,2}\.\d{4}\.", text)) == 1


@pytest.mark.parametrize("path", [page.path for page in PAGES])
def test_page_language_is_finnish(site, path):
    assert '<html lang="fi"' in (site / path / "index.html").read_text()


def test_front_page_points_to_the_rules_the_checks_and_the_self_check(site):
    source = (site / "index.html").read_text(encoding="utf-8")
    box = re.search(r'<div class="admonition info">.*?</div>', source, re.S).group(0)
    rules = [page_url(source) for source in GUIDELINE_PAGES if page_url(source)]
    tools = [page_calling(macro).path for macro in ["checklist(", "quiz("]]
    for target in rules + tools:
        assert f'href="{target}"' in box, target


def test_printable_handbook_is_left_out_of_search(site):
    index = (site / "search/search_index.json").read_text(encoding="utf-8").replace(" ", "")
    assert f'"location":"{page_calling("whole_guideline(").path}' not in index
    for source in GUIDELINE_PAGES:
        assert f'"location":"{page_url(source)}' in index, source


def test_printable_handbook_has_no_forms_or_checklists(site):
    source = (site / page_calling("whole_guideline(").path / "index.html").read_text(
        encoding="utf-8"
    )
    article = re.search(r"<article.*?</article>", source, re.S).group(0)
    assert "<form" not in article and "<input" not in article


@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_every_page_links_to_its_source_file_for_editing(site, page):
    edit_uri = mkdocs_config()["edit_uri"]
    source = (site / page.path / "index.html").read_text(encoding="utf-8")
    assert f'href="{edit_uri}{page.source}" title="Muokkaa tätä sivua"' in source


@pytest.mark.parametrize("macro", list(MACRO_ANCHORS))
def test_the_id_an_editors_text_may_link_to_is_on_the_page_that_calls_the_macro(site, macro):
    """macros.MACRO_ANCHORS (ennen-julkaisua.md#checklist-virka in a data
    text) names ids the templates really write."""
    page = page_calling(macro + "(")
    text = (ROOT / "docs" / page.source).read_text(encoding="utf-8")
    argument = re.search(re.escape(macro) + r"\(\s*(?:name=)?\"([^\"]*)\"", text)
    anchor = MACRO_ANCHORS[macro].format(*([argument.group(1)] if argument else []))
    assert f'id="{anchor}"' in (site / page.path / "index.html").read_text(encoding="utf-8")


def test_the_not_found_page_says_so_in_its_title(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert f"<title>{heading} - {mkdocs_config()['site_name']}</title>" in html
