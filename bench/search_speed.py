"""Search speed, ours against plain Material with the same text:
the time from a keystroke in the search box to the results changing.

    .venv/bin/python bench/search_speed.py [--project DIR] [--scale] [--rounds 3]

The sites are bench/lighthouse.py's (the same builds, the same nginx, at
/ohjeet/some/; its docstring says how they differ). In Chromium (Playwright,
headless) each site's front page is opened once and its search made ready
(Material shows its placeholder text once the worker has the index). Then
every query of tests/search_queries.py (INFLECTED_QUERIES, TUNING, HELD_OUT)
is typed on both sites, which alternate query by query: the field is
emptied, all but the last letter typed and the results let settle, then the
last letter is pressed. Timed, in the page, from that keydown (or beforeinput, for a letter such as
"ä" that Playwright types as text) to

  changed  the first change in the results area (.md-search-result), and
  shown    the next frame after it (style, layout and paint done).

A query whose results never change (within 5 s) counts as missing. Medians
per site over every query and round, and ours/plain.
"""

import argparse
import statistics
from pathlib import Path

from helpers import CHROMIUM  # noqa: E402
from lighthouse import CHROME_FLAGS, ROOT, SITES, Served
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from search_queries import HELD_OUT, INFLECTED_QUERIES, TUNING  # noqa: E402 (tests/ on the path)

QUERIES = [query for query, _ in INFLECTED_QUERIES + TUNING + HELD_OUT]
FIELD = "input.md-search__input"

PLACEHOLDER_SHOWN = """() => {
  const meta = document.querySelector(".md-search-result__meta")
  const config = JSON.parse(document.getElementById("__config").textContent)
  return meta && meta.textContent.trim() === config.translations["search.result.placeholder"]
}"""

ARM = """() => {
  window.__timing = {start: null, changed: null, shown: null}
  const timing = window.__timing
  const field = document.querySelector("input.md-search__input")
  const start = () => { if (timing.start === null) timing.start = performance.now() }
  // keydown, or beforeinput where the key is typed as text ("ä" has no key here)
  field.addEventListener("keydown", start, {once: true, capture: true})
  field.addEventListener("beforeinput", start, {once: true, capture: true})
  const observer = new MutationObserver(() => {
    if (timing.start === null || timing.changed !== null) return
    timing.changed = performance.now()
    observer.disconnect()
    requestAnimationFrame(() => setTimeout(() => { timing.shown = performance.now() }))
  })
  observer.observe(document.querySelector(".md-search-result"),
                   {childList: true, subtree: true, characterData: true, attributes: true})
}"""


def settle(page):
    """Wait until the results area has stayed the same for 300 ms."""
    shown, steady = None, 0
    for _ in range(100):
        now = page.locator(".md-search-result").inner_html()
        steady = steady + 1 if now == shown else 0
        if steady == 3:
            return
        shown = now
        page.wait_for_timeout(100)


def open_search(browser, base):
    page = browser.new_page()
    page.goto(base, wait_until="networkidle")
    page.locator(FIELD).click()
    page.wait_for_function(PLACEHOLDER_SHOWN, timeout=30000)
    return page


def time_query(page, query):
    """(changed, shown) in ms for the query's last keystroke, or None."""
    field = page.locator(FIELD)
    field.click()
    field.fill("")
    page.wait_for_function(PLACEHOLDER_SHOWN, timeout=10000)
    field.press_sequentially(query[:-1])
    field.dispatch_event("keyup")  # see below
    settle(page)
    page.evaluate(ARM)
    last = query[-1]
    if last.isascii():
        field.press(last)
    else:
        # Playwright types "ä" as text, with no key events; Material searches
        # on keyup, so the keyup a Finnish keyboard sends is sent here
        field.press_sequentially(last)
        field.dispatch_event("keyup", {"key": last})
    try:
        page.wait_for_function("() => window.__timing.shown !== null", timeout=5000)
    except PlaywrightTimeout:
        return None
    timing = page.evaluate("window.__timing")
    return timing["changed"] - timing["start"], timing["shown"] - timing["start"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--scale", action="store_true", help="the project grown by bench/scale.py")
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    project = arguments.project.resolve()
    times = {site: [] for site in SITES}
    missing = {site: [] for site in SITES}
    with Served(project, arguments.scale) as bases, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[flag for flag in CHROME_FLAGS if not flag.startswith("--headless")],
        )
        pages = {site: open_search(browser, bases[site]) for site in SITES}
        for site in SITES:  # a first search each, not counted
            time_query(pages[site], "sosiaalinen")
        turn = 0
        for _ in range(arguments.rounds):
            for query in QUERIES:
                for site in SITES if turn % 2 == 0 else SITES[::-1]:
                    result = time_query(pages[site], query)
                    (times[site].append(result) if result else missing[site].append(query))
                turn += 1
        browser.close()
    print(
        f"project {project}{' grown by bench/scale.py' if arguments.scale else ''}; "
        f"{len(QUERIES)} queries x {arguments.rounds} rounds per site, sites alternating"
    )
    medians = {}
    for site in SITES:
        changed = [c for c, _ in times[site]]
        shown = [s for _, s in times[site]]
        medians[site] = (statistics.median(changed), statistics.median(shown))
        print(
            f"  {site:6} changed {medians[site][0]:7.1f} ms   shown {medians[site][1]:7.1f} ms"
            f"   (max changed {max(changed):.1f} ms; n={len(changed)}; "
            f"no change: {len(missing[site])} {sorted(set(missing[site]))})"
        )
    print(
        f"  ours/plain: changed {medians['ours'][0] / medians['plain'][0]:.2f}, "
        f"shown {medians['ours'][1] / medians['plain'][1]:.2f}"
    )


if __name__ == "__main__":
    main()
