"""Search speed, ours against plain Material with the same text:
the time from a keystroke in the search box to the results changing.

    .venv/bin/python bench/search_speed.py [--project DIR] [--scale]
        [--rounds 3] [--first 10]

The sites are bench/lighthouse.py's (the same builds, the same nginx, at
/ohjeet/some/; its docstring says how they differ): plain and ours, both
of this repository. --project DIR (e.g. `git worktree add /tmp/before
main`) adds that checkout's own build as "before", served the same way
(as bench/search_recall.py does; lighthouse.py's --project instead
replaces ours). --scale: every project grown by bench/scale.py.

Steady state. In Chromium (Playwright, headless) each site's front page
is opened once and its search made ready (Material shows its placeholder
text once the worker has the index) and one search made, not counted (so
search-fi.js has its word data, search/lemmas.json). Then every query of
tests/search_queries.py (INFLECTED_QUERIES, TUNING, HELD_OUT, HELD_OUT_2)
is typed on every site, the sites taking turns query by query: the field is
emptied, all but the last letter typed and the results let settle, then the
last letter is pressed. Timed, in the page, from that keydown (or beforeinput, for a letter such as
"ä" that Playwright types as text) to

  changed  the first change in the results area (.md-search-result), and
  shown    the next frame after it (style, layout and paint done).

First query. --first N times (default 10) per site, the sites taking
turns: a new browser context (empty HTTP cache), the front page loaded
(networkidle) until the worker has the index, then in one task the
search field is focused (search-fi.js starts fetching lemmas.json on
focusin), the whole query set as its value and its keyup sent: the worst
case, a query arriving the moment the search opens, so the fetch of
lemmas.json (which the first query waits for) is all on the clock. Timed
from that focus to changed and shown as above. The queries are the steady
queries in turn. Also read: whether lemmas.json was fetched, and its
fetch's duration (Resource Timing).

A query whose results never change (within 5 s) counts as missing. Medians
per site over every query and round, and per query set; ratios to plain.
The 1-min load average is printed (2 cores: another job running shows).
"""

import argparse
import contextlib
import os
import statistics
import sys
from pathlib import Path

# tests/ on the path before anything is imported from it (the import
# sorter puts `helpers` before `lighthouse`, which used to put it there)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from helpers import CHROMIUM  # noqa: E402
from lighthouse import CHROME_FLAGS, ROOT, serve_compared  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from search_queries import (  # noqa: E402 (tests/ on the path)
    HELD_OUT,
    HELD_OUT_2,
    INFLECTED_QUERIES,
    TUNING,
)

QUERY_SETS = {
    "INFLECTED": INFLECTED_QUERIES,
    "TUNING": TUNING,
    "HELD_OUT": HELD_OUT,
    "HELD_OUT_2": HELD_OUT_2,
}
QUERIES = [(name, query) for name, pairs in QUERY_SETS.items() for query, _ in pairs]
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


# The first query on a freshly loaded page: the search opened (focus: the
# fetch of lemmas.json starts) and the query sent in the same task
FIRST = """query => {
  window.__timing = {start: null, changed: null, shown: null}
  const timing = window.__timing
  const field = document.querySelector("input.md-search__input")
  const observer = new MutationObserver(() => {
    if (timing.changed !== null) return
    timing.changed = performance.now()
    observer.disconnect()
    requestAnimationFrame(() => setTimeout(() => { timing.shown = performance.now() }))
  })
  observer.observe(document.querySelector(".md-search-result"),
                   {childList: true, subtree: true, characterData: true, attributes: true})
  timing.start = performance.now()
  field.focus()
  field.value = query
  field.dispatchEvent(new InputEvent("input", {bubbles: true, data: query,
                                               inputType: "insertText"}))
  field.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: query.slice(-1)}))
}"""

LEMMAS_FETCH = """() => {
  const entry = performance.getEntriesByType("resource")
    .find(entry => entry.name.endsWith("/search/lemmas.json"))
  return entry ? entry.duration : null
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


def time_first_query(browser, base, query):
    """(changed, shown, lemmas.json fetch ms or None) for a query sent the
    moment the search opens on a freshly loaded page (empty cache), or None."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        page.wait_for_function(PLACEHOLDER_SHOWN, timeout=30000)
        page.evaluate(FIRST, query)
        try:
            page.wait_for_function("() => window.__timing.shown !== null", timeout=5000)
        except PlaywrightTimeout:
            return None
        timing = page.evaluate("window.__timing")
        page.wait_for_timeout(200)  # the fetch's Resource Timing entry may come after it
        return (
            timing["changed"] - timing["start"],
            timing["shown"] - timing["start"],
            page.evaluate(LEMMAS_FETCH),
        )
    finally:
        context.close()


def turns(sites, turn):
    """The sites in the order of this turn (each first in turn)."""
    shift = turn % len(sites)
    return sites[shift:] + sites[:shift]


