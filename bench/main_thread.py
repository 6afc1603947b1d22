"""Main-thread work of a page load at a phone's CPU speed, side by side: this
site and plain Material with the same text and features, built and served by
nginx as bench/lighthouse.py --plain-features does. A benchmark, not a test:
it prints medians and fails on nothing.

    .venv/bin/python bench/main_thread.py [--pages / itsearviointi/] [--runs 15]
        [--throttle 4]

Each load runs in Chromium with the CPU really slowed (CDP
Emulation.setCPUThrottlingRate, 4 as Lighthouse's mobile preset) and a
phone's screen (412 x 823, device pixel ratio 1.75, touch), from an empty
cache, traced to the load event + 1 s; the sites alternate every run. Read
from each trace (the renderer's main thread, its top-level tasks):

  blocking      Total Blocking Time as Lighthouse defines it (every task's
                time over 50 ms, from the first contentful paint on), here
                from the observed, throttled trace, to the end of the trace
  all tasks     the same over the whole load, the first paint wherever it falls
  main ms       every task's time
  paint ms      the first contentful paint, from the page's first event
  ours max      the longest task in which our scripts (theme.js, our bundle)
                ran longer than any other script: under 50 ms adds nothing to
                blocking

Why beside Lighthouse: its default (simulated) TBT multiplies each task's
observed time by 4, or by 2 when a Layout happened in it (Lantern's
layoutTaskMultiplier), and counts only what falls after a simulated first
paint. Material's own bundle evaluation (~60-110 ms observed) so counts
single or double depending on whether it happens to force a layout, and
before or after the paint, from run to run and site to site. Here the tasks
are the slowed browser's own, and ours are told from Material's.
"""

import argparse
import bisect
import json
import statistics
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))
from helpers import CHROMIUM  # noqa: E402
from lighthouse import ROOT, SITES, Served, nav_pages  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

OURS = ("/assets/javascripts/theme.js", "/assets/javascripts/handbook.bundle.")
SCRIPT_EVENTS = ("EvaluateScript", "FunctionCall", "v8.compile", "TimerFire")
TASK_EVENTS = ("RunTask", "ThreadControllerImpl::RunTask")
THRESHOLD_MS = 50
PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "loading",
    "blink.user_timing",
]


def main_thread(events: list) -> tuple:
    """The renderer's main thread (the CrRendererMain with most events), the
    page's first contentful paint and the first event of the page's frame
    (the navigation itself starts before the renderer's trace does)."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e["name"] == "thread_name"}
    counts = {}
    for e in events:
        key = (e["pid"], e["tid"])
        if names.get(key) == "CrRendererMain":
            counts[key] = counts.get(key, 0) + 1
    main = max(counts, key=counts.get)
    paint = min(
        (e for e in events if e["name"] == "firstContentfulPaint" and (e["pid"], e["tid"]) == main),
        key=lambda e: e["ts"],
    )
    frame = paint["args"]["frame"]

    def in_frame(e):
        data = e.get("args", {}).get("data")
        return e.get("args", {}).get("frame") == frame or (
            isinstance(data, dict) and data.get("frame") == frame
        )

    start = min(e["ts"] for e in events if (e["pid"], e["tid"]) == main and in_frame(e))
    return main, start, paint["ts"]


def owner(inside: list) -> str:
    """'ours' when our scripts ran longer in the task than any other's."""
    time = {"ours": 0, "other": 0}
    end = 0  # outermost script events only: nested ones are in their time
    for e in inside:
        url = e.get("args", {}).get("data", {}).get("url", "")
        if e["name"] not in SCRIPT_EVENTS or not url or e["ts"] < end:
            continue
        end = e["ts"] + e.get("dur", 0)
        time["ours" if any(part in url for part in OURS) else "other"] += e.get("dur", 0)
    return "ours" if time["ours"] > time["other"] else "other"


def figures(events: list) -> dict:
    main, start, paint = main_thread(events)
    on_main = sorted(
        (e for e in events if (e["pid"], e["tid"]) == main and e["ts"] >= start),
        key=lambda e: e["ts"],
    )
    stamps = [e["ts"] for e in on_main]  # sorted: a task's events are found by bisection
    tasks = [e for e in on_main if e.get("ph") == "X" and e["name"] in TASK_EVENTS]
    blocking = all_tasks = main_ms = ours_max = 0
    for task in tasks:
        begin, ms = task["ts"], task.get("dur", 0) / 1000
        main_ms += ms
        all_tasks += max(0, ms - THRESHOLD_MS)
        after = (begin + task.get("dur", 0) - max(begin, paint)) / 1000
        if ms >= THRESHOLD_MS and after > 0:
            blocking += max(0, after - THRESHOLD_MS)
        end = begin + task.get("dur", 0)
        inside = on_main[bisect.bisect_left(stamps, begin) : bisect.bisect_left(stamps, end)]
        if owner(inside) == "ours":
            ours_max = max(ours_max, ms)
    return {
        "blocking": blocking,
        "all tasks": all_tasks,
        "main ms": main_ms,
        "ours max": ours_max,
        "paint ms": (paint - start) / 1000,
    }


def quartiles(values: list) -> tuple:
    """The first and third quartile: where the middle half of the runs fell."""
    first, _, third = statistics.quantiles(values, n=4)
    return first, third


def load(browser, url: str, throttle: float) -> dict:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    browser.start_tracing(page=page, categories=CATEGORIES)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1000)
    events = json.loads(browser.stop_tracing())["traceEvents"]
    context.close()
    return figures(events)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", help='site paths ("/" the front page)')
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--throttle", type=float, default=4)
    arguments = parser.parse_args()
    served = Served(ROOT, False, plain_features=True)
    with served as bases, sync_playwright() as playwright:
        if arguments.pages:
            pages = ["" if path == "/" else path.lstrip("/") for path in arguments.pages]
        else:
            pages = nav_pages(served.built["ours"][2])
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        print(
            f"{arguments.runs} runs per page and site, CPU x{arguments.throttle:g}, "
            "medians in ms, plain / ours (ours max: our longest task)"
        )
        keys = ("blocking", "all tasks", "main ms", "paint ms")
        print(f"{'page':26}" + "".join(f"{k:>22}" for k in keys) + f"{'ours max':>10}")
        for page in pages:
            runs = {site: [] for site in SITES}
            for run in range(arguments.runs):
                for site in SITES if run % 2 == 0 else SITES[::-1]:
                    runs[site].append(load(browser, bases[site] + page, arguments.throttle))
            med = {
                site: {k: statistics.median(r[k] for r in runs[site]) for k in runs[site][0]}
                for site in SITES
            }
            cells = "".join(
                f"{med['plain'][k]:>10.0f} / {med['ours'][k]:<9.0f}" + " " for k in keys
            )
            spread = " ".join(
                "{:.0f}-{:.0f}".format(*quartiles([r["blocking"] for r in runs[site]]))
                for site in SITES
            )
            print(
                f"{page or '/':26}{cells}{med['ours']['ours max']:>10.0f}"
                f"   blocking's middle half: {spread}",
                flush=True,
            )


if __name__ == "__main__":
    main()
