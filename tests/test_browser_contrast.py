"""Every button on the site, every link drawn as one and every heading's
permalink keep their text readable in every state, in both palettes: at
rest, under the mouse, with keyboard focus and pressed, the text is at least
4.5:1 against what lies behind it (WCAG 2.1 1.4.3), and with keyboard focus
the outline is at least 3:1 against the page around it (1.4.11).

What is measured is found on the built pages, not listed here: every
<button> with text and every a.md-button in the content, every permalink
(one per heading level: they are styled alike) and Material's "back to top"
button. The buttons are grouped by their text and classes (the quiz's
"Tarkista" buttons, one per question, are one kind), each kind measured
once where it first shows. Buttons that only scripts show (Kumoa, Seuraava kysymys, the quiz's
summary) are shown by taking the hidden attribute away from them and their
ancestors; "back to top" shows as Material shows it, when the reader
scrolls back up; a permalink shows while its heading is under the mouse.

Colours are read from getComputedStyle: the text colour blended over the
first opaque background up the ancestors, every translucent layer on the
way alpha-blended (Material's colours are rgba and hsla, and its variables
end in them); a colour Chromium gives in another form (oklch(),
color-mix()) is converted by drawing it on a canvas."""

import functools
import re

import pytest
from helpers import PAGES, SUB_PATH, mkdocs_config

pytestmark = pytest.mark.browser

TEXT_MINIMUM = 4.5  # WCAG 2.1 1.4.3, normal-size text
NON_TEXT_MINIMUM = 3.0  # WCAG 2.1 1.4.11, focus indicators and control borders
# The palettes as mkdocs.yml lists them: the scheme Material puts on <body>
# and the system setting (prefers-color-scheme) that chooses it
PALETTES = {
    palette["scheme"]: re.search(r"prefers-color-scheme:\s*(\w+)", palette["media"]).group(1)
    for palette in mkdocs_config()["theme"]["palette"]
}
STATES = ["resting", "hover", "focus", "pressed"]
# A permalink is hidden until its heading is under the mouse
PERMALINK_STATES = ["heading hover", *STATES]
BACK_TO_TOP = "Material's back-to-top button"
MOUSE_AWAY = (0, 0)  # the header's left corner: nothing measured is there

# Shows what the hidden attribute hides, marks one element of each kind
# that is now on screen with data-contrast-probe and returns the kinds:
# [{probe, label, classes, permalink}], probe null for a kind that could not
# be shown.
MARK_PROBES = """() => {
  const found = [...document.querySelectorAll(
    ".md-content :is(button, a.md-button, a.headerlink)")]
    .filter(element => element.textContent.trim())
  for (const element of found)
    for (let e = element; e; e = e.parentElement) e.removeAttribute("hidden")
  const kinds = new Map()
  found.forEach((element, index) => {
    const permalink = element.classList.contains("headerlink")
    const text = element.textContent.trim().replace(/\\s+/g, " ")
    const label = permalink ? `${text} (${element.parentElement.localName})` : text
    const key = `${label}|${element.className}`
    if (!kinds.has(key))
      kinds.set(key, {probe: null, label, classes: element.className, permalink})
    const kind = kinds.get(key)
    if (kind.probe === null && element.checkVisibility()) {
      kind.probe = String(index)
      element.dataset.contrastProbe = kind.probe
    }
  })
  return [...kinds.values()]
}"""

