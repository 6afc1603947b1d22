"""Forms of a file an editor's tools may save that are still right: a page
saved with a byte-order mark keeps its front matter, macros and all, and a
YAML comment after a number (pass_mark: 80  # ...) is a comment, as YAML
reads it; only a comment after unquoted text is refused, because YAML
silently cuts the text there."""

import re

import yaml
from helpers import ROOT, copy_project, mkdocs_build, page_calling, source_text

from handbook import yamlfile
from handbook.problems import Problems


def test_a_comment_after_a_number_in_the_data_is_read_as_a_comment():
    text = (ROOT / "docs/data/quiz.yml").read_text(encoding="utf-8")
    commented, count = re.subn(
        r"^(\s+pass_mark:\s*\d+)\s*$", r"\1  # hyväksymisraja", text, count=1, flags=re.M
    )
    assert count == 1, "quiz.yml sets a pass_mark of its own"
    problems = Problems()
    data, _ = yamlfile.load(commented, "docs/data/quiz.yml", problems)
    assert [str(problem) for problem in problems] == []
    assert data == yaml.safe_load(text)


def test_a_page_saved_with_a_byte_order_mark_still_shows_its_checklist(tmp_path):
    page = page_calling("checklist(")
    name = re.search(r'checklist\(\s*"([^"]+)"', source_text(page.source)).group(1)
    project = copy_project(tmp_path / "project")
    path = project / "docs" / page.source
    path.write_bytes("\ufeff".encode() + source_text(page.source).encode())
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "site" / page.path / "index.html").read_text(encoding="utf-8")
    assert f'data-checklist="{name}"' in built
