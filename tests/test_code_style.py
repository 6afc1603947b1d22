"""The code keeps one style: ruff's lint and format (pyproject.toml) find
nothing, so a change that breaks either fails with the suite, on an
editor's machine (pre-commit) and in CI alike."""

import subprocess
import sys

from helpers import ROOT


def ruff(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *arguments], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_finds_nothing():
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout


def test_code_is_formatted_as_ruff_formats_it():
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout
