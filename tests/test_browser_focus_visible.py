"""Every keyboard focus stop is one the reader can see. On every page, at
phone, tablet and desktop widths, with JavaScript on and off, one visit Tabs
through every stop to the end and Shift+Tabs back to the start; once what
the focus set moving has come to rest (Material's skip link slides in, its
search opens on focus, the drawer slides in), the focused element has a
size, lies inside the window, is neither transparent nor hidden (nor any
element it is in) and is not clipped away by a box it is in. An input
Material draws as nothing (its palette toggle) counts as seen when the label
right after it, which shows its focus, is seen. One assertion per visit
names every unseen stop: page, width, JavaScript, direction and element.

Whether a stop is under the sticky header is tests/test_browser_focus_in_view.py's
question; both palettes' header is walked (Tab to the content, Shift+Tab
back) at more widths by a test of its own, with JavaScript on and off, and
the search is opened by keyboard, typed in and closed by Escape at five
widths."""

import contextlib

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
SCRIPTS = {"js": True, "no-js": False}

# The focused element once it and the boxes it is in have stopped moving:
# {stop: its number (marked on it), unseen: why the reader cannot see it or
# null, content: whether it is in the page's content}; stop null when focus
# has left the page. What is still moving it (or the label after it: a
# permalink fading in, the skip link or the drawer sliding in) is brought to
# its end at once (Animation.finish()) rather than waited for: the state it
# comes to rest in, without the wait, which was most of a walk's time.
STEP = """async scripts => {
  const element = document.activeElement
  if (!element || element === document.body) return {stop: null}
  element.dataset.focusStop ??= String(document.querySelectorAll("[data-focus-stop]").length)
  const stop = element.dataset.focusStop
  // Material reacts to focus after a timer (its focus watch waits 1 ms, then
  // its search opens), then moves a frame later; headless frames may come
  // sooner than that timer, so both are awaited.
  // (A page without scripts gets no animation frames, nor timers.)
  if (scripts) {
    await new Promise(resolve => setTimeout(resolve, 5))
    await new Promise(requestAnimationFrame)
    await new Promise(requestAnimationFrame)
  }
  const moving = document.getAnimations().filter(animation => {
    const target = animation.effect && animation.effect.target
    return target && target.contains && animation.playState === "running" &&
      animation.effect.getComputedTiming().endTime < 5000 && (target.contains(element) ||
      (element.nextElementSibling && target.contains(element.nextElementSibling)))
  })
  for (const animation of moving) animation.finish()
  const content = !!element.closest(".md-content")

  const name = (element.getAttribute("aria-label") || element.title || element.textContent || "")
    .trim().replace(/\\s+/g, " ").slice(0, 50)
  const classes = typeof element.className === "string" && element.className.trim()
    ? "." + element.className.trim().split(/\\s+/).filter(c => c !== "focus-visible").join(".")
    : ""
  const what = `<${element.localName}${classes}> '${name}'`
  const unseen = why => ({stop, content, unseen: `${what}: ${why}`})
  // Material's palette radio has no size; its focus is drawn on the label after it
  let shown = element
  const box0 = element.getBoundingClientRect()
  if (element.localName === "input" && box0.width < 1 && box0.height < 1 &&
      element.nextElementSibling && element.nextElementSibling.localName === "label")
    shown = element.nextElementSibling
  const box = shown.getBoundingClientRect()
  if (!shown.getClientRects().length || box.width < 2 || box.height < 2)
    return unseen(`no size (${Math.round(box.width)}x${Math.round(box.height)} px)`)
  if (box.right < 2 || box.bottom < 2 || box.left > innerWidth - 2 || box.top > innerHeight - 2)
    return unseen(`outside the window, at ${Math.round(box.left)},${Math.round(box.top)} px`)
  for (let node = shown; node; node = node.parentElement) {
    const style = getComputedStyle(node)
    if (style.visibility !== "visible")
      return unseen(`visibility ${style.visibility}`)
    if (Number(style.opacity) < 0.1)
      return unseen(`opacity ${style.opacity} (<${node.localName} class="${node.className}">)`)
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
      return unseen(`clipped away by <${node.localName} class="${node.className}">`)
  }
  return {stop, content, unseen: null}
}"""


