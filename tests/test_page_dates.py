"""Each page says when its content last changed, and the date is true: it
comes from git history, a page that shows editors' data changes when that
data changes, the printable page follows the guideline pages, and a build
without history says the date is unknown instead of inventing one."""

import os
import re
import subprocess

import pytest
from helpers import copy_project, mkdocs_build, page_calling

DATE = re.compile(r"Sivun sisältöä muutettu viimeksi (\d{1,2}\.\d{1,2}\.\d{4})\.")
UNKNOWN = "Sivun muutospäivä ei ole tiedossa, koska sivusto on rakennettu ilman versiohistoriaa."


def git(project, *args, date=None):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Testi",
        "GIT_AUTHOR_EMAIL": "testi@example.fi",
        "GIT_COMMITTER_NAME": "Testi",
        "GIT_COMMITTER_EMAIL": "testi@example.fi",
    }
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00")
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def shown_date(site, source):
    html = (site / ("" if source == "index.md" else source[:-3]) / "index.html").read_text(
        encoding="utf-8"
    )
    return DATE.findall(re.sub(r"\s+", " ", html))


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A project whose pages were committed on 1.2.2026, its checklists
    changed on 3.3.2026 and one guideline page on 4.4.2026; then built."""
    root = tmp_path_factory.mktemp("dates")
    project = copy_project(root / "project")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "Sivut", date="2026-02-01")
    data = project / "docs/data/checklists.yml"
    data.write_text(data.read_text(encoding="utf-8") + "\n# muutos\n", encoding="utf-8")
    git(project, "commit", "-qam", "Lista", date="2026-03-03")
    page = project / "docs/salassapitovelvollisuus.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(project, "commit", "-qam", "Sivu", date="2026-04-04")
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def test_page_date_is_its_own_last_commit(history):
    assert shown_date(history[1], "index.md") == ["1.2.2026"]
    assert shown_date(history[1], "salassapitovelvollisuus.md") == ["4.4.2026"]


def test_page_with_a_checklist_changes_when_the_checklist_data_does(history):
    assert shown_date(history[1], page_calling("checklist(").source) == ["3.3.2026"]


def test_page_without_editors_data_keeps_its_date_when_the_data_changes(history):
    assert shown_date(history[1], page_calling("quiz(").source) == ["1.2.2026"]


def test_printable_page_shows_one_date_the_newest_of_the_guideline(history):
    assert shown_date(history[1], page_calling("whole_guideline(").source) == ["4.4.2026"]


def test_build_without_history_says_the_date_is_unknown(tmp_path):
    project = copy_project(tmp_path / "project")  # an exported archive: no .git
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    html = re.sub(r"\s+", " ", (site / "index.html").read_text(encoding="utf-8"))
    assert UNKNOWN in html
    assert not DATE.search(html)


def test_shallow_clone_says_the_date_is_unknown(history, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history[0]}", str(clone)],
        check=True,
        capture_output=True,
    )
    site = tmp_path / "site"
    assert mkdocs_build(clone, site).returncode == 0
    html = re.sub(r"\s+", " ", (site / "index.html").read_text(encoding="utf-8"))
    assert UNKNOWN in html
