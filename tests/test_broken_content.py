"""Bad input from an editor stops the build with a message that names the
file, the item and the problem, before any page is written. Each case under
tests/broken/ is a small overlay: its files replace the real ones in a copy
of the project, remove.txt (if any) lists files to delete, and expected.txt
holds the exact message the editor must see, from the build and from the
validate command (python macros.py) alike: one line per problem, every
problem of the run listed.

Every case runs through the validate command's own code in this process (it
builds the copy as MkDocs does, with the copy's hooks, plugins and macros);
a real build as a subprocess, which shows the output folder is left empty,
runs for MkDocs' own link and nav messages and for one case of each kind of
file, and `python macros.py` as a command for a sample.

{line:TEXT} in expected.txt stands for the line of mkdocs.yml that holds
TEXT, and {line:PATH:TEXT} for the line of that project file, and {names:PATH} for
the names in a data file (comma-separated): those change when editors
change the real content."""

import copy
import logging
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, copy_project, mkdocs_build, page_calling

from hooks import editors

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())


def _line(project, reference) -> str:
    path, _, text = reference.rpartition(":")
    lines = (project / (path or "mkdocs.yml")).read_text(encoding="utf-8").splitlines()
    return str(next(number for number, line in enumerate(lines, 1) if text in line))


def expected_messages(case, project) -> list:
    """The case's exact messages, one a line."""
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").strip()
    expected = re.sub(r"\{line:([^}]+)\}", lambda match: _line(project, match.group(1)), expected)
    expected = re.sub(
        r"\{names:([^}]+)\}",
        lambda match: ", ".join(
            yaml.safe_load((project / match.group(1)).read_text(encoding="utf-8"))
        ),
        expected,
    )
    return expected.splitlines()


