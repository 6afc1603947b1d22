"""Every keyboard focus stop is one the reader can see. On every page, at
phone, tablet and desktop widths, with JavaScript on and off, Tab through
every stop to the end and Shift+Tab back to the start; once what the focus
set moving has come to rest (Material's skip link slides in, its search
opens on focus, the drawer slides in), the focused element has a size, lies
inside the window, is neither transparent nor hidden (nor any element it is
in) and is not clipped away by a box it is in. An input Material draws as
nothing (its palette toggle) counts as seen when the label right after it,
which shows its focus, is seen.

Whether a stop is under the sticky header is tests/test_browser_focus_in_view.py's
question; both palettes' header is walked at more widths by a test of its
own, and the search is opened by keyboard, typed in and closed by Escape."""

import functools

import pytest
from helpers import PAGES, SEARCH_COUNT, SUB_PATH
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# A phone, a tablet (below 60em), just below the drawer's 76.25em, a desktop;
# the header's test takes the widths between
WIDTHS = [320, 768, 1219, 1280]
HEADER_WIDTHS = [320, 360, 412, 959, 960, 1024, 1219, 1280]  # Material's 60em and 76.25em
HEIGHT = 740
MOST_STOPS = 1000  # a page with more is a test that does not end

# The focused element once it and the boxes it is in have stopped moving:
# its stop number (marked on it) and why the reader cannot see it, or null
STEP = """async scripts => {
  const element = document.activeElement
  if (!element || element === document.body) return [null, null]
  element.dataset.focusStop ??= String(document.querySelectorAll("[data-focus-stop]").length)
  const stop = element.dataset.focusStop
  // Material reacts to focus a frame later (its search opens), then moves.
  // (A page without scripts gets no animation frames, nor timers.)
  if (scripts) {
    await new Promise(requestAnimationFrame)
    await new Promise(requestAnimationFrame)
  }
  const moving = document.getAnimations().filter(animation => {
    const target = animation.effect && animation.effect.target
    return target && target.contains && animation.playState === "running" &&
      animation.effect.getComputedTiming().endTime < 5000 && (target.contains(element) ||
      (element.nextElementSibling && target.contains(element.nextElementSibling)))
  })
  await Promise.race([
    Promise.allSettled(moving.map(animation => animation.finished)),
    new Promise(resolve => setTimeout(resolve, 2000)),
  ])

  const name = (element.getAttribute("aria-label") || element.title || element.textContent || "")
    .trim().replace(/\\s+/g, " ").slice(0, 50)
  const classes = typeof element.className === "string" && element.className.trim()
    ? "." + element.className.trim().split(/\\s+/).filter(c => c !== "focus-visible").join(".")
    : ""
  const what = `<${element.localName}${classes}> '${name}'`
  // Material's palette radio has no size; its focus is drawn on the label after it
  let shown = element
  const box0 = element.getBoundingClientRect()
  if (element.localName === "input" && box0.width < 1 && box0.height < 1 &&
      element.nextElementSibling && element.nextElementSibling.localName === "label")
    shown = element.nextElementSibling
  const box = shown.getBoundingClientRect()
  if (!shown.getClientRects().length || box.width < 2 || box.height < 2)
    return [stop, `${what}: no size (${Math.round(box.width)}x${Math.round(box.height)} px)`]
  if (box.right < 2 || box.bottom < 2 || box.left > innerWidth - 2 || box.top > innerHeight - 2)
    return [stop, `${what}: outside the window, at ` +
      `${Math.round(box.left)},${Math.round(box.top)} px`]
  for (let node = shown; node; node = node.parentElement) {
    const style = getComputedStyle(node)
    if (style.visibility !== "visible")
      return [stop, `${what}: visibility ${style.visibility}`]
    if (Number(style.opacity) < 0.1)
      return [stop,
        `${what}: opacity ${style.opacity} (<${node.localName} class="${node.className}">)`]
  }
  let left = box.left, top = box.top, right = box.right, bottom = box.bottom
  for (let node = shown.parentElement; node && node !== document.body; node = node.parentElement) {
    const style = getComputedStyle(node)
    if (style.overflowX === "visible" && style.overflowY === "visible" &&
        style.clipPath === "none" && style.clip === "auto") continue
    const clip = node.getBoundingClientRect()
    left = Math.max(left, clip.left); top = Math.max(top, clip.top)
    right = Math.min(right, clip.right); bottom = Math.min(bottom, clip.bottom)
    if (right - left < 2 || bottom - top < 2)
      return [stop, `${what}: clipped away by <${node.localName} class="${node.className}">`]
  }
  return [stop, null]
}"""


