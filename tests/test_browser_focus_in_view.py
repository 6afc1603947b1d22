"""Keyboard focus is never hidden under what Material keeps on screen over
the page: its sticky header and the "back to top" button it shows below the
header whenever the page scrolls up (as a Shift+Tab pass does). On every
page, at a desktop and a phone width, Tab through every focus stop to the
end and Shift+Tab back to the start; the browser scrolls each focused
element into view, and none may end up (even partly) under either.

A stop counts as hidden when its box and the header's (or the button's)
overlap and the header (or the button) is what lies on top there (Material's skip link,
drawn over the header while focused, is not hidden). Their own controls are
not counted, nor elements out of the window sideways (a closed drawer's), nor
one taller than the room below the header that fills that room."""

import functools

import pytest
from helpers import PAGES, SUB_PATH

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 360}
HEIGHT = 740
MOST_STOPS = 1000  # a page with more is a test that does not end

# Where the focused element is, against the sticky header (and its tabs, if
# a site turns them on) and "back to top": a description when one of them
# covers it, else null
HIDDEN_UNDER_MATERIAL = """() => {
  const element = document.activeElement
  if (!element || element === document.body) return null
  const covers = [...document.querySelectorAll(
    "[data-md-component=header], [data-md-component=tabs], [data-md-component=top]")]
  if (covers.some(cover => cover.contains(element))) return null
  const box = element.getBoundingClientRect()
  if (!box.width || !box.height || box.right <= 0 || box.left >= innerWidth) return null
  for (const cover of covers) {
    const bar = cover.getBoundingClientRect()
    // Taller than the room below the header and filling it (a long table
    // on a phone): as much of it as can be is in view
    if (box.height > innerHeight - bar.bottom && box.bottom >= innerHeight) continue
    const top = Math.max(box.top, bar.top), bottom = Math.min(box.bottom, bar.bottom)
    const left = Math.max(box.left, bar.left), right = Math.min(box.right, bar.right)
    if (bottom <= top || right <= left) continue
    const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2)
    if (hit && cover.contains(hit) && !element.contains(hit)) {
      const name = (element.getAttribute("aria-label") || element.title ||
        element.labels?.[0]?.textContent || element.textContent)
        .trim().replace(/\\s+/g, " ").slice(0, 60)
      return `<${element.localName}> '${name}' at ${Math.round(box.top)} px, ` +
        `under ${cover.dataset.mdComponent} (${Math.round(bar.top)}-${Math.round(bar.bottom)} px)`
    }
  }
  return null
}"""
SETTLE = "new Promise(requestAnimationFrame).then(() => new Promise(requestAnimationFrame))"
# A focus stop's identity across presses: the element itself, marked
MARK = """() => {
  const element = document.activeElement
  if (!element || element === document.body) return null
  element.dataset.focusStop ??= String(document.querySelectorAll("[data-focus-stop]").length)
  return element.dataset.focusStop
}"""


def walk(page, key):
    """[(stop, hidden or None)] for every stop key reaches from where focus
    is, until focus leaves the page or comes back to the first."""
    seen = []
    for _ in range(MOST_STOPS):
        page.keyboard.press(key)
        # Material shows or hides "back to top" a frame after the scroll
        page.evaluate(SETTLE)
        stop = page.evaluate(MARK)
        if stop is None or (seen and stop == seen[0][0]):
            return seen
        seen.append((stop, page.evaluate(HIDDEN_UNDER_MATERIAL)))
    raise AssertionError(f"{key} reached more than {MOST_STOPS} stops")


@functools.cache
def _passes(browser, url, width):
    """(forward, backward): the stops of a Tab pass over the page and of a
    Shift+Tab pass back from its end."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        forward = walk(page, "Tab")
        backward = walk(page, "Shift+Tab")
        return forward, backward
    finally:
        context.close()


@pytest.fixture
def passes(browser, servers):
    return lambda page, width: _passes(browser, servers[SUB_PATH] + page.path, WIDTHS[width])


def hidden_stops(stops):
    return [hidden for _, hidden in stops if hidden]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_tab_never_leaves_focus_under_the_header_or_back_to_top(passes, page, width):
    forward, _ = passes(page, width)
    assert forward, "Tab reached no focus stop: the test saw nothing"
    hidden = hidden_stops(forward)
    assert not hidden, f"{len(hidden)} of {len(forward)} stops hidden:\n" + "\n".join(hidden)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_shift_tab_never_leaves_focus_under_the_header_or_back_to_top(passes, page, width):
    _, backward = passes(page, width)
    assert backward, "Shift+Tab reached no focus stop: the test saw nothing"
    hidden = hidden_stops(backward)
    assert not hidden, f"{len(hidden)} of {len(backward)} stops hidden:\n" + "\n".join(hidden)
