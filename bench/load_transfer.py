"""Page-load transfer: the bytes a reader's browser fetches to show a page,
and what opening the search adds, for plain Material, ours and (with
--project) a 'before' checkout. A benchmark: it prints and fails on nothing.

    .venv/bin/python bench/load_transfer.py [--project DIR] [--scale]
        [--pages / yksityishenkilona/] [--runs 3]

The sites are bench/search_speed.py's: plain and ours of this repository
(bench/lighthouse.py's builds and nginx, gzip on, at /ohjeet/some/) and
--project DIR's own build as "before". For each page and site, --runs
times, in Chromium (Playwright, headless), a new browser context (empty
HTTP cache) loads the page (networkidle, then 1 s more); every finished
request is counted (data: URLs left out): its response body as sent
(gzipped where nginx gzips) and its headers (Playwright's request.sizes()).
Then the search field is clicked and a query typed ("kuvia"): the requests
that only come then are listed with their sizes, search/lemmas.json's also
unpacked (its JSON as read) and with its Content-Encoding.

Printed: median requests, body KB and total KB (bodies and headers) on
load per page and site; the URLs ours loads that before does not; whether
search/lemmas.json was requested on load (it must not be: search-fi.js
fetches it only when the search opens); the requests the search adds.
"""

import argparse
import contextlib
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from helpers import CHROMIUM  # noqa: E402
from lighthouse import CHROME_FLAGS, ROOT, serve_compared  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

LEMMAS = "search/lemmas.json"
QUERY = "kuvia"


def record(page, sink):
    """Every finished request of the page into sink (sizes read later: no
    Playwright calls inside an event handler)."""
    page.on(
        "requestfinished",
        lambda request: None if request.url.startswith("data:") else sink.append(request),
    )


def measure(browser, url):
    """(load requests, search requests): lists of dicts per request."""
    context = browser.new_context()
    try:
        page = context.new_page()
        finished = []
        record(page, finished)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1000)
        on_load = len(finished)
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially(QUERY)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        rows = []
        for request in finished:
            sizes = request.sizes()
            response = request.response()
            row = {
                "url": request.url.split("/ohjeet/some/", 1)[-1],
                "body": sizes["responseBodySize"],
                "headers": sizes["responseHeadersSize"],
                "encoding": response.all_headers().get("content-encoding") if response else None,
                "status": response.status if response else None,
            }
            if row["url"].endswith(LEMMAS) and response:
                row["raw"] = len(response.body())
            rows.append(row)
        return rows[:on_load], rows[on_load:]
    finally:
        context.close()


def kb(value):
    return f"{value / 1024:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--project", type=Path, help="another checkout (git worktree) measured as 'before'"
    )
    parser.add_argument("--scale", action="store_true", help="the projects grown by bench/scale.py")
    parser.add_argument("--pages", nargs="+", default=["/", "yksityishenkilona/"])
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    before = arguments.project.resolve() if arguments.project else None
    pages = ["" if path == "/" else path.lstrip("/") for path in arguments.pages]
    results = {}  # (page, site): [(load rows, search rows)]
    with contextlib.ExitStack() as stack:
        bases = serve_compared(stack, before, arguments.scale)
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[flag for flag in CHROME_FLAGS if not flag.startswith("--headless")],
        )
        for page in pages:
            for _ in range(arguments.runs):
                for site in bases:
                    results.setdefault((page, site), []).append(
                        measure(browser, bases[site] + page)
                    )
        browser.close()
    grown = " (each grown by bench/scale.py)" if arguments.scale else ""
    print(
        f"projects: this repository {ROOT}{f', before {before}' if before else ''}{grown}; "
        f"{arguments.runs} loads per page and site, empty cache each"
    )
    print(
        f"\n{'page':22} {'site':7} {'requests':>8} {'body KB':>8} {'total KB':>9}  lemmas on load"
    )
    for (page, site), runs in results.items():
        loads = [load for load, _ in runs]
        requests = statistics.median(len(load) for load in loads)
        body = statistics.median(sum(row["body"] for row in load) for load in loads)
        total = statistics.median(
            sum(row["body"] + row["headers"] for row in load) for load in loads
        )
        lemmas = sum(any(row["url"].endswith(LEMMAS) for row in load) for load in loads)
        print(
            f"{page or '/':22} {site:7} {requests:8.0f} {kb(body):>8} {kb(total):>9}  "
            f"{lemmas}/{len(loads)} loads"
        )
    for page in pages:
        sites = [site for p, site in results if p == page]
        if "before" in sites:
            ours = {row["url"] for row in results[(page, "ours")][0][0]}
            old = {row["url"] for row in results[(page, "before")][0][0]}
            print(f"\n{page or '/'}: on load only ours: {', '.join(sorted(ours - old)) or '-'}")
            print(f"{page or '/'}: on load only before: {', '.join(sorted(old - ours)) or '-'}")
        for site in sites:
            added = results[(page, site)][0][1]
            listed = ", ".join(
                f"{row['url']} {row['body']} B"
                + (f" ({row['encoding']}; {row['raw']} B unpacked)" if "raw" in row else "")
                for row in added
            )
            print(
                f"{page or '/'}: {site} opening the search and typing {QUERY!r} adds: "
                f"{listed or '-'}"
            )


if __name__ == "__main__":
    main()