@contextlib.contextmanager
def visit(browser, url, width, scripts, scheme="light"):
    """The page at url in a context of its own (no stored state: what a
    first visit shows), once the network is idle."""
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT},
        java_script_enabled=scripts,
        color_scheme=scheme,
    )
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        yield page
    finally:
        context.close()


def walk(page, key, scripts, to_content=False):
    """[step] for every stop key reaches from where focus is, until focus
    leaves the page or comes back to the first (to_content: or reaches the
    page's content, that stop left out)."""
    seen = []
    for _ in range(MOST_STOPS):
        page.keyboard.press(key)
        step = page.evaluate(STEP, scripts)
        if step["stop"] is None or (seen and step["stop"] == seen[0]["stop"]):
            return seen
        if to_content and step["content"]:
            return seen
        seen.append(step)
    raise AssertionError(f"{key} reached more than {MOST_STOPS} stops")


def report(where, passes):
    """One assertion over a visit's passes ({key: [step]}): each reached a
    stop, and every unseen stop is named with where and the key."""
    empty = [key for key, steps in passes.items() if not steps]
    assert not empty, f"{where}: {' and '.join(empty)} reached no focus stop: the test saw nothing"
    unseen = [
        f"{key} stop {step['stop']}: {step['unseen']}"
        for key, steps in passes.items()
        for step in steps
        if step["unseen"]
    ]
    counts = ", ".join(f"{len(steps)} by {key}" for key, steps in passes.items())
    lines = "\n".join(unseen)
    assert not unseen, f"{where}: {len(unseen)} unseen of the stops ({counts}):\n{lines}"


@pytest.mark.parametrize("scripts", SCRIPTS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_every_tab_and_shift_tab_stop_is_seen(browser, servers, page, width, scripts):
    """Tab from the top through every stop to the end of the page, then
    Shift+Tab from there back to the start."""
    with visit(browser, servers[SUB_PATH] + page.path, width, SCRIPTS[scripts]) as tab:
        forward = walk(tab, "Tab", SCRIPTS[scripts])
        backward = walk(tab, "Shift+Tab", SCRIPTS[scripts])
    report(f"{page.source} at {width} px, {scripts}", {"Tab": forward, "Shift+Tab": backward})


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("scripts", SCRIPTS)
@pytest.mark.parametrize("width", HEADER_WIDTHS)
def test_every_stop_before_the_content_is_seen_in_both_palettes(
    browser, servers, width, scripts, scheme
):
    """The header (logo, menu, palette toggle, search) and, without scripts
    at narrow widths, the drawer: what the palette and the width change.
    Tab from the top to the first stop in the content, then Shift+Tab from
    there back past the top."""
    url = servers[SUB_PATH] + PAGES[0].path
    with visit(browser, url, width, SCRIPTS[scripts], scheme) as tab:
        forward = walk(tab, "Tab", SCRIPTS[scripts], to_content=True)
        backward = walk(tab, "Shift+Tab", SCRIPTS[scripts])
    report(
        f"{PAGES[0].source}'s header at {width} px, {scripts}, {scheme} palette",
        {"Tab": forward, "Shift+Tab": backward},
    )


@pytest.mark.parametrize("width", [320, 412, 959, 960, 1280])
def test_search_opens_by_keyboard_takes_typing_and_escape_closes_it(open_page, servers, width):
    """Tab reaches Material's search box, seen (below 60em focus opens the
    search over the page), typing finds a page, Escape closes the search."""
    page = open_page(
        servers[SUB_PATH] + PAGES[0].path, viewport={"width": width, "height": HEIGHT}
    ).page
    for _ in range(10):
        page.keyboard.press("Tab")
        step = page.evaluate(STEP, True)
        if page.evaluate("document.activeElement.matches('input.md-search__input')"):
            break
        assert step["unseen"] is None, step["unseen"]
    else:
        pytest.fail("Tab did not reach the search box")
    assert step["unseen"] is None, step["unseen"]
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type(PAGES[1].title.split()[0])
    expect(page.locator(".md-search-result__meta")).to_have_text(SEARCH_COUNT)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
