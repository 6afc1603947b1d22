"""The menu below 1220 px wide (Material's drawer) by keyboard, in real
Chromium (menu.js, handbook.css): Tab reaches a named menu button, Enter or
Space opens the drawer, Tab goes round the drawer's links, each on screen
when focused, Escape or the button closes it, aria-expanded tells which; a
closed drawer takes no Tab stops. From 1220 px on nothing changes. Without
JavaScript Tab reaches the drawer's links, on screen too."""

import pytest
from helpers import PAGES, SUB_PATH, axe_violations, mkdocs_config, page_url
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NARROW = [320, 1024, 1219]  # below Material's 76.25em (1220 px)
HEIGHT = 740
MENU = "[data-handbook-menu]"
DRAWER = ".md-sidebar--primary"
# The front page, whose own contents are a panel of the drawer, and the
# first page in a section of the nav, where the drawer opens on the
# section's panel
FRONT = PAGES[0].path
SECTION_PAGE = page_url(
    next(
        next(iter(entries[0].values()))
        for entry in mkdocs_config()["nav"]
        if isinstance(entry, dict)
        for entries in entry.values()
        if isinstance(entries, list)
    )
)

# Where the focused element is, and whether a reader sees it: the empty
# string if it is on screen, uncovered and not transparent, else why not
FOCUSED = """() => {
  const element = document.activeElement
  const box = element.getBoundingClientRect()
  const name = (element.getAttribute("aria-label") || element.textContent).trim().slice(0, 40)
  const inDrawer = !!element.closest(".md-sidebar--primary")
  let hidden = ""
  if (box.width < 1 || box.height < 1)
    hidden = "no size"
  else if (box.left < -1 || box.top < -1 ||
           box.right > innerWidth + 1 || box.bottom > innerHeight + 1)
    hidden = `off screen at ${Math.round(box.left)},${Math.round(box.top)}`
  else {
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    if (!hit || !(hit === element || element.contains(hit)))
      hidden = `covered by ${hit && hit.outerHTML.slice(0, 60)}`
    for (let node = element; node && !hidden; node = node.parentElement)
      if (getComputedStyle(node).opacity === "0" || getComputedStyle(node).visibility !== "visible")
        hidden = "transparent or hidden"
  }
  return {element: element.tagName, name, inDrawer, hidden,
          isMenu: element.matches("[data-handbook-menu]")}
}"""
# The links and other stops of the drawer a reader can reach (Material
# leaves some out of the layout at some widths), in page order
DRAWER_STOPS = """drawer => [...drawer.querySelectorAll(
  "a[href], button, input, [tabindex]:not([tabindex='-1'])")]
  .filter(element => element.getClientRects().length)
  .map(element =>
    (element.getAttribute("aria-label") || element.textContent).trim().slice(0, 40))"""
SETTLED = "Promise.allSettled(document.getAnimations().map(a => a.finished))"


@pytest.fixture
def at_width(open_page, servers):
    """A page of the site (served where instant navigation works) in a
    window `width` px wide."""

    def _open(width, path=FRONT, **options):
        return open_page(
            servers[SUB_PATH] + path, viewport={"width": width, "height": HEIGHT}, **options
        ).page

    return _open


def press(page, key):
    page.keyboard.press(key)
    page.evaluate(SETTLED)  # the drawer and its panels slide in and out
    return page.evaluate(FOCUSED)


def tab_to_menu(page):
    """Tab from the top of the page to the menu button; each stop on the way
    is on screen."""
    for _ in range(10):
        focused = press(page, "Tab")
        assert focused["hidden"] == "", focused
        if focused["isMenu"]:
            return
    pytest.fail("Tab did not reach the menu button")


def drawer_stops(page):
    return page.locator(DRAWER).evaluate(DRAWER_STOPS)


def drawer_open(page):
    return page.evaluate("document.getElementById('__drawer').checked")


@pytest.mark.parametrize("width", NARROW)
def test_tab_reaches_a_named_menu_button(at_width, width):
    page = at_width(width)
    tab_to_menu(page)
    button = page.get_by_role("button", name="Valikko", exact=True)
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("path", [FRONT, SECTION_PAGE], ids=["front", "in-section"])
@pytest.mark.parametrize("width", NARROW)
def test_enter_opens_the_drawer_and_tab_goes_round_its_links_on_screen(at_width, width, path):
    page = at_width(width, path)
    tab_to_menu(page)
    focused = press(page, "Enter")
    assert drawer_open(page) and focused["isMenu"] and focused["hidden"] == ""
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "true")
    stops = drawer_stops(page)
    visited = []
    for _ in range(len(stops) + 1):
        focused = press(page, "Tab")
        assert focused["hidden"] == "", focused
        if focused["isMenu"]:
            break
        assert focused["inDrawer"], f"Tab left the open drawer for {focused}"
        visited.append(focused["name"])
    else:
        pytest.fail("Tab did not come back round to the menu button")
    assert visited == stops
    # ... and Shift+Tab goes round the other way
    focused = press(page, "Shift+Tab")
    assert focused["inDrawer"] and focused["name"] == stops[-1] and focused["hidden"] == ""


