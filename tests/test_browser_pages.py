"""Every page, in real Chromium, served at / and under a sub-path, in the
light and the dark palette: accessible, self-contained, free of errors."""

import pytest
from helpers import (
    GUIDELINE_PAGES,
    PAGES,
    SUB_PATH,
    axe_violations,
    mkdocs_config,
    page_calling,
    page_url,
    rule_anchors,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCHEMES = ["light", "dark"]


def heading(page) -> str:
    """The page's h1 without its permalink sign."""
    return page.locator("article h1").evaluate("h => h.firstChild.textContent").strip()


@pytest.fixture(scope="module", params=["/", SUB_PATH], ids=["root", "sub-path"])
def base_url(request, servers):
    return servers[request.param]


@pytest.fixture
def visit(open_page, base_url):
    """Open one page; return the watched page once it has settled."""
    return lambda path, color_scheme="light": open_page(base_url + path, color_scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_page_is_finnish_self_contained_error_free_and_accessible(visit, page, scheme):
    """One visit per page and palette, everything asked of a loaded page:
    in Finnish with its title, nothing fetched from other hosts, no console
    error, no axe-core WCAG 2.1 A/AA violation in this palette."""
    watched = visit(page.path, scheme)
    assert watched.page.get_attribute("html", "lang") == "fi"
    assert heading(watched.page) == page.title
    assert watched.requests, "the page made no requests at all: the test saw nothing"
    assert watched.external_requests() == []
    assert watched.console_errors == []
    expected = "slate" if scheme == "dark" else "default"
    assert watched.page.get_attribute("body", "data-md-color-scheme") == expected
    assert axe_violations(watched.page) == []


def test_search_index_and_worker_load_from_the_site_itself(visit):
    watched = visit("")
    watched.page.keyboard.press("/")
    watched.page.keyboard.type("naantali")
    watched.page.locator(".md-search-result__item").first.wait_for()
    assert any(url.endswith("search/search_index.json") for url in watched.requests)
    assert any("lunr.fi.min.js" in url for url in watched.requests), (
        "the search worker's own requests are not seen"
    )
    assert watched.external_requests() == []
    assert watched.console_errors == []


def test_our_script_is_fetched_only_once_materials_bundle_has_run(visit):
    """On a slow connection our script never takes bandwidth Material's
    bundle needs (hooks/assets.py, theme.js): it is asked for at
    DOMContentLoaded, which Material's bundle, a blocking script, precedes."""
    page = visit("ennen-julkaisua/").page
    timing = page.evaluate(
        r"""() => ({
          contentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventStart,
          ours: performance.getEntriesByType("resource")
            .filter(entry => /\/handbook\.bundle\.\w+\.min\.js$/.test(entry.name))
            .map(entry => entry.startTime)
        })"""
    )
    assert len(timing["ours"]) == 1
    assert timing["ours"][0] >= timing["contentLoaded"]
    assert page.evaluate("handbook.started")


def test_our_script_is_asked_for_after_materials_start_up(open_page, servers):
    """Material starts its components from a DOMContentLoaded listener on the
    document; theme.js asks for our script from one on window, which runs
    after every listener on the document, so a profiler credits that task to
    Material's bundle. A listener on window registered before theme.js's
    runs between the two: our script must not be in the page yet."""
    page = open_page().page
    page.add_init_script(
        "addEventListener('DOMContentLoaded', () => window.oursAfterDocumentListeners ="
        " !document.querySelector('script[src*=\"handbook.bundle.\"]'))"
    )
    page.goto(servers[SUB_PATH])
    page.wait_for_function("window.handbook && handbook.started")
    assert page.evaluate("window.oursAfterDocumentListeners") is True


def test_site_sets_no_cookies(visit):
    watched = visit("")
    assert watched.page.evaluate("document.cookie") == ""
    assert watched.page.context.cookies() == []


def test_first_tab_reaches_the_skip_link(visit):
    page = visit("yksityishenkilona/").page
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Siirry sisältöön"


def test_keyboard_reaches_the_next_page_and_opens_it(visit, base_url):
    page = visit("").page
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-footer__link--next')"):
            break
    else:
        pytest.fail("Tab never reached the link to the next page")
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + PAGES[1].path)
    # instant navigation changes the address before it swaps the content
    expect(page.locator("article h1")).to_contain_text(PAGES[1].title)
    assert heading(page) == PAGES[1].title


def test_rule_anchor_link_lands_on_the_rule(visit):
    source = GUIDELINE_PAGES[-1]
    anchor = rule_anchors(source)[-1]
    page = visit(f"{page_url(source)}#{anchor}").page
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert page.locator(f"#{anchor}").is_visible()
    assert page.locator(f"#{anchor}").evaluate(
        "e => { const box = e.getBoundingClientRect();"
        " return box.top >= 0 && box.top < innerHeight }"
    )


def test_printing_leaves_out_navigation_and_search(visit):
    page = visit(page_calling("whole_guideline(").path).page
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer", ".handbook-print-hint"]:
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator(".handbook-print-facts").is_visible()


def test_search_dialog_has_a_name(visit):
    page = visit("").page
    page.locator("input.md-search__input").click()
    expect(page.get_by_role("dialog", name="Haku")).to_be_visible()


@pytest.mark.parametrize("path", [page.path for page in PAGES])
def test_controls_that_need_javascript_stay_hidden_without_it(open_page, base_url, path):
    page = open_page(base_url + path, java_script_enabled=False).page
    assert page.locator("[data-js-only]:visible").count() == 0


def test_the_palette_toggle_by_keyboard_says_what_it_does_and_does_it(visit):
    """Tab reaches one palette control, named as its toggle says in
    mkdocs.yml ("Vaihda tummaan teemaan"); Enter does that, and the control
    then in focus names the way back."""
    palettes = mkdocs_config()["theme"]["palette"]
    page = visit("").page
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-option')"):
            break
    focused = page.locator("input.md-option:focus")
    expect(focused).to_have_accessible_name(palettes[0]["toggle"]["name"])
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palettes[1]["scheme"])
    expect(page.locator("input.md-option:focus")).to_have_accessible_name(
        palettes[1]["toggle"]["name"]
    )