def broken_project(case, tmp_path) -> Path:
    """A copy of the project with the case's files laid over it."""
    project = copy_project(tmp_path / "project")
    removed = BROKEN / case / "remove.txt"
    for name in removed.read_text().split() if removed.exists() else []:
        (project / name).unlink()
    for path in (BROKEN / case).rglob("*"):
        if path.is_file() and path.name not in ("expected.txt", "remove.txt", "README"):
            target = project / path.relative_to(BROKEN / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return project


def _changed_files(case) -> tuple:
    """What a case changes in the project: the files it lays over it or removes."""
    removed = BROKEN / case / "remove.txt"
    laid = [
        path.relative_to(BROKEN / case).as_posix()
        for path in (BROKEN / case).rglob("*")
        if path.is_file() and path.name not in ("expected.txt", "remove.txt", "README")
    ]
    return tuple(sorted(laid + (removed.read_text().split() if removed.exists() else [])))


def _from_mkdocs_checks(case) -> bool:
    """Whether the case's message is one of MkDocs' own (links, nav), put in
    Finnish by hooks/editors.py: those are made only by a real build."""
    finnish = [re.sub(r"\\\{\w+\\\}", ".+?", re.escape(message)) for _, message in editors.MESSAGES]
    text = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    return any(re.search(pattern, text) for pattern in finnish)


# A real `mkdocs build --strict` (a subprocess, as CI and editors run it) for
# every case whose message MkDocs itself gives, and for the first case of
# each kind of file an editor can break: it shows the message as the build
# prints it and proves the output folder is left empty. Every case is also
# checked in-process by the validate command's own code, which runs the same
# build (test_validate_command_in_process_gives_the_case_its_messages).
BUILD_CASES = sorted(
    {case for case in CASES if _from_mkdocs_checks(case)}
    | {
        next(case for case in CASES if _changed_files(case) == files)
        for files in {_changed_files(case) for case in CASES}
    }
)
# `python macros.py` as a command, for a case from each source of messages:
# a hook (the first case), MkDocs' own checks and the content layer
COMMAND_CASES = sorted(
    {
        CASES[0],
        next(case for case in CASES if _from_mkdocs_checks(case)),
        next(case for case in CASES if case.startswith("checklist-")),
    }
)


@pytest.fixture
def validate_in_process(capsys):
    """Runs a project's macros.py as `python macros.py` runs it (as
    __main__, in the project folder), but in this process; returns (exit
    code, stdout, stderr). It builds the site as the build does (load_config,
    build): the project's hooks, plugins and macros are loaded from the
    project, as in a subprocess. The loggers and sys.path it changes are put
    back afterwards."""
    names = ["mkdocs", "properdocs"]
    saved = {
        name: (
            logging.getLogger(name).level,
            logging.getLogger(name).propagate,
            list(logging.getLogger(name).handlers),
            list(logging.getLogger(name).filters),
        )
        for name in names
    }
    saved_path = list(sys.path)

    def run(project):
        capsys.readouterr()
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(project)
            patch.setattr(sys, "argv", ["macros.py"])
            try:
                runpy.run_path(str(project / "macros.py"), run_name="__main__")
                code = 0
            except SystemExit as exit:
                code = exit.code
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    for name, (level, propagate, handlers, filters) in saved.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.propagate = propagate
        logger.handlers[:] = handlers
        logger.filters[:] = filters
    sys.path[:] = saved_path


@pytest.mark.parametrize("case", CASES)
def test_validate_command_in_process_gives_the_case_its_messages(
    case, tmp_path, validate_in_process
):
    project = broken_project(case, tmp_path)
    code, out, err = validate_in_process(project)
    assert code == 1
    assert out.splitlines() == [f"VIRHE: {message}" for message in expected_messages(case, project)]
    assert "Traceback" not in err


@pytest.mark.parametrize("case", BUILD_CASES)
def test_broken_content_stops_the_build_with_its_message(case, tmp_path):
    project = broken_project(case, tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("an earlier build")
    result = mkdocs_build(project, site)
    assert result.returncode != 0, "the build went through"
    for message in expected_messages(case, project):
        assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(site.iterdir()) == [], "the failed build left files to deploy"


@pytest.mark.parametrize("case", COMMAND_CASES)
def test_validate_command_gives_the_same_messages(case, tmp_path):
    project = broken_project(case, tmp_path)
    expected = expected_messages(case, project)
    result = subprocess.run(
        [sys.executable, str(project / "macros.py")], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"VIRHE: {message}" for message in expected]


def test_build_cases_cover_mkdocs_own_checks_and_every_kind_of_file():
    """The sample of real builds is not empty-handed: it holds the link and
    nav cases and a case laid over each kind of file."""
    assert {"link-to-missing-page", "page-not-in-nav", "page-missing-from-nav"} <= set(BUILD_CASES)
    assert not _from_mkdocs_checks("checklist-duplicate-id")
    assert len({_changed_files(case) for case in BUILD_CASES}) == len(
        {_changed_files(case) for case in CASES}
    )


def test_validate_command_passes_the_real_content():
    result = subprocess.run([sys.executable, "macros.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Sisältö on kunnossa:")


def test_validate_command_shows_what_teaches_each_rule_and_warns_of_rules_without_a_question(
    tmp_path,
):
    """The coverage table: a rule whose only question is removed is named."""
    project = copy_project(tmp_path / "project")
    quiz_file = project / "docs/data/quiz.yml"
    quiz = yaml.safe_load(quiz_file.read_text(encoding="utf-8"))
    questions = next(iter(quiz.values()))["questions"]
    rule = questions[0]["rule"]
    next(iter(quiz.values()))["questions"] = [q for q in questions if q["rule"] != rule]
    quiz_file.write_text(yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "macros.py"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith(rule + " "))
    assert row.split()[1] == "–"
    warnings = [line for line in result.stdout.splitlines() if line.startswith("HUOM: ")]
    assert any(rule in warning for warning in warnings), warnings


def test_html_and_jinja_in_editors_text_come_out_as_text(tmp_path):
    project = copy_project(tmp_path / "project")
    quiz_file = project / "docs/data/quiz.yml"
    quiz = yaml.safe_load(quiz_file.read_text(encoding="utf-8"))
    next(iter(quiz.values()))["questions"][0]["prompt"] = (
        "<script>alert(1)</script> {{ 7*7 }} <b>vain</b> työaikana?"
    )
    quiz_file.write_text(yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / page_calling("quiz(").path / "index.html").read_text(
        encoding="utf-8"
    )
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} &lt;b&gt;vain&lt;/b&gt; työaikana?" in page
    )
    assert "<script>alert(1)" not in page


def test_a_page_twice_in_the_nav_stops_the_build_naming_both_lines(tmp_path, validate_in_process):
    """The nav is mkdocs.yml's, which no overlay case replaces: the first
    nav entry is written a second time at the end of the nav."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    start = lines.index("nav:")
    entries = [number for number, line in enumerate(lines) if number > start and ".md" in line]
    first, last = entries[0], entries[-1]
    page = lines[first].rpartition(":")[2].strip()
    lines.insert(last + 1, f"  - Uudelleen: {page}")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = validate_in_process(project)
    assert code == 1
    assert out.splitlines() == [
        f"VIRHE: mkdocs.yml, rivi {last + 2}: sivu '{page}' on valikossa (nav) useammin kuin "
        f"kerran (rivit {first + 1}, {last + 2}); jätä se valikkoon vain kerran: muuten valikko "
        "näyttää sen monesti ja sivun alalaidan linkki vie sivulle itselleen"
    ]


def test_validate_command_counts_each_rules_questions_and_warns_of_a_rule_asked_too_often(
    tmp_path,
):
    """A rule asked more than three times is named with its count (a warning:
    the check still passes)."""
    project = copy_project(tmp_path / "project")
    quiz_file = project / "docs/data/quiz.yml"
    quiz = yaml.safe_load(quiz_file.read_text(encoding="utf-8"))
    questions = next(iter(quiz.values()))["questions"]
    rule = questions[0]["rule"]
    asked = sum(question["rule"] == rule for question in questions)
    questions += [  # deep copies: shared lists would be written as YAML aliases
        {**copy.deepcopy(questions[0]), "id": f"{questions[0]['id']}-{number}"}
        for number in range(max(0, 4 - asked))
    ]
    quiz_file.write_text(yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "macros.py"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    count = max(asked, 4)
    row = next(line for line in result.stdout.splitlines() if line.startswith(rule + " "))
    assert f"({count}) /" in row
    warning = next(line for line in result.stdout.splitlines() if "useammin kuin 3" in line)
    assert f"{rule} ({count})" in warning
