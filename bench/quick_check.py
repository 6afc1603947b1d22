"""How long the editors' quick check (`python macros.py`) takes, here and
at an earlier commit, side by side: runs alternate between the two trees,
and the medians and their ratio are printed.

    .venv/bin/python bench/quick_check.py [REF] [RUNS]

REF defaults to 1316948 (before the content layer moved to handbook/,
when the check validated without building); RUNS to 9 per tree.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(tree):
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "macros.py"], cwd=tree, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return time.perf_counter() - started


def main(ref="1316948", runs=9):
    with tempfile.TemporaryDirectory() as scratch:
        earlier = Path(scratch) / "earlier"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(earlier), ref],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            times = {"earlier": [], "now": []}
            for _ in range(int(runs)):
                times["earlier"].append(timed(earlier))
                times["now"].append(timed(ROOT))
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(earlier)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
    medians = {tree: statistics.median(values) for tree, values in times.items()}
    for tree, values in times.items():
        print(
            f"{tree:8} ({ref if tree == 'earlier' else 'working tree'}): median "
            f"{medians[tree]:.2f} s, min {min(values):.2f} s, max {max(values):.2f} s"
        )
    print(f"ratio now/earlier: {medians['now'] / medians['earlier']:.2f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