@pytest.mark.parametrize("width", NARROW)
def test_space_opens_and_closes_the_drawer(at_width, width):
    page = at_width(width)
    tab_to_menu(page)
    press(page, "Space")
    assert drawer_open(page)
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "true")
    press(page, "Space")
    assert not drawer_open(page)
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("width", NARROW)
def test_escape_closes_the_drawer_and_focus_returns_to_the_button(at_width, width):
    page = at_width(width, SECTION_PAGE)
    tab_to_menu(page)
    press(page, "Enter")
    for _ in range(3):
        focused = press(page, "Tab")
    assert focused["inDrawer"]
    focused = press(page, "Escape")
    assert not drawer_open(page)
    assert focused["isMenu"] and focused["hidden"] == ""
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("width", NARROW)
def test_the_button_closes_the_drawer(at_width, width):
    page = at_width(width)
    tab_to_menu(page)
    press(page, "Enter")
    focused = press(page, "Shift+Tab")  # round to the last link, and back
    assert focused["inDrawer"]
    focused = press(page, "Tab")
    assert focused["isMenu"] and focused["hidden"] == ""
    press(page, "Enter")
    assert not drawer_open(page)
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("width", NARROW)
def test_closed_drawer_takes_no_tab_stops(at_width, width):
    """From the top of the page to its end, the drawer opened and closed
    once on the way: no stop is in the drawer."""
    page = at_width(width)
    tab_to_menu(page)
    press(page, "Enter")
    press(page, "Escape")
    stops = 0
    while True:
        focused = press(page, "Tab")
        if focused["element"] == "BODY" or focused["isMenu"]:
            break  # past the last stop
        assert not focused["inDrawer"], focused
        stops += 1
        assert stops < 300
    assert stops > 10, "Tab went through the page"


@pytest.mark.parametrize("width", NARROW)
def test_overlay_closes_the_drawer_and_aria_expanded_follows(at_width, width):
    page = at_width(width)
    page.locator(MENU).click()
    page.evaluate(SETTLED)
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "true")
    # Material's overlay, beside the drawer
    beside = page.evaluate(
        "(document.querySelector('.md-sidebar--primary').getBoundingClientRect().right"
        " + document.documentElement.clientWidth) / 2"
    )
    page.mouse.click(beside, HEIGHT // 2)
    assert not drawer_open(page)
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_drawer_breaks_no_axe_rule_and_logs_no_error(open_page, servers, scheme):
    """Open on a section's panel, whose title Material draws too faint."""
    watched = open_page(
        servers[SUB_PATH] + SECTION_PAGE,
        viewport={"width": 320, "height": HEIGHT},
        color_scheme=scheme,
    )
    tab_to_menu(watched.page)
    press(watched.page, "Enter")
    assert axe_violations(watched.page) == []
    assert watched.console_errors == []


def tab_through_drawer(page):
    """The names of the drawer's links Tab reaches, in order, each seen."""
    visited = []
    for _ in range(40):
        focused = press(page, "Tab")
        if focused["inDrawer"]:
            assert focused["hidden"] == "", focused
            visited.append(focused["name"])
        elif visited:
            break
    return visited


@pytest.mark.parametrize("width", [1220, 1600])
def test_from_1220_px_the_sidebar_is_as_material_made_it(at_width, width):
    """No menu button or drawer; Tab goes through the sidebar's links, on screen."""
    page = at_width(width)
    expect(page.locator(MENU)).to_be_hidden()
    expect(page.locator("label.md-header__button[for=__drawer]")).to_be_hidden()
    stops = drawer_stops(page)
    assert tab_through_drawer(page) == stops


@pytest.mark.parametrize("path", [FRONT, SECTION_PAGE], ids=["front", "in-section"])
@pytest.mark.parametrize("width", NARROW)
def test_without_javascript_tab_reaches_the_drawers_links_on_screen(at_width, width, path):
    """Without scripts Material's label opens the drawer only by pointer:
    the drawer slides in while keyboard focus is in it, so Tab reaches each
    link on screen, and slides out after the last."""
    page = at_width(width, path, java_script_enabled=False)
    expect(page.locator(MENU)).to_be_hidden()
    stops = drawer_stops(page)
    assert tab_through_drawer(page) == stops
    drawer = page.locator(DRAWER).evaluate("d => d.getBoundingClientRect().right")
    assert drawer <= 0, "the drawer stayed open after focus left it"


def test_menu_keeps_working_after_instant_navigation(at_width, servers):
    page = at_width(320)
    page.evaluate("window.loadedOnce = true")
    tab_to_menu(page)
    press(page, "Enter")
    for _ in range(len(drawer_stops(page))):
        focused = press(page, "Tab")
        if focused["name"] == PAGES[-1].nav_title:
            break
    page.keyboard.press("Enter")
    page.wait_for_url(servers[SUB_PATH] + PAGES[-1].path)
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded, not swapped"
    assert not drawer_open(page)
    page.locator(MENU).focus()
    focused = press(page, "Enter")
    assert drawer_open(page) and focused["isMenu"]
    focused = press(page, "Tab")
    assert focused["inDrawer"] and focused["hidden"] == ""


def test_drawer_and_search_are_closed_when_the_reader_comes_back(open_page, servers):
    """Coming back (Back) to a page left with the drawer or search open: the
    browser restores checked toggles, menu.js closes them."""
    page = open_page(servers["/"], viewport={"width": 320, "height": HEIGHT}).page
    page.locator(MENU).click()
    page.evaluate("document.getElementById('__search').click()")
    page.evaluate(SETTLED)
    page.goto(servers["/"] + PAGES[-1].path, wait_until="networkidle")
    page.go_back(wait_until="networkidle")
    page.evaluate(SETTLED)
    assert page.evaluate(
        "[...document.querySelectorAll('[data-md-toggle]')].map(t => t.checked)"
    ) == [
        False,
        False,
    ]
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "false")
