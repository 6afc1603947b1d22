"""The preview's rebuild after a save: how long `mkdocs serve` takes from
noticing a saved page to reloading the browsers, for the handbook against
plain Material with the same pages (bench/build_speed.py makes "plain":
theme material, the pages, the nav and the Markdown extensions, nothing
else of ours). Medians, measured alternately in one run.

    .venv/bin/python bench/preview_rebuild.py [--runs 9] [--project DIR]
    .venv/bin/python bench/preview_rebuild.py --profile [--project DIR]

Each site runs in a real `python -m mkdocs serve` of its own, all at once,
each idle while another rebuilds. A run saves docs/index.md (its own text)
in each in turn and reads the serve log as it comes:

- rebuild: from "Building documentation..." to "Reloading browsers", what
  the server's builder does after a save (it loads mkdocs.yml and the
  plugins again, then builds the whole site); the measure compared;
- CPU: user and system time of the serve process and its child processes
  (git) over the rebuild (Linux /proc), steadier than wall time on a busy
  machine;
- save to reload: from the save to "Reloading browsers": the rebuild plus
  the server's wait for a change (it polls twice a second, then waits for
  changes to stop), what an editor waits in all.

The first rebuild of each is a warm-up and not counted. Ours runs in a git
worktree of the project's HEAD with the current files copied over it (page
dates need the history), as in build_speed.py; --project DIR (e.g.
`git worktree add /tmp/before main`) adds that project as "before", in the
same alternation.

--profile rebuilds ours in one process as the preview's builder does (a
first build, one warm rebuild, then one under cProfile) and prints the 25
entries with the most cumulative time, then the project's own code.
cProfile inflates pure-Python loops: time a change with the comparison.
"""

import argparse
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
from build_speed import ENV, plain_config, remove_worktrees, worktree  # noqa: E402
from helpers import Preview  # noqa: E402

SAVED = "docs/index.md"  # the page saved at each run
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User and system CPU time of a process so far, its finished child
    processes' (git) included, or None off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(field) for field in fields[11:15]) / CLOCK_TICKS


def rebuild(preview):
    """(rebuild, CPU, save to reload) seconds of one save."""
    start = len(preview.log)
    page = preview.project / SAVED
    cpu_before = cpu_seconds(preview.process.pid)
    saved_at = time.perf_counter()
    page.write_bytes(page.read_bytes())
    building = preview.wait_for_log("Building documentation", start)
    reloaded = preview.wait_for_log("Reloading browsers", building)
    cpu_after = cpu_seconds(preview.process.pid)
    failed = [line for line in preview.log[building:reloaded] if "ERROR" in line]
    assert not failed, f"{preview.project}: the rebuild failed:\n" + "\n".join(failed)
    return (
        preview.read_at[reloaded] - preview.read_at[building],
        None if cpu_before is None else cpu_after - cpu_before,
        preview.read_at[reloaded] - saved_at,
    )


def folders(scratch, projects):
    """{label: folder}: ours of each project (a worktree) and plain Material
    with the pages of the last."""
    found = {}
    for name, project in projects.items():
        found[name] = worktree(project, scratch / name)
    last = found[list(projects)[-1]]
    plain = scratch / "plain"
    shutil.copytree(last / "docs", plain / "docs")
    shutil.copy(last / "mkdocs.yml", plain / "mkdocs.yml")
    plain_config(plain / "mkdocs.yml")
    found["plain"] = plain
    return found


def compare(runs, projects):
    with tempfile.TemporaryDirectory() as scratch:
        sites = folders(Path(scratch), projects)
        previews = {}
        try:
            for label, folder in sites.items():
                previews[label] = Preview(folder)
                previews[label].wait_for_log("Serving on", timeout=120)
            times = {label: [] for label in sites}
            for run in range(runs + 1):
                for label, preview in previews.items():
                    measured = rebuild(preview)
                    if run:  # the first is a warm-up
                        times[label].append(measured)
                print(f"run {run}/{runs} done", file=sys.stderr)
        finally:
            for preview in previews.values():
                preview.stop()
            remove_worktrees(sites.values())
    report(runs, times)


def report(runs, times):
    print(
        f"The preview's rebuild after a save (`mkdocs serve`), median of {runs} saves each "
        "(seconds); ratios against plain Material's"
    )
    print(f"{'':8} {'rebuild':>8} {'CPU':>6} {'save to reload':>15} {'ratio':>6} {'CPU ratio':>10}")
    medians = {
        label: [
            statistics.median(value[index] for value in values)
            if values[0][index] is not None
            else float("nan")
            for index in range(3)
        ]
        for label, values in times.items()
    }
    plain = medians["plain"]
    for label, (rebuilt, cpu, waited) in medians.items():
        print(
            f"{label:8} {rebuilt:8.3f} {cpu:6.2f} {waited:15.3f} {rebuilt / plain[0]:6.2f} "
            f"{cpu / plain[1]:10.2f}"
        )


PROFILED = """
import cProfile, sys, tempfile
from mkdocs.commands.build import build
from mkdocs.config import load_config

site_dir, url = tempfile.mkdtemp(), "http://127.0.0.1:8000/ohjeet/some/"

def rebuild(first=False):  # what mkdocs.commands.serve's builder runs
    config = load_config("mkdocs.yml", site_dir=site_dir)
    if first:
        config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = url
    build(config, serve_url=url)

rebuild(first=True)
rebuild()
cProfile.run("rebuild()", sys.argv[1])
"""


def profile(project):
    with tempfile.TemporaryDirectory() as scratch:
        folder = worktree(project, Path(scratch) / "ours")
        try:
            stats_file = Path(scratch) / "rebuild.prof"
            subprocess.run(
                [sys.executable, "-c", PROFILED, str(stats_file)],
                cwd=folder,
                env=ENV,
                check=True,
                capture_output=True,
            )
            stats = pstats.Stats(str(stats_file))
            print(f"Profile of one warm rebuild, {stats.total_tt:.3f} s under cProfile")
            stats.sort_stats("cumulative").print_stats(25)
            print("The same, only the project's own code and the macros plugin:")
            stats.print_stats(r"/(macros\.py|handbook/|hooks/|builders/|mkdocs_macros/)", 20)
        finally:
            remove_worktrees([folder])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--project", type=Path, help="another project to compare (before)")
    parser.add_argument("--profile", action="store_true")
    arguments = parser.parse_args()
    if arguments.profile:
        profile((arguments.project or ROOT).resolve())
    else:
        projects = {"ours": ROOT}
        if arguments.project:
            projects = {"before": arguments.project.resolve(), "after": ROOT}
        compare(arguments.runs, projects)
