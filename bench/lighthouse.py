"""Lighthouse on this site and on a plain Material site with the same text,
both served by nginx at /ohjeet/some/. A benchmark, not a test:
it prints medians and ratios and fails on nothing.

    npm install --prefix bench            # Lighthouse, pinned in bench/package.json
    .venv/bin/python bench/lighthouse.py [--project DIR] [--scale]
        [--pages itsearviointi/ /] [--presets mobile desktop] [--runs 3]
        [--json FILE] [--plain-features] [--again]

--project: the project to measure (default: this repository), e.g. a git
worktree of an older commit, measured the same way. --scale: the project
grown by bench/scale.py (300 quiz questions, 50 more pages). --pages: site
paths of nav pages ("/" is the front page; default: every page of the nav).
Lighthouse 12.8.2 (13 needs Node 22), Debian's Chromium, mobile simulation
(Lighthouse's default) and --preset=desktop; the sites alternate every run.
--throttling devtools: the CPU and network slowed for real, not simulated.
--again: the plain site measured a second time in every round, as a third
site ("plain again"): the two differ only by the measure's own noise, so
their difference is the least difference between plain and ours that the
same number of runs can show.

The two sites:

  ours   the project's own build: `mkdocs build --strict` of DIR/mkdocs.yml
         (at --scale, of a grown copy), SITE_URL at its nginx port.
  plain  a copy of the same project whose mkdocs.yml differs only in:
         theme: {name: material, font: false, language: fi} plus custom_dir
           naming a folder that holds nothing but overrides/handbook/ (the
           macros' Jinja templates: macros.py finds them through the theme's
           custom_dir; Material has no template of those names, so the theme
           is plain Material): no main.html, partials, our CSS or scripts,
           no palette, no features (so no instant navigation), unless
           --plain-features: then Material's features and palette as the
           project sets them (instant navigation, the palette toggle...),
           to tell what those cost from what our code costs;
         no extra_css, no extra_javascript, no hooks;
         plugins: search with its defaults, and the same macros plugin.
         Pages, nav, extra, markdown extensions and validation are the
         same, so the articles hold the same text and the same quiz and
         checklist HTML; the plain site lacks our page facts ("Sivua
         päivitetty") under the article (overrides/main.html puts them there).

nginx: deploy/nginx/handbook.conf of the project (gzip, caching, headers),
listening on a loopback port, one nginx per site. The plain site is served
without the Content-Security-Policy header: Material's own inline scripts,
which our theme replaces with files, would be refused by it and the plain
site's JavaScript would stop at its first page.

Read from each report: performance, accessibility and best-practices scores,
FCP, LCP, TBT, CLS, Speed Index, the blocking time of every long task of the
load wherever it falls ("blocking ms": TBT without its cut at the first
paint), the number of network requests (data: URLs left out), total transfer
bytes, the page's own HTML uncompressed, and the ids of the failing
accessibility, best-practices and performance audits.
Every run's figures go to --json if given, with the load average after it
(the machine may be shared: Lighthouse alone keeps it near 2 on 2 cores).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(BENCH))
import scale  # noqa: E402
from helpers import (  # noqa: E402
    CHROMIUM,
    SUB_PATH,
    free_port,
    mkdocs_build,
    mkdocs_config,
    nav_entries,
    page_url,
    start_nginx,
)

LIGHTHOUSE = BENCH / "node_modules/.bin/lighthouse"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SITES = ("plain", "ours")
# --again: the plain site measured a second time, as if it were a third site
AGAIN = "plain again"
PRESETS = ("mobile", "desktop")
# What a copy of a project leaves out (builds, caches, environments)
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv*", "site", "node_modules", "__pycache__", ".cache", ".pytest_cache"
)
# (label, audit id, unit) of the metrics read from each report
METRICS = [
    ("FCP ms", "first-contentful-paint"),
    ("LCP ms", "largest-contentful-paint"),
    ("TBT ms", "total-blocking-time"),
    ("CLS", "cumulative-layout-shift"),
    ("SI ms", "speed-index"),
]


def copy_project(project: Path, target: Path) -> Path:
    shutil.copytree(project, target, ignore=NOT_COPIED)
    return target


def build(project: Path, site_dir: Path, base: str) -> None:
    result = mkdocs_build(project, site_dir, base)
    if result.returncode != 0:
        sys.exit(f"build of {project} failed:\n{result.stdout}{result.stderr}")


def make_plain(project: Path, target: Path, base: str, features: bool = False) -> Path:
    """The plain Material copy of a project (see the module docstring);
    features: with the project's Material features and palette."""
    plain = copy_project(project, target)
    config = mkdocs_config(project)
    for name in ("extra_css", "extra_javascript", "hooks"):
        config.pop(name, None)
    macros = [
        entry
        for entry in config.get("plugins", [])
        if (entry if isinstance(entry, str) else next(iter(entry))) == "macros"
    ]
    config["plugins"] = ["search", *macros]
    config["site_url"] = base
    # The macros' templates only: nothing Material would take as an override
    overrides = plain / "overrides"
    shutil.rmtree(overrides)
    if (project / "overrides/handbook").is_dir():
        shutil.copytree(project / "overrides/handbook", overrides / "handbook")
    else:
        overrides.mkdir()
    theme = config["theme"]
    config["theme"] = {
        "name": "material",
        "custom_dir": "overrides",
        "font": False,
        "language": "fi",
    }
    if features:
        config["theme"].update({key: theme[key] for key in ("features", "palette") if key in theme})
    (plain / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return plain


def prepare(project: Path, work: Path, grow: bool, plain_features: bool = False) -> dict:
    """Both sites built into work/<site>/www/handbook/current; returns
    {site: (port, base URL, project built)}."""
    if grow:
        project = copy_project(project, work / "grown")
        scale.grow_bank(project, scale.QUESTIONS)
        scale.add_pages(project, scale.PAGES)
    sites = {}
    for name in SITES:
        port = free_port()
        base = f"http://127.0.0.1:{port}{SUB_PATH}"
        source = (
            make_plain(project, work / "plain-project", base, plain_features)
            if name == "plain"
            else project
        )
        site_dir = work / name / "www/handbook/current"
        site_dir.parent.mkdir(parents=True)
        build(source, site_dir, base)
        sites[name] = (port, base, source)
    stray = list((work / "plain/www/handbook/current").glob("handbook"))
    assert not stray, "the macros' templates must not be published by the plain site"
    return sites


def server_block(conf: Path, csp: bool) -> str:
    """The project's nginx server block, without the CSP header for the
    plain site (Material's inline scripts would be refused by it)."""
    server = conf.read_text()
    if not csp:
        server = "\n".join(
            line for line in server.splitlines() if "add_header Content-Security-Policy" not in line
        )
    return server


class Served:
    """Both sites built and served; `with Served(project, grow) as sites:`
    gives {site: base URL}."""

    def __init__(self, project: Path, grow: bool, plain_features: bool = False):
        self.project, self.grow, self.plain_features = project, grow, plain_features

    def __enter__(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="bench-lh-")
        work = Path(self.tmp.name)
        conf = self.project / "deploy/nginx/handbook.conf"
        conf = conf if conf.exists() else ROOT / "deploy/nginx/handbook.conf"
        built = prepare(self.project, work, self.grow, self.plain_features)
        self.processes = [
            start_nginx(work / name, port, server_block(conf, csp=name != "plain"))
            for name, (port, _, _) in built.items()
        ]
        self.built = built
        return {name: base for name, (_, base, _) in built.items()}

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
            process.wait(timeout=10)
        self.tmp.cleanup()


class ServedOne:
    """One project's own build only (no plain copy), served like Served's
    'ours' (its nginx config, CSP on), e.g. a 'before' checkout beside
    Served: `with ServedOne(project, grow) as base:`."""

    def __init__(self, project: Path, grow: bool):
        self.project, self.grow = project, grow

    def __enter__(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="bench-one-")
        work = Path(self.tmp.name)
        project = self.project
        conf = project / "deploy/nginx/handbook.conf"
        conf = conf if conf.exists() else ROOT / "deploy/nginx/handbook.conf"
        if self.grow:
            project = copy_project(project, work / "grown")
            scale.grow_bank(project, scale.QUESTIONS)
            scale.add_pages(project, scale.PAGES)
        port = free_port()
        base = f"http://127.0.0.1:{port}{SUB_PATH}"
        site_dir = work / "site/www/handbook/current"
        site_dir.parent.mkdir(parents=True)
        build(project, site_dir, base)
        self.site_dir = site_dir
        self.process = start_nginx(work / "site", port, server_block(conf, csp=True))
        return base

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.tmp.cleanup()


def serve_compared(stack, before, grow: bool) -> dict:
    """{site: base URL}, entered on the ExitStack stack: plain and ours
    (Served), with a 'before' checkout (ServedOne) between them when before
    is a path: the sites a bench compares side by side."""
    bases = stack.enter_context(Served(ROOT, grow))
    if before is None:
        return bases
    return {
        "plain": bases["plain"],
        "before": stack.enter_context(ServedOne(before, grow)),
        "ours": bases["ours"],
    }


def nav_pages(project: Path) -> list:
    return [page_url(source) for _, source in nav_entries(mkdocs_config(project)["nav"])]


def failing(report: dict, category: str) -> list:
    """Ids of the category's audits that did not pass (manual, informative
    and not-applicable ones left out; the metrics too, they are figures)."""
    audits = report["audits"]
    ids = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if (
            ref.get("group") != "metrics"
            and audit.get("score") is not None
            and audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
            and audit["score"] < 1
        ):
            ids.append(ref["id"])
    return ids


def figures(report: dict, base: str) -> dict:
    """What one Lighthouse report says, flat."""
    audits, categories = report["audits"], report["categories"]
    score = {
        name: None if categories[name]["score"] is None else round(categories[name]["score"] * 100)
        for name in ("performance", "accessibility", "best-practices")
    }
    # Requests over the network: Lighthouse also lists data: URLs (Material's
    # CSS icons), as many as the viewport happens to show, so they are left out
    requests = [
        item
        for item in audits["network-requests"]["details"]["items"]
        if not item["url"].startswith("data:")
    ]
    origin = urlsplit(base)
    # Every long task of the load, wherever it falls: TBT counts only those
    # after the first paint, and whether Material's bundle evaluation starts
    # before or after it, and whether the simulation counts it x4 or x2 (x2
    # when a Layout happened in it), swings one page's TBT between 0 and
    # 400 ms from run to run, on either site (bench/main_thread.py measures
    # without the simulation). Lighthouse names a long task after the first
    # script that ran in it: one named theme.js may be Material's bundle
    # evaluation, which the parser runs right after theme.js's last part
    long_tasks = (audits.get("long-tasks", {}).get("details") or {}).get("items", [])
    return {
        "perf": score["performance"],
        "a11y": score["accessibility"],
        "bp": score["best-practices"],
        **{label: audits[audit].get("numericValue") for label, audit in METRICS},
        "blocking ms": sum(max(0, item["duration"] - 50) for item in long_tasks),
        "requests": len(requests),
        "KB": audits["total-byte-weight"]["numericValue"] / 1024,
        # the page itself, uncompressed
        "HTML KB": next(
            (
                item.get("resourceSize", 0) / 1024
                for item in requests
                if item.get("resourceType") == "Document"
            ),
            None,
        ),
        "request_urls": sorted(
            item["url"].replace(f"{origin.scheme}://{origin.netloc}", "") for item in requests
        ),
        "failing_a11y": failing(report, "accessibility"),
        "failing_bp": failing(report, "best-practices"),
        "failing_perf": failing(report, "performance"),
        "runtime_error": (report.get("runtimeError") or {}).get("code"),
    }


def lighthouse(url: str, preset: str, out: Path, base: str, throttling: str = "simulate") -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        f"--throttling-method={throttling}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    result = subprocess.run(
        command,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        sys.exit(f"lighthouse {url} failed:\n{result.stderr[-3000:]}")
    return figures(json.loads(out.read_text(encoding="utf-8")), base)


TABLE = [
    "perf",
    "a11y",
    "bp",
    "FCP ms",
    "LCP ms",
    "TBT ms",
    "blocking ms",
    "CLS",
    "SI ms",
    "requests",
    "KB",
    "HTML KB",
]


def median(runs: list, key: str):
    values = [run[key] for run in runs if run[key] is not None]
    return statistics.median(values) if values else None


def show(value, key):
    if value is None:
        return "-"
    return f"{value:.3f}" if key == "CLS" else f"{value:.0f}"


def ratio(ours, plain, key):
    """ours/plain, unless plain shows as 0 (CLS 0.000, TBT 0 ms)."""
    if ours is None or plain is None or abs(plain) < (0.001 if key == "CLS" else 0.5):
        return "-"
    return f"{ours / plain:.2f}"


def print_table(page: str, preset: str, runs: dict) -> None:
    """runs: {site: [figures]} for one page and preset."""
    sites = list(runs)
    print(f"\n{page or '/'} ({preset}, {len(runs['ours'])} runs, medians)")
    print(f"  {'':13}" + "".join(f"{site:>13}" for site in sites) + f"{'ours/plain':>11}")
    for key in TABLE:
        medians = {site: median(runs[site], key) for site in sites}
        print(
            f"  {key:13}"
            + "".join(f"{show(medians[site], key):>13}" for site in sites)
            + f"{ratio(medians['ours'], medians['plain'], key):>11}"
        )
    for site in sites:
        for kind in ("a11y", "bp", "perf"):
            ids = sorted({i for run in runs[site] for i in run[f"failing_{kind}"]})
            print(f"  {site} failing {kind}: {', '.join(ids) or '-'}")
    only_ours = sorted(set(runs["ours"][0]["request_urls"]) - set(runs["plain"][0]["request_urls"]))
    only_plain = sorted(
        set(runs["plain"][0]["request_urls"]) - set(runs["ours"][0]["request_urls"])
    )
    print(f"  requests only ours: {', '.join(only_ours) or '-'}")
    print(f"  requests only plain: {', '.join(only_plain) or '-'}")
    loads = [run["load"] for site in sites for run in runs[site]]
    print(
        f"  1-min load average after each run: {min(loads):.1f}-{max(loads):.1f}"
        f" (Lighthouse alone keeps it near 2 on 2 cores; more: other work shared them)"
    )
    errors = {run["runtime_error"] for site in sites for run in runs[site]} - {None}
    if errors:
        print(f"  LIGHTHOUSE RUNTIME ERRORS: {', '.join(sorted(errors))}")


def print_summary(results: dict) -> None:
    """One line per page and preset: plain/ours medians side by side."""
    keys = [
        "perf",
        "a11y",
        "CLS",
        "TBT ms",
        "blocking ms",
        "FCP ms",
        "LCP ms",
        "requests",
        "KB",
        "HTML KB",
    ]
    sites = list(next(iter(results.values())))
    print(f"\nSummary (medians, {'/'.join(sites)})")
    print(f"  {'page':28} {'preset':8} " + " ".join(f"{key:>13}" for key in keys))
    for (page, preset), runs in results.items():
        cells = ["/".join(show(median(runs[site], key), key) for site in sites) for key in keys]
        print(f"  {page or '/':28} {preset:8} " + " ".join(f"{cell:>13}" for cell in cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--scale", action="store_true", help="the project grown by bench/scale.py")
    parser.add_argument(
        "--pages", nargs="+", help='site paths, e.g. itsearviointi/ ("/" front page)'
    )
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=list(PRESETS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--throttling",
        choices=("simulate", "devtools"),
        default="simulate",
        help="Lighthouse's --throttling-method (devtools: the CPU and network really slowed)",
    )
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    parser.add_argument(
        "--plain-features",
        action="store_true",
        help="the plain site with the project's Material features and palette",
    )
    parser.add_argument(
        "--again",
        action="store_true",
        help="the plain site measured twice, as a third site: how far two measures of one differ",
    )
    arguments = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm install --prefix bench")
    project = arguments.project.resolve()
    raw = []
    results = {}
    served = Served(project, arguments.scale, arguments.plain_features)
    with served as bases, tempfile.TemporaryDirectory() as reports:
        if arguments.again:
            bases = {"plain": bases["plain"], AGAIN: bases["plain"], "ours": bases["ours"]}
        if arguments.pages:
            pages = ["" if path == "/" else path.lstrip("/") for path in arguments.pages]
        else:  # the nav of the project as built (grown at --scale)
            pages = nav_pages(served.built["ours"][2])
        version = subprocess.run(
            [str(LIGHTHOUSE), "--version"], capture_output=True, text=True
        ).stdout.strip()
        print(
            f"project {project}{' grown by bench/scale.py' if arguments.scale else ''}; "
            f"Lighthouse {version}; "
            f"{arguments.runs} runs per page, site and preset",
            flush=True,
        )
        for preset in arguments.presets:
            for page in pages:
                runs = {site: [] for site in bases}
                for run in range(arguments.runs):
                    sites = list(bases)  # each site first in turn
                    order = sites[run % len(sites) :] + sites[: run % len(sites)]
                    for site in order:
                        out = Path(reports) / f"{site}.json"
                        result = lighthouse(
                            bases[site] + page, preset, out, bases[site], arguments.throttling
                        )
                        runs[site].append(result)
                        result["load"] = os.getloadavg()[0]
                        raw.append(
                            {"page": page, "preset": preset, "site": site, "run": run, **result}
                        )
                results[(page, preset)] = runs
                print_table(page, preset, runs)
                sys.stdout.flush()
    print_summary(results)
    if arguments.json:
        meta = {
            "project": str(project),
            "scale": arguments.scale,
            "runs": arguments.runs,
            "plain_features": arguments.plain_features,
            "again": arguments.again,
            "commit": subprocess.run(
                ["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True
            ).stdout.strip(),
        }
        arguments.json.write_text(
            json.dumps({"meta": meta, "runs": raw}, indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
