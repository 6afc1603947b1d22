"""Build time of the handbook against plain Material with the same text
(fast on a phone): medians of clean builds, run alternately in one go, at the
normal size, with 50 more pages, and at scale (bench/scale.py: those pages
and 300 quiz questions): how much each added page costs, against plain
Material, and apart from it how much the grown quiz bank costs (plain has
no quiz to grow, so its cost is not charged to the pages).

    .venv/bin/python bench/build_speed.py [--runs 7] [--project DIR]
    .venv/bin/python bench/build_speed.py --profile [--scale] [--project DIR]
    .venv/bin/python bench/build_speed.py --floor [--runs 7]

"Plain" is a copy whose mkdocs.yml keeps the pages, the nav and the
Markdown extensions, and nothing else of ours: theme plain `material`
(font false, language fi), no custom_dir, hooks, extra_css/js or macros,
the default search plugin. Without the macros plugin the pages show their
`{{ quiz(...) }}` calls as literal text; that is fine for a baseline of
build time (the text MkDocs has to handle is the same).

Each build is a clean `python -m mkdocs build --strict` in a subprocess,
into a fresh site folder. Ours is built in a temporary git worktree of the
project's HEAD with the project's current files copied over it (page dates
need the git history; uncommitted changes count). --project DIR adds that
project (e.g. `git worktree add /tmp/before main`) as "before", built in
the same alternation: the fairest comparison.

--profile builds ours once under cProfile and prints the 25 entries with
the most cumulative time, then `python -X importtime` summed by top-level
package. cProfile makes pure-Python loops look several times dearer than
they are (the CSP check: 1.2 s under it, 0.3 s without): time a change
with the comparison, not with the profile.
"""

import argparse
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from scale import PAGES, QUESTIONS, add_pages, grow_bank  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# normal: the project as it is; pages: PAGES more pages; scale: those pages
# and the quiz bank grown to QUESTIONS
SIZES = ["normal", "pages", "scale"]
PROJECT_FILES = ["mkdocs.yml", "macros.py", "builders", "handbook", "hooks", "docs", "overrides"]


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml read for its pages and nav (an !ENV value is not needed)."""


ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def plain_config(config_file):
    """mkdocs.yml rewritten as plain Material with the same pages and text."""
    ours = yaml.load(config_file.read_text(encoding="utf-8"), Loader=ConfigLoader)
    plain = {
        "site_name": ours["site_name"],
        "exclude_docs": ours.get("exclude_docs", ""),
        "theme": {"name": "material", "font": False, "language": "fi"},
        "markdown_extensions": ours["markdown_extensions"],
        "nav": ours["nav"],
    }
    config_file.write_text(
        yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def worktree(project, target):
    """A git worktree of project's HEAD at target, its files replaced by the
    project's current ones."""
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(target), "HEAD"],
        cwd=project,
        check=True,
        capture_output=True,
    )
    for name in PROJECT_FILES:
        source, copy = project / name, target / name
        if copy.is_dir():
            shutil.rmtree(copy)
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, copy)
    return target


def variants(project, scratch, name):
    """{label: folder} of the six builds of one project: ours and plain, at
    the normal size, with PAGES more pages, and at scale (those pages and the
    bank grown to QUESTIONS): added pages and a grown bank cost apart."""
    found = {}
    for size in SIZES:
        ours = worktree(project, scratch / f"{name}-{size}")
        plain = scratch / f"{name}-{size}-plain"
        if size == "scale":
            grow_bank(ours, QUESTIONS)
        if size in ("pages", "scale"):
            add_pages(ours, PAGES)
        shutil.copytree(ours / "docs", plain / "docs")
        shutil.copy(ours / "mkdocs.yml", plain / "mkdocs.yml")
        plain_config(plain / "mkdocs.yml")
        found[f"{name} ours {size}"] = ours
        found[f"{name} plain {size}"] = plain
    return found


def timed_build(folder, site_dir):
    """(wall seconds, CPU seconds) of one clean build; CPU time (user and
    system, the build's git calls included) varies less on a busy machine."""
    shutil.rmtree(site_dir, ignore_errors=True)
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=folder,
        env=ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode == 0, f"{folder}: {result.stdout}{result.stderr}"
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return elapsed, cpu


def remove_worktrees(folders):
    for folder in folders:
        if (folder / ".git").is_file():
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(folder)],
                cwd=folder,
                capture_output=True,
            )