# The colours of an element as the reader sees them: {shown, text,
# background, ratio, outline: {style, width, colour, around, ratio}},
# colours as [r, g, b] (0-255) after blending; shown false while the
# element (or an ancestor) is fully transparent.
MEASURE = """element => {
  const canvas = document.createElement("canvas")
  canvas.width = canvas.height = 1
  const context = canvas.getContext("2d", {willReadFrequently: true})
  const rgba = value => {
    const plain = value.match(/^rgba?\\(([^)]*)\\)$/)
    if (plain) {
      const [r, g, b, a = 1] = plain[1].split(/[\\s,\\/]+/).filter(Boolean).map(parseFloat)
      return [r, g, b, a]
    }
    const srgb = value.match(/^color\\(srgb ([^)]*)\\)$/)
    if (srgb) {
      const [r, g, b, a = 1] = srgb[1].split(/[\\s\\/]+/).filter(Boolean).map(parseFloat)
      return [r * 255, g * 255, b * 255, a]
    }
    context.clearRect(0, 0, 1, 1)
    context.fillStyle = value
    context.fillRect(0, 0, 1, 1)
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data
    return [r, g, b, a / 255]
  }
  // A colour of alpha a over an opaque one
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3]))
  const behind = start => {
    const layers = []
    for (let e = start; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor)
      if (colour[3] > 0) layers.push(colour)
      if (colour[3] >= 1) break
    }
    // Nothing opaque up to <html>: the browser's canvas, white
    let colour = [255, 255, 255]
    for (const layer of layers.reverse()) colour = over(layer, colour)
    return colour
  }
  const luminance = colour => {
    const [r, g, b] = colour.map(c => {
      c /= 255
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
    return (light + 0.05) / (dark + 0.05)
  }
  let opacity = 1
  for (let e = element; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity)
  const style = getComputedStyle(element)
  const [r, g, b, a] = rgba(style.color)
  const background = behind(element)
  const text = over([r, g, b, a * opacity], background)
  const around = behind(element.parentElement)
  const outlineColour = over(rgba(style.outlineColor), around)
  return {
    shown: opacity > 0, text, background, ratio: ratio(text, background),
    outline: {
      style: style.outlineStyle, width: parseFloat(style.outlineWidth),
      colour: outlineColour, around, ratio: ratio(outlineColour, around),
    },
  }
}"""
# Transitions (Material's buttons fade 125 ms) end before a colour is read
SETTLE = "Promise.allSettled(document.getAnimations().map(a => a.finished))"


