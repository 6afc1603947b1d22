"""What the change history costs the build: `mkdocs build` of this project
after VERSIONS edits (each adding a rule and rewording another, as
tests/test_change_history.py edits them, one commit each), with every edit
tagged as an approved version (ohje-1 ... ohje-20) and with none tagged,
optionally beside an older checkout (--before, e.g. a worktree of the
commit before the history came) given the same edits. All three build the
same guideline text from the same number of commits, so what differs is
the code and the tags, not a guideline grown by 20 rules. A benchmark, not
a test: it prints medians and ratios and fails on nothing.

    .venv/bin/python bench/history_build.py [--runs 7] [--before DIR]

The builds alternate in each run, so that a noisy machine slows them alike,
and each build is compared with the first build of its own run.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import copy_project  # noqa: E402
from test_change_history import Editor, git, rules_of  # noqa: E402

VERSIONS = 20


def repository(source: Path, target: Path, versions: int, tagged: bool) -> Path:
    """A copy of source's project in a new git repository, with `versions`
    edits committed after the first commit, each tagged as a version if
    tagged."""
    if source == ROOT:
        copy_project(target)
    else:
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".git", ".venv*", "site"))
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-qm", "Ohje")
    if not versions:
        return target
    editor = Editor(target)
    taken = []
    rules = iter(list(rules_of(target).rules.values()))
    for number in range(1, versions + 1):
        editor.add_rule(f"Versiossa {number} lisätty kohta.", f"lisatty-{number}")
        for rule in rules:
            word = editor.word_of(rule, taken)
            if word:
                taken.append(word)
                editor.change_word(rule, word, f"ehdottomasti {word}")
                break
        git(target, "commit", "-qam", f"Ohje {number}")
        if tagged:
            git(target, "tag", "-a", f"ohje-{number}", "-m", f"Hyväksytty {number}.1.2026")
    return target


def build_seconds(project: Path, site: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"build of {project} failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, help="an older checkout, built the same way")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-history-") as work:
        work = Path(work)
        projects = {}
        if arguments.before:
            projects["before"] = repository(
                arguments.before.resolve(), work / "before", VERSIONS, tagged=False
            )
        projects["no versions"] = repository(ROOT, work / "untagged", VERSIONS, tagged=False)
        projects[f"{VERSIONS} versions"] = repository(ROOT, work / "tagged", VERSIONS, tagged=True)
        assert len(rules_of(projects[f"{VERSIONS} versions"]).approved) == VERSIONS
        times = {name: [] for name in projects}
        for run in range(arguments.runs + 1):  # the first run warms the caches
            for name, project in projects.items():
                seconds = build_seconds(project, work / "site")
                if run:
                    times[name].append(seconds)
        base = "before" if arguments.before else "no versions"
        print(f"mkdocs build --strict, {arguments.runs} runs each, medians")
        print("  (ratio: the median of each run's ratio to the first build of that run,")
        print("  which the machine's drifting speed slows alike)")
        for name, found in times.items():
            ratios = [seconds / first for seconds, first in zip(found, times[base], strict=True)]
            print(
                f"  {name:14} {statistics.median(found):6.2f} s  x{statistics.median(ratios):.3f}"
                f"   (min {min(found):.2f}, max {max(found):.2f})"
            )


if __name__ == "__main__":
    main()
