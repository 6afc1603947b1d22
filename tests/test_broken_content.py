"""Bad input from an editor stops the build with a message that names the
file, the item and the problem. Each case under tests/broken/ is a small
overlay: its files replace the real ones in a copy of the project, and its
expected.txt holds the exact message the editor must see."""

import shutil
from pathlib import Path

import pytest

from helpers import copy_project, mkdocs_build

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())


def broken_project(case, tmp_path) -> Path:
    """A copy of the project with the case's files laid over it."""
    project = copy_project(tmp_path / "project")
    for path in (BROKEN / case).rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = project / path.relative_to(BROKEN / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return project


@pytest.mark.parametrize("case", CASES)
def test_broken_content_stops_the_build_with_its_message(case, tmp_path):
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").strip()
    project = broken_project(case, tmp_path)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0, "the build went through"
    assert expected in result.stderr + result.stdout
