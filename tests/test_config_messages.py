"""Messages for mistakes in the handbook's settings in mkdocs.yml, which no
broken fixture can hold: a fixture lays whole files over the project, and a
copy of mkdocs.yml there would fall behind the real one."""

import subprocess
import sys

from helpers import copy_project, mkdocs_config


def test_a_guideline_page_with_a_typo_is_named_with_the_page_meant(tmp_path):
    project = copy_project(tmp_path / "project")
    page = mkdocs_config(project)["extra"]["guideline"]["pages"][-1]
    typo = page[:3] + page[4:]
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(f"      - {page}\n") == 1, "the page is listed once in extra.guideline.pages"
    config.write_text(text.replace(f"      - {page}\n", f"      - {typo}\n"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "macros.py"], cwd=project, capture_output=True, text=True
    )
    assert result.stdout.splitlines() == [
        f"VIRHE: mkdocs.yml: ohjeen sivua '{typo}' (extra.guideline.pages) ei ole kansiossa "
        f"docs/; tarkoititko '{page}'?"
    ]
