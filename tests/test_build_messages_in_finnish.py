"""MkDocs' own warnings reach editors in Finnish also when MkDocs writes
them on several lines: two pages left out of the nav are named in one
Finnish message, none of the English left."""

from helpers import copy_project, mkdocs_build

NEW_PAGES = ["uusi-sivu.md", "toinen-uusi-sivu.md"]


def test_two_pages_left_out_of_the_nav_are_named_in_one_finnish_message(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in NEW_PAGES:
        (project / "docs" / name).write_text(f"# Sivu {name}\n\nTeksti.\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "The following pages" not in result.stderr
    message = next(line for line in result.stderr.splitlines() if "ei ole valikossa" in line)
    for name in NEW_PAGES:
        assert f"docs/{name}" in message