def compare(runs, projects):
    """Median build times of each project's four variants, alternating."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        folders = {}
        for name, project in projects.items():
            folders.update(variants(project, scratch, name))
        try:
            times = {label: [] for label in folders}
            for run in range(runs):
                for label, folder in folders.items():
                    times[label].append(timed_build(folder, scratch / "site"))
                print(f"run {run + 1}/{runs} done", file=sys.stderr)
        finally:
            remove_worktrees(folders.values())
    print(
        f"Median of {runs} clean builds each (seconds). Per page: (pages - normal) / "
        f"{PAGES} added pages, in ms. Bank: scale - pages, the quiz grown to {QUESTIONS} "
        "questions, in ms (plain has no quiz: it shows the macro call as text)"
    )
    for index, measure in enumerate(["wall-clock time", "CPU time (user + system)"]):
        medians = {
            label: statistics.median(value[index] for value in values)
            for label, values in times.items()
        }
        print(f"\n{measure}")
        table(projects, medians)


def table(projects, medians):
    print(
        f"{'':8} {'ours':>7} {'plain':>7} {'ratio':>6} | {'ours/page':>9} {'plain/page':>10} "
        f"{'ratio':>6} | {'ours@scale':>10} {'plain@scale':>11} | {'bank':>6}"
    )
    for name in projects:
        m = {
            f"{site} {size}": medians[f"{name} {site} {size}"]
            for site in ("ours", "plain")
            for size in SIZES
        }
        ours_growth = (m["ours pages"] - m["ours normal"]) / PAGES
        plain_growth = (m["plain pages"] - m["plain normal"]) / PAGES
        print(
            f"{name:8} {m['ours normal']:7.3f} {m['plain normal']:7.3f} "
            f"{m['ours normal'] / m['plain normal']:6.2f} | {ours_growth * 1000:9.1f} "
            f"{plain_growth * 1000:10.1f} {ours_growth / plain_growth:6.2f} | "
            f"{m['ours scale']:10.3f} {m['plain scale']:11.3f} | "
            f"{(m['ours scale'] - m['ours pages']) * 1000:6.0f}"
        )


def import_times(stderr):
    """{top-level package: milliseconds of its own imports} from -X importtime."""
    totals = {}
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            own, _, name = line[len("import time:") :].split("|")
            package = name.strip().split(".")[0]
            totals[package] = totals.get(package, 0) + int(own) / 1000
    return totals


def profile(project, scale):
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        folder = worktree(project, scratch / "ours")
        try:
            if scale:
                grow_bank(folder, QUESTIONS)
                add_pages(folder, PAGES)
            build = ["-m", "mkdocs", "build", "--strict", "--site-dir", str(scratch / "site")]
            stats_file = scratch / "build.prof"
            subprocess.run(
                [sys.executable, "-m", "cProfile", "-o", str(stats_file), *build],
                cwd=folder,
                env=ENV,
                check=True,
                capture_output=True,
            )
            stats = pstats.Stats(str(stats_file))
            print(
                f"Profile of one build ({'scale' if scale else 'normal size'}), "
                f"{stats.total_tt:.3f} s under cProfile"
            )
            stats.sort_stats("cumulative").print_stats(25)
            print("The same, only the project's own code and the macros plugin:")
            stats.print_stats(r"/(macros\.py|handbook/|hooks/|mkdocs_macros/)", 15)
            runs = [
                import_times(
                    subprocess.run(
                        [sys.executable, "-X", "importtime", *build],
                        cwd=folder,
                        env=ENV,
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stderr
                )
                for _ in range(5)
            ]
        finally:
            remove_worktrees([folder])
    totals = {
        package: statistics.median(run.get(package, 0) for run in runs) for package in runs[0]
    }
    print(
        f"Imports (medians of 5 builds): {sum(totals.values()):.0f} ms in all; by top-level "
        "package (own time):"
    )
    for package, ms in sorted(totals.items(), key=lambda item: -item[1])[:20]:
        print(f"  {ms:7.1f} ms  {package}")


def floor(runs, project):
    """What the fixed stack costs before any code of ours: plain Material,
    plus the mkdocs-macros plugin with no module (it imports `requests` and
    its family whatever it renders), plus an import of jsonschema (the one
    JSON Schema the editors' data is checked with). Medians, alternating."""
    hook = "import jsonschema  # noqa: F401 (only its import is measured)\n"
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        folders = {}
        for label, plugins in [
            ("plain", False),
            ("+ macros plugin", True),
            ("+ macros plugin + jsonschema", True),
        ]:
            folder = folders[label] = scratch / str(len(folders))
            shutil.copytree(project / "docs", folder / "docs")
            for page in (folder / "docs").rglob("*.md"):  # the plugin loaded, no page rendered
                text = page.read_text(encoding="utf-8")
                page.write_text(
                    text.replace("render_macros: true", "render_macros: false"), encoding="utf-8"
                )
            shutil.copy(project / "mkdocs.yml", folder / "mkdocs.yml")
            plain_config(folder / "mkdocs.yml")
            config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
            if plugins:
                config["plugins"] = ["search", {"macros": {"render_by_default": False}}]
            if "jsonschema" in label:
                (folder / "hook.py").write_text(hook, encoding="utf-8")
                config["hooks"] = ["hook.py"]
            (folder / "mkdocs.yml").write_text(
                yaml.safe_dump(config, allow_unicode=True), encoding="utf-8"
            )
        times = {label: [] for label in folders}
        for _ in range(runs):
            for label, folder in folders.items():
                times[label].append(timed_build(folder, scratch / "site")[1])
    plain = statistics.median(times["plain"])
    print(f"CPU time of a clean build, median of {runs} (the project's pages, plain Material)")
    for label, values in times.items():
        print(
            f"  {label:30} {statistics.median(values):6.3f} s"
            f"  {statistics.median(values) / plain:5.2f}x"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--project", type=Path, help="another project to compare (before)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--scale", action="store_true", help="profile the project at scale")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="what the macros plugin and jsonschema cost plain Material",
    )
    arguments = parser.parse_args()
    if arguments.floor:
        floor(arguments.runs, (arguments.project or ROOT).resolve())
    elif arguments.profile:
        profile((arguments.project or ROOT).resolve(), arguments.scale)
    else:
        projects = {"now": ROOT}
        if arguments.project:
            projects = {"before": arguments.project.resolve(), "after": ROOT}
        compare(arguments.runs, projects)
