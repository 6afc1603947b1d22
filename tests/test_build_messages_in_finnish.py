"""MkDocs' own warnings reach editors in Finnish also when MkDocs writes
them on several lines: two pages left out of the nav are named in one
Finnish message, none of the English left. A name with a typo is answered
with the one meant."""

from helpers import copy_project, mkdocs_build, mkdocs_config

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


def test_a_nav_entry_with_a_typo_is_answered_with_the_page_meant(tmp_path):
    """The nav names a page with a letter missing: MkDocs' message, in
    Finnish, offers the page meant."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    page = next(
        entry
        for item in mkdocs_config(project)["nav"]
        for entry in item.values()
        if isinstance(entry, str) and entry != "index.md"
    )
    typo = page[:3] + page[4:]
    config.write_text(
        config.read_text(encoding="utf-8").replace(f": {page}\n", f": {typo}\n"), encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        f"navigaation (nav) sivua '{typo}' ei ole kansiossa docs/; korjaa tiedoston nimi; "
        f"tarkoititko '{page}'?"
    ) in result.stderr
