"""A script that fails is no worse than no script. When our bundle or
Material's does not load (a proxy, a timeout) or does not parse (an old
browser), every page reads and works as with JavaScript off: no control
shows that nothing runs. One start-up (start.js) enhances each element on
its own, so an element whose feature throws is left as it came in the page,
and the rest of the page still works."""

import re

import pytest
from helpers import PAGES, SUB_PATH, page_calling

pytestmark = pytest.mark.browser

OUR_BUNDLE = re.compile(r"/assets/javascripts/handbook\.bundle\.[0-9a-f]+\.min\.js$")
MATERIAL_BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
CHECKLISTS = page_calling("posting_helper(")

# What the article shows a reader: the text of what is visible
ARTICLE_SHOWN = "() => document.querySelector('article').innerText"


def failing(route_kind):
    """What the server sends for a failing script, by kind of failure."""
    if route_kind == "blocked":
        return lambda route: route.abort()
    return lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="window.x = (("
    )


@pytest.fixture(scope="module")
def base_url(servers):
    return servers[SUB_PATH]


@pytest.fixture(scope="module")
def without_javascript(browser, base_url):
    """Each page's article as a reader sees it with JavaScript off."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    shown = {}
    for site_page in PAGES:
        page.goto(base_url + site_page.path)
        shown[site_page.path] = page.evaluate(ARTICLE_SHOWN)
    context.close()
    return shown


@pytest.mark.parametrize("failure", ["blocked", "not parsed"])
@pytest.mark.parametrize("bundle", [OUR_BUNDLE, MATERIAL_BUNDLE], ids=["ours", "Material's"])
def test_a_failed_bundle_leaves_every_page_as_without_javascript(
    open_page, base_url, without_javascript, bundle, failure
):
    watched = open_page()
    watched.page.route(bundle, failing(failure))
    for site_page in PAGES:
        watched.page.goto(base_url + site_page.path, wait_until="load")
        assert watched.page.locator("[data-js-only]:visible").count() == 0, site_page.path
        assert watched.page.evaluate(ARTICLE_SHOWN) == without_javascript[site_page.path], (
            site_page.path
        )


def break_first_checklist(route):
    """The page with its first checklist missing its progress line, which
    checklist.js needs: its start-up throws on that element."""
    html = route.fetch().text()
    html = html.replace('class="handbook-checklist__progress"', 'class="broken"', 1)
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)


def test_an_element_whose_feature_throws_is_left_as_without_javascript(open_page, base_url):
    watched = open_page()
    page = watched.page
    page.route(re.compile(re.escape(CHECKLISTS.path) + "$"), break_first_checklist)
    page.goto(base_url + CHECKLISTS.path, wait_until="networkidle")
    checklists = page.locator("[data-checklist]")
    broken, working = checklists.nth(0), checklists.nth(1)

    assert broken.get_attribute("data-failed") == ""
    assert broken.locator("[data-js-only]:visible").count() == 0
    broken.locator("input[data-item]").first.check()
    assert broken.locator("input[data-item]").first.is_checked()
    assert any("progress" in error or "null" in error for error in watched.console_errors)

    working.locator("input[data-item]").first.check()
    items = working.locator("input[data-item]").count()
    assert working.locator(".handbook-checklist__progress").inner_text().strip() == (
        f"1/{items} tarkistettu"
    )
    helper = page.locator("[data-posting-helper]")
    assert helper.get_attribute("data-enhanced") == ""
    choices = helper.locator("input[data-shows]")
    chosen, other = choices.nth(0), choices.nth(1)
    chosen.check()
    assert page.locator(f"[data-checklist={other.get_attribute('data-shows')}]").is_hidden()
