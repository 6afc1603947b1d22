"""The handbook at scale: a copy of the project whose quiz bank holds 300
valid questions and whose docs/ holds 50 more pages, for the benchmarks
(bench/lighthouse.py, bench/build_speed.py, bench/quiz_speed.py).

The extra questions are the real ones with new ids (each still points at a
real rule); the extra pages are copies of the guideline's pages (their text,
headings and rule ids, without the guideline markers, so the printable
guideline stays the real one), listed in the nav under "Lisäsivut".

    .venv/bin/python bench/scale.py TARGET [--questions 300] [--pages 50]
"""

import argparse
import copy
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import copy_project  # noqa: E402

QUESTIONS = 300
PAGES = 50
MARKERS = ("<!-- ohjeen teksti alkaa -->", "<!-- ohjeen teksti päättyy -->")


def grow_bank(project: Path, size: int) -> None:
    """docs/data/quiz.yml with `size` questions: the real ones repeated with
    new ids (none of the real ones is changed)."""
    bank_file = project / "docs/data/quiz.yml"
    bank = yaml.safe_load(bank_file.read_text(encoding="utf-8"))
    for quiz in bank.values():
        real = quiz["questions"]
        grown = real[:]
        for index in range(size - len(real)):
            question = copy.deepcopy(real[index % len(real)])
            question["id"] = f"{question['id']}-{index}"
            grown.append(question)
        quiz["questions"] = grown
    schema = bank_file.read_text(encoding="utf-8").splitlines()[0]
    bank_file.write_text(
        f"{schema}\n{yaml.safe_dump(bank, allow_unicode=True, sort_keys=False)}", encoding="utf-8"
    )


def add_pages(project: Path, count: int) -> list[str]:
    """`count` new pages docs/lisasivu-NN.md, each a copy of one guideline page
    (rule ids and text kept, guideline markers and macros left out), added
    to the nav. Returns their paths relative to docs/."""
    config_file = project / "mkdocs.yml"
    config_text = config_file.read_text(encoding="utf-8")
    sources = yaml.safe_load(
        config_text.split("\nnav:")[0].split("extra:")[1].split("extra_css:")[0]
    )["guideline"]["pages"]
    added = []
    for index in range(count):
        source = project / "docs" / sources[index % len(sources)]
        lines = [
            line
            for line in source.read_text(encoding="utf-8").splitlines()
            if line.strip() not in MARKERS and "{{" not in line
        ]
        text = "\n".join(lines).replace("render_macros: true", "render_macros: false")
        text = text.replace("\ntitle: ", f"\ntitle: Lisäsivu {index + 1} – ", 1)
        path = f"lisasivu-{index + 1:02d}.md"
        (project / "docs" / path).write_text(text + "\n", encoding="utf-8")
        added.append(path)
    nav = "".join(f"      - lisasivu-{i + 1:02d}.md\n" for i in range(count))
    config_file.write_text(config_text.rstrip("\n") + "\n  - Lisäsivut:\n" + nav, encoding="utf-8")
    return added


def make_project(target: Path, questions: int = QUESTIONS, pages: int = PAGES) -> Path:
    """A copy of the project at target, grown to `questions` and `pages` more."""
    project = copy_project(target)
    grow_bank(project, questions)
    add_pages(project, pages)
    return project


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--questions", type=int, default=QUESTIONS)
    parser.add_argument("--pages", type=int, default=PAGES)
    arguments = parser.parse_args()
    print(make_project(arguments.target, arguments.questions, arguments.pages))