def hex_colour(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def release(page):
    """No state left: the mouse released away from everything measured (a
    press released elsewhere clicks nothing), no focus."""
    page.mouse.move(*MOUSE_AWAY)
    page.mouse.up()
    page.evaluate("document.activeElement && document.activeElement.blur()")


def keyboard_focus(page, element):
    """Focus reached by the keyboard, so that :focus-visible applies as for
    a reader who tabs to it: from the stop before it, Tab."""
    element.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")


def put_in_state(page, element, state, focus=keyboard_focus):
    release(page)
    if state == "heading hover":
        # The heading's first letter, not its permalink at the end
        element.locator("xpath=..").hover(position={"x": 2, "y": 2})
    elif state == "hover":
        element.hover()
    elif state == "focus":
        focus(page, element)
        focused = element.evaluate(
            "e => e === document.activeElement && e.matches(':focus-visible')"
        )
        assert focused, f"no keyboard focus on {element}"
    elif state == "pressed":
        element.hover()
        page.mouse.down()
    page.evaluate(SETTLE)
    return element.evaluate(MEASURE)


def open_in(browser, url, scheme):
    """A new context and page at url in a palette, chosen as a reader's
    system setting chooses it."""
    context = browser.new_context(color_scheme=PALETTES[scheme])
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    assert page.get_attribute("body", "data-md-color-scheme") == scheme
    return context, page


@functools.cache
def _measured(browser, base_url, path, scheme):
    """{(label, classes): {state: measurement}} of one page in one palette;
    a kind that could not be shown is None."""
    context, page = open_in(browser, base_url + path, scheme)
    try:
        results = {}
        for kind in page.evaluate(MARK_PROBES):
            key = (kind["label"], kind["classes"])
            if kind["probe"] is None:
                results[key] = None
                continue
            element = page.locator(f'[data-contrast-probe="{kind["probe"]}"]')
            states = PERMALINK_STATES if kind["permalink"] else STATES
            results[key] = {state: put_in_state(page, element, state) for state in states}
            release(page)
        return results
    finally:
        context.close()


def programmatic_focus(page, element):
    """Focus from a script before any mouse press: Chromium shows it as
    keyboard focus (:focus-visible). "Back to top" cannot be reached by Tab
    from its neighbour here: reaching it scrolls the page down, and Material
    hides it when the page scrolls down."""
    element.focus()


@functools.cache
def _back_to_top_measured(browser, base_url, scheme):
    """{state: measurement} of Material's "back to top" button, shown as a
    reader brings it up: on the longest page, scrolled down and back up."""
    context, page = open_in(browser, base_url + PAGES[0].path, scheme)
    try:
        heights = {}
        for candidate in PAGES:
            page.goto(base_url + candidate.path, wait_until="networkidle")
            heights[candidate.path] = page.evaluate("document.documentElement.scrollHeight")
        page.goto(base_url + max(heights, key=heights.get), wait_until="networkidle")
        page.mouse.move(*MOUSE_AWAY)
        page.mouse.wheel(0, page.evaluate("innerHeight") * 3)
        page.mouse.wheel(0, -page.evaluate("innerHeight"))
        button = page.locator(".md-top")
        page.wait_for_function("!document.querySelector('.md-top').hidden")
        return {state: put_in_state(page, button, state, programmatic_focus) for state in STATES}
    finally:
        context.close()


@pytest.fixture
def measured(browser, servers):
    return lambda page, scheme: _measured(browser, servers[SUB_PATH], page.path, scheme)


@pytest.fixture
def back_to_top(browser, servers):
    return lambda scheme: _back_to_top_measured(browser, servers[SUB_PATH], scheme)


def too_faint(where, name, states):
    """A line for each state whose text is shown below TEXT_MINIMUM."""
    return [
        f"{where}, {state}: {name} {values['ratio']:.2f}:1, "
        f"{hex_colour(values['text'])} on {hex_colour(values['background'])}"
        for state, values in states.items()
        if values["shown"] and values["ratio"] < TEXT_MINIMUM
    ]


def faint_outline(where, name, focused):
    """A line if the focused element has no outline or a faint one."""
    outline = focused["outline"]
    if outline["style"] == "none" or outline["width"] < 1:
        return [f"{where}: {name} has no focus outline"]
    if outline["ratio"] < NON_TEXT_MINIMUM:
        return [
            f"{where}: {name} focus outline {outline['ratio']:.2f}:1, "
            f"{hex_colour(outline['colour'])} on {hex_colour(outline['around'])}"
        ]
    return []


@pytest.mark.parametrize("scheme", PALETTES)
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_text_of_buttons_and_permalinks_is_readable_in_every_state(measured, page, scheme):
    assert measured(page, scheme), "nothing found to measure: the test saw nothing"
    failing = [
        line
        for (label, classes), states in measured(page, scheme).items()
        if states
        for line in too_faint(f"{page.source}, {scheme}", f"'{label}' ({classes})", states)
    ]
    assert not failing, "\n".join(failing)


@pytest.mark.parametrize("scheme", PALETTES)
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_every_kind_of_button_can_be_shown_and_measured(measured, page, scheme):
    """A kind that stays hidden after its hidden attributes are taken away
    would go unmeasured: none may."""
    hidden = [key for key, states in measured(page, scheme).items() if states is None]
    assert not hidden, f"not shown: {hidden}"


@pytest.mark.parametrize("scheme", PALETTES)
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_keyboard_focus_outline_of_buttons_and_permalinks_stands_out(measured, page, scheme):
    failing = [
        line
        for (label, classes), states in measured(page, scheme).items()
        if states
        for line in faint_outline(
            f"{page.source}, {scheme}", f"'{label}' ({classes})", states["focus"]
        )
    ]
    assert not failing, "\n".join(failing)


@pytest.mark.parametrize("scheme", PALETTES)
def test_back_to_top_text_is_readable_in_every_state(back_to_top, scheme):
    failing = too_faint(scheme, BACK_TO_TOP, back_to_top(scheme))
    assert not failing, "\n".join(failing)


@pytest.mark.parametrize("scheme", PALETTES)
def test_back_to_top_keyboard_focus_outline_stands_out(back_to_top, scheme):
    failing = faint_outline(scheme, BACK_TO_TOP, back_to_top(scheme)["focus"])
    assert not failing, "\n".join(failing)