def walk(page, key, scripts):
    """[(stop, unseen or None)] for every stop key reaches from where focus
    is, until focus leaves the page or comes back to the first."""
    seen = []
    for _ in range(MOST_STOPS):
        page.keyboard.press(key)
        stop, unseen = page.evaluate(STEP, scripts)
        if stop is None or (seen and stop == seen[0][0]):
            return seen
        seen.append((stop, unseen))
    raise AssertionError(f"{key} reached more than {MOST_STOPS} stops")


@functools.cache
def _passes(browser, url, width, scripts):
    """(forward, backward): the stops of a Tab pass over the page and of a
    Shift+Tab pass back from its end."""
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT},
        java_script_enabled=scripts,
    )
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        forward = walk(page, "Tab", scripts)
        backward = walk(page, "Shift+Tab", scripts)
        return forward, backward
    finally:
        context.close()


@pytest.fixture
def passes(browser, servers):
    return lambda page, width, scripts: _passes(
        browser, servers[SUB_PATH] + page.path, width, scripts
    )


def report(stops, key):
    unseen = [unseen for _, unseen in stops if unseen]
    assert stops, f"{key} reached no focus stop: the test saw nothing"
    assert not unseen, f"{len(unseen)} of {len(stops)} stops unseen:\n" + "\n".join(unseen)


SCRIPTS = {"js": True, "no-js": False}


@pytest.mark.parametrize("scripts", SCRIPTS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_every_tab_stop_is_seen(passes, page, width, scripts):
    forward, _ = passes(page, width, SCRIPTS[scripts])
    report(forward, "Tab")


@pytest.mark.parametrize("scripts", SCRIPTS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_every_shift_tab_stop_is_seen(passes, page, width, scripts):
    _, backward = passes(page, width, SCRIPTS[scripts])
    report(backward, "Shift+Tab")


IN_CONTENT = "() => !!document.activeElement.closest('.md-content')"


@functools.cache
def _header_passes(browser, url, width, scripts, scheme):
    """(forward, backward): the stops of a Tab pass from the top of the page
    to its content, and of a Shift+Tab pass back from there to the top."""
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT},
        java_script_enabled=scripts,
        color_scheme=scheme,
    )
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        passes = []
        for key in ("Tab", "Shift+Tab"):
            stops = []
            for _ in range(MOST_STOPS):
                page.keyboard.press(key)
                stop, unseen = page.evaluate(STEP, scripts)
                if stop is None or (key == "Tab" and page.evaluate(IN_CONTENT)):
                    break
                stops.append((stop, unseen))
            passes.append(stops)
        return tuple(passes)
    finally:
        context.close()


@pytest.mark.parametrize("direction", ["Tab", "Shift+Tab"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("scripts", SCRIPTS)
@pytest.mark.parametrize("width", HEADER_WIDTHS)
def test_every_stop_before_the_content_is_seen_in_both_palettes(
    browser, servers, width, scripts, scheme, direction
):
    """The header (logo, menu, palette toggle, search) and, without scripts
    at narrow widths, the drawer: what the palette and the width change."""
    forward, backward = _header_passes(
        browser, servers[SUB_PATH] + PAGES[0].path, width, SCRIPTS[scripts], scheme
    )
    report(forward if direction == "Tab" else backward, direction)


@pytest.mark.parametrize("width", [320, 412, 959, 960, 1280])
def test_search_opens_by_keyboard_takes_typing_and_escape_closes_it(open_page, servers, width):
    """Tab reaches Material's search box, seen (below 60em focus opens the
    search over the page), typing finds a page, Escape closes the search."""
    page = open_page(
        servers[SUB_PATH] + PAGES[0].path, viewport={"width": width, "height": HEIGHT}
    ).page
    for _ in range(10):
        page.keyboard.press("Tab")
        _, unseen = page.evaluate(STEP, True)
        if page.evaluate("document.activeElement.matches('input.md-search__input')"):
            break
        assert unseen is None, unseen
    else:
        pytest.fail("Tab did not reach the search box")
    assert unseen is None, unseen
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type(PAGES[1].title.split()[0])
    expect(page.locator(".md-search-result__meta")).to_have_text(SEARCH_COUNT)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
