"""An editor's text in a checklist shows as text: HTML or Jinja written
into an item of docs/data/checklists.yml comes out escaped, never as
markup, on every page that shows the list."""

import re

import yaml
from helpers import copy_project, editors_data, mkdocs_build, page_calling

MARKUP = "<b>vain</b> työaikana & {{ 7*7 }}"
ESCAPED = "&lt;b&gt;vain&lt;/b&gt; työaikana &amp; {{ 7*7 }}"


def test_html_in_a_checklist_items_text_comes_out_as_text(tmp_path):
    name = next(iter(editors_data("checklists")))
    page = page_calling(f'checklist("{name}")')
    project = copy_project(tmp_path / "project")
    path = project / "docs/data/checklists.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    item = data[name]["items"][0]
    item["text"] = MARKUP
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "site" / page.path / "index.html").read_text(encoding="utf-8")
    label = re.search(rf'<label for="checklist-{name}--{item["id"]}">(.*?)</label>', built, re.S)
    assert label.group(1) == ESCAPED
