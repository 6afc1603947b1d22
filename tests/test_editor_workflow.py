"""What editors rely on around the content: the pipelines run the tests and
keep the built site, pre-commit runs the same validation, and the editors'
guide explains the messages they can meet."""

import re

import yaml

from helpers import ROOT

GUIDE = (ROOT / "MUOKKAUSOHJE.md").read_text(encoding="utf-8")


def test_gitlab_pipeline_tests_then_keeps_the_strict_build_as_artifact():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    assert pipeline["test"]["script"] == ["bash .ci/run"]
    assert ".venv/bin/python macros.py" in pipeline["site"]["script"]
    assert ".venv/bin/mkdocs build --strict --site-dir public" in pipeline["site"]["script"]
    assert pipeline["site"]["artifacts"]["paths"] == ["public"]
    assert pipeline["variables"]["GIT_DEPTH"] == 0


def test_github_workflow_runs_the_same_ci_script():
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    steps = [step.get("run") for step in workflow["jobs"]["test-and-build"]["steps"]]
    assert "bash .ci/run" in steps


def test_pre_commit_checks_yaml_whitespace_and_content():
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"yaml-syntax", "trailing-whitespace", "validate-content"}
    assert by_id["validate-content"]["entry"] == ".venv/bin/python macros.py"


def normalised(text):
    """Names, numbers and macro calls replaced, so that a message and the
    guide's wording of it ('x', N, {{ x }}) compare equal."""
    text = re.sub(r"'[^']*'", "'x'", text)
    text = re.sub(r"\{\{.*?\}\}", "{{ x }}", text)
    text = re.sub(r"\b(sivulla [\w-]+\.md|makrolle \w+|makron \w+)", lambda m: m.group(1).split()[0] + " x", text)
    return re.sub(r"\d+", "N", text)


def message_opening(message):
    """A message's fixed words, up to the first ';', ':', ',' or '('."""
    message = re.sub(r"^[^:{]*?(, rivi (\{[^}]*\}|\d+))?( \([^)]*\))?: ", "", message)
    return re.split(r"[;:(,]| <!--", normalised(message))[0].strip()


def test_guide_explains_every_message_an_editor_can_meet():
    """Every validator rule has a broken case (tests/broken/); each of their
    messages is explained in MUOKKAUSOHJE.md."""
    messages = [line for path in (ROOT / "tests/broken").glob("*/expected.txt")
                for line in path.read_text(encoding="utf-8").splitlines()]
    guide = normalised(GUIDE)
    missing = sorted(opening for opening in {message_opening(m) for m in messages}
                     if opening not in guide)
    assert missing == []


def test_guide_names_the_files_editors_change():
    for path in ["docs/data/checklists.yml", "docs/data/quiz.yml", "mkdocs.yml",
                 "mkdocs serve", "python macros.py"]:
        assert path in GUIDE
