"""Quiz speed: build time and the time one answer takes to show, for the
real bank (docs/data/quiz.yml) and a generated 300-question bank.

"Answer time" is what clicking "Tarkista" costs the page: the click handler
plus the style and layout it causes (forced right after), in Chromium. It
must stay well inside one frame (16.7 ms at 60 Hz). Medians and maxima over
every question answered; build times are medians of three builds.

Run:  .venv/bin/python bench/quiz_speed.py
"""

import copy
import functools
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from helpers import CHROMIUM, CHROMIUM_FLAGS, ROOT, copy_project, mkdocs_build  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

BIG_BANK = 300
FRAME_MS = 1000 / 60

MEASURE_ANSWER = """() => {
  const question = document.querySelector("[data-question][data-current]")
  question.querySelector("input").checked = true
  const start = performance.now()
  question.querySelector("[data-action=check]").click()
  document.body.offsetHeight  // style and layout of the update
  const took = performance.now() - start
  question.querySelector("[data-action=next]").click()
  return took
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def project_with_bank(work: Path, size: int) -> Path:
    """A copy of the project whose quiz holds `size` questions (the real
    ones repeated with new ids when size is larger)."""
    project = copy_project(work / f"project-{size}")
    bank_file = project / "docs/data/quiz.yml"
    bank = yaml.safe_load(bank_file.read_text(encoding="utf-8"))
    real = bank["perehdytys"]["questions"]
    questions = []
    for index in range(size):
        question = copy.deepcopy(real[index % len(real)])
        question["id"] = f"{question['id']}-{index}"
        questions.append(question)
    bank["perehdytys"]["questions"] = questions
    bank_file.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    return project


def build_times(project: Path, site: Path, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = mkdocs_build(project, site)
        times.append(time.perf_counter() - start)
        assert result.returncode == 0, result.stderr
    return statistics.median(times)


def answer_times(browser, site: Path, count: int):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{server.server_port}/itsearviointi/", wait_until="networkidle")
    enhanced = page.evaluate("performance.getEntriesByType('navigation')[0].domComplete")
    times = [page.evaluate(MEASURE_ANSWER) for _ in range(count)]
    page.close()
    server.shutdown()
    return times, enhanced


def main():
    real_size = len(
        yaml.safe_load((ROOT / "docs/data/quiz.yml").read_text())["perehdytys"]["questions"]
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        for size in (real_size, BIG_BANK):
            project = project_with_bank(work, size)
            site = work / f"site-{size}"
            build = build_times(project, site)
            answers, dom_complete = answer_times(browser, site, min(size, 100))
            rows.append((size, build, answers, dom_complete))
        browser.close()
    print(
        f"{'questions':>9} {'build s':>8} {'answers':>7} {'median ms':>9} {'max ms':>7}"
        f" {'page ready ms':>13}"
    )
    for size, build, answers, dom_complete in rows:
        print(
            f"{size:>9} {build:>8.2f} {len(answers):>7} {statistics.median(answers):>9.2f} "
            f"{max(answers):>7.2f} {dom_complete:>13.0f}"
        )
    (small, big) = rows
    print(
        f"\nratio {BIG_BANK}/{small[0]} questions: build {big[1] / small[1]:.2f}x, "
        f"median answer {statistics.median(big[2]) / statistics.median(small[2]):.2f}x"
    )
    worst = max(max(row[2]) for row in rows)
    print(
        f"slowest answer {worst:.2f} ms: {'within' if worst < FRAME_MS else 'OVER'} "
        f"one frame ({FRAME_MS:.1f} ms)"
    )


if __name__ == "__main__":
    main()
