"""The three builders side by side on this project: MkDocs (the city's
stack), ProperDocs and Zensical. Build times as medians of alternating
runs (each run a clean build), then what differs in their output, and
Finnish search recall on each site (tests/search_queries.py typed into the
theme's search box, with search-fi.js and with it blocked).

    .venv/bin/python bench/builder_compare.py [RUNS]

RUNS defaults to 7 per builder. Needs requirements/test.txt (all three
builders are in it). Zensical builds a copy of the project (it writes only
inside its project folder) with its cache cleared (--clean) every run.
"""

import difflib
import functools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import (  # noqa: E402
    BUILDERS,
    CHROMIUM,
    CHROMIUM_FLAGS,
    PAGES,
    build_command,
    copy_project,
    page_text,
    search,
)
from search_queries import INFLECTED_QUERIES  # noqa: E402

ENV = {"NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/ohjeet/some/"}


def command(builder, project, site_dir):
    if builder == "zensical":
        return [
            sys.executable,
            "-m",
            "zensical",
            "build",
            "--strict",
            "--clean",
            "--config-file",
            str(project / "mkdocs.yml"),
        ]
    return build_command(builder, project, site_dir)


def timed_build(builder, project, site_dir):
    import os

    started = time.perf_counter()
    result = subprocess.run(
        command(builder, project, site_dir),
        cwd=project,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, f"{builder}: {result.stdout}{result.stderr}"
    return elapsed


def files(site):
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def generator(site):
    match = re.search(
        r'<meta name="generator" content="([^"]*)"',
        (site / "index.html").read_text(encoding="utf-8"),
    )
    return match.group(1) if match else "(none)"


def search_entries(site):
    for name in ["search/search_index.json", "search.json"]:
        if (site / name).exists():
            data = json.loads((site / name).read_text(encoding="utf-8"))
            return name, len(data.get("docs") or data.get("items") or [])
    return "(none)", 0


def text_changes(site, reference):
    """The distinct word runs that differ in the pages' article text."""
    changes = set()
    for page in PAGES:
        theirs = page_text(site, page.path).split()
        ours = page_text(reference, page.path).split()
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                changes.add(f"mkdocs: {' '.join(ours[i1:i2])!r} -> {' '.join(theirs[j1:j2])!r}")
    return changes


def compare(sites):
    """What differs in the output, MkDocs' site taken as the reference."""
    reference = sites["mkdocs"]
    for builder, site in sites.items():
        size = sum((site / name).stat().st_size for name in files(site))
        index, entries = search_entries(site)
        print(
            f"\n{builder}: {len(files(site))} files, {size / 1024:.0f} KiB; "
            f'generator "{generator(site)}"; search index {index}, {entries} entries'
        )
        if site is reference:
            continue
        only_here = sorted(files(site) - files(reference))
        only_there = sorted(files(reference) - files(site))
        print(f"  files only in {builder}: {len(only_here)} {only_here[:8]}")
        print(f"  files only in mkdocs: {len(only_there)} {only_there[:8]}")
        same_html = [
            name
            for name in sorted(files(site) & files(reference))
            if name.endswith(".html")
            and (site / name).read_bytes() == (reference / name).read_bytes()
        ]
        print(f"  HTML files byte-identical to mkdocs': {len(same_html)}")
        differing = [
            page.path or "(etusivu)"
            for page in PAGES
            if page_text(site, page.path) != page_text(reference, page.path)
        ]
        print(f"  pages whose article text differs: {len(differing)}/{len(PAGES)} {differing}")
        for change in sorted(text_changes(site, reference)):
            print(f"    {change}")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def zensical_search(page, query):
    """Zensical's search dialog (in a shadow root; Playwright's CSS pierces
    it): type like a reader, wait for the results to settle, return URLs."""
    if not page.locator("dialog input").is_visible():
        page.click(".md-search__button")
    field = page.locator("dialog input")
    field.fill("")
    field.press_sequentially(query)
    shown, steady = None, 0
    for _ in range(100):
        now = page.locator("dialog").inner_text()
        steady = steady + 1 if now == shown else 0
        if steady == 4:
            break
        shown = now
        page.wait_for_timeout(100)
    return page.locator("dialog a").evaluate_all("as => as.map(a => a.href)")


def search_recall(sites):
    """Queries found (their page among the results), per builder, with
    search-fi.js and with it blocked."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        print(
            f"\nSearch recall, {len(INFLECTED_QUERIES)} Finnish queries "
            "(found = the expected page among the results):"
        )
        for builder, site in sites.items():
            handler = functools.partial(_Quiet, directory=str(site))
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_port}/"
            found = {}
            for stemming in (True, False):
                context = browser.new_context()
                if not stemming:
                    context.route("**/search-fi.js", lambda route: route.abort())
                page = context.new_page()
                page.goto(base, wait_until="networkidle")
                find = zensical_search if builder == "zensical" else search
                found[stemming] = sum(
                    any(
                        url.split("?")[0].split("#")[0] == base + expected
                        for url in find(page, query)
                    )
                    for query, expected in INFLECTED_QUERIES
                )
                context.close()
            server.shutdown()
            print(
                f"  {builder:10} with search-fi.js {found[True]}/{len(INFLECTED_QUERIES)}, "
                f"without {found[False]}/{len(INFLECTED_QUERIES)}"
            )
        browser.close()


def main(runs=7):
    runs = int(runs)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        zensical_project = copy_project(scratch / "zensical-project")
        sites = {builder: scratch / f"site-{builder}" for builder in BUILDERS}
        sites["zensical"] = zensical_project / "site"
        projects = {builder: ROOT for builder in BUILDERS}
        projects["zensical"] = zensical_project
        times = {builder: [] for builder in BUILDERS}
        for run in range(runs):
            # Alternate the order too, so that no builder always runs first
            order = BUILDERS if run % 2 == 0 else tuple(reversed(BUILDERS))
            for builder in order:
                times[builder].append(timed_build(builder, projects[builder], sites[builder]))
        medians = {builder: statistics.median(values) for builder, values in times.items()}
        print(f"Build times, {runs} alternating clean builds each (seconds, wall clock):")
        for builder, values in times.items():
            print(
                f"  {builder:10} median {medians[builder]:.2f}  min {min(values):.2f}  "
                f"max {max(values):.2f}  ratio to mkdocs "
                f"{medians[builder] / medians['mkdocs']:.2f}"
            )
        compare(sites)
        search_recall(sites)


if __name__ == "__main__":
    main(*sys.argv[1:])