def median_pair(results):
    return (
        statistics.median(c for c, *_ in results),
        statistics.median(s for _, s, *_ in results),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--project", type=Path, help="another checkout (git worktree) measured as 'before'"
    )
    parser.add_argument("--scale", action="store_true", help="the projects grown by bench/scale.py")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--first", type=int, default=10, help="first queries per site")
    arguments = parser.parse_args()
    before = arguments.project.resolve() if arguments.project else None
    with contextlib.ExitStack() as stack:
        bases = serve_compared(stack, before, arguments.scale)
        sites = list(bases)
        times = {site: [] for site in sites}  # (set, query, changed, shown)
        missing = {site: [] for site in sites}
        first = {site: [] for site in sites}  # (changed, shown, lemmas fetch)
        first_missing = {site: [] for site in sites}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[flag for flag in CHROME_FLAGS if not flag.startswith("--headless")],
        )
        loads = [os.getloadavg()[0]]
        for index in range(arguments.first):
            query = QUERIES[index % len(QUERIES)][1]
            for site in turns(sites, index):
                result = time_first_query(browser, bases[site], query)
                (first[site].append(result) if result else first_missing[site].append(query))
        loads.append(os.getloadavg()[0])
        pages = {site: open_search(browser, bases[site]) for site in sites}
        for site in sites:  # a first search each, not counted
            time_query(pages[site], "sosiaalinen")
        turn = 0
        for _ in range(arguments.rounds):
            for name, query in QUERIES:
                for site in turns(sites, turn):
                    result = time_query(pages[site], query)
                    if result:
                        times[site].append((name, query, *result))
                    else:
                        missing[site].append(query)
                turn += 1
            loads.append(os.getloadavg()[0])
        browser.close()
    report(arguments, before, sites, loads, (first, first_missing), (times, missing))


def report(arguments, before, sites, loads, firsts_measured, steady_measured):
    first, first_missing = firsts_measured
    times, missing = steady_measured
    grown = " (each grown by bench/scale.py)" if arguments.scale else ""
    print(
        f"projects: this repository {ROOT}{f', before {before}' if before else ''}{grown}; "
        f"{len(QUERIES)} queries x {arguments.rounds} rounds per site, "
        f"{arguments.first} first queries per site; sites taking turns"
    )
    print(
        f"1-min load average during the runs: {min(loads):.1f}-{max(loads):.1f} "
        f"(2 cores; above ~1.5 other work shared them)"
    )
    print("\nFirst query on a fresh page (search opened and query sent at once; ms)")
    firsts = {}
    for site in sites:
        if not first[site]:
            print(f"  {site:6} no results ({first_missing[site]})")
            continue
        firsts[site] = median_pair(first[site])
        fetches = [f for *_, f in first[site] if f is not None]
        fetched = (
            f"lemmas.json fetched {len(fetches)}/{len(first[site])}, "
            f"median {statistics.median(fetches):.1f} ms"
            if fetches
            else "lemmas.json not fetched"
        )
        print(
            f"  {site:6} changed {firsts[site][0]:7.1f}   shown {firsts[site][1]:7.1f}"
            f"   (max changed {max(c for c, *_ in first[site]):.1f}; n={len(first[site])}; "
            f"{fetched}; no change: {len(first_missing[site])})"
        )
    for site in sites:
        if site != "plain" and site in firsts and "plain" in firsts:
            print(
                f"  {site}/plain: changed {firsts[site][0] / firsts['plain'][0]:.2f}, "
                f"shown {firsts[site][1] / firsts['plain'][1]:.2f}"
            )
    report_steady(sites, times, missing)


def report_steady(sites, times, missing):
    print("\nSteady state (ms)")
    medians = {}
    for site in sites:
        medians[site] = median_pair([(c, s) for _, _, c, s in times[site]])
        print(
            f"  {site:6} changed {medians[site][0]:7.1f}   shown {medians[site][1]:7.1f}"
            f"   (max changed {max(c for _, _, c, _ in times[site]):.1f}; "
            f"n={len(times[site])}; "
            f"no change: {len(missing[site])} {sorted(set(missing[site]))})"
        )
    for site in sites:
        if site != "plain":
            print(
                f"  {site}/plain: changed {medians[site][0] / medians['plain'][0]:.2f}, "
                f"shown {medians[site][1] / medians['plain'][1]:.2f}"
            )
    print("\nSteady state per query set, median shown ms (" + " / ".join(sites) + ")")
    for name in QUERY_SETS:
        cells = []
        for site in sites:
            shown = [s for set_name, _, _, s in times[site] if set_name == name]
            cells.append(f"{statistics.median(shown):6.1f}" if shown else "     -")
        plain = [s for set_name, _, _, s in times["plain"] if set_name == name]
        ours = [s for set_name, _, _, s in times["ours"] if set_name == name]
        ratio = statistics.median(ours) / statistics.median(plain) if plain and ours else None
        print(f"  {name:11} " + " / ".join(cells) + (f"   ours/plain {ratio:.2f}" if ratio else ""))


if __name__ == "__main__":
    main()
