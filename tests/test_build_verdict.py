"""The verdict does not depend on how the build is called: a broken link
stops `mkdocs build` and `properdocs build` with --quiet, --verbose and
--no-strict as it does plainly, and stops the first build of `mkdocs serve`
(which would otherwise serve the broken site), with the same Finnish
message, no traceback and no site left to deploy. (--quiet sets the
builder's logger to ERROR: without hooks/editors.py MkDocs would count no
warning and the build would pass.)"""

import os
import subprocess
import sys

import pytest
from helpers import copy_project, free_port
from test_broken_content import broken_project, expected_messages

from hooks import editors

CASE = "link-to-missing-page"
SUMMARY = (
    "Rakennus keskeytyi, koska yllä on virheitä; sivustoa ei julkaistu. Korjaa ne ja "
    "tarkista uudelleen: python macros.py"
)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """(project with a broken link, its exact messages)."""
    tmp_path = tmp_path_factory.mktemp("verdict")
    project = broken_project(CASE, tmp_path)
    return project, expected_messages(CASE, project)


def run(project, *arguments, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", *arguments, "--config-file", str(project / "mkdocs.yml")],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize("builder", ["mkdocs", "properdocs"])
@pytest.mark.parametrize(
    "options",
    [
        ["--strict"],
        ["--strict", "-q"],
        ["--strict", "-v"],
        [],
        ["-q"],
        ["--no-strict"],
        ["--no-strict", "-q"],
    ],
    ids=" ".join,
)
def test_a_broken_link_stops_every_build(builder, options, broken, tmp_path):
    project, messages = broken
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("an earlier build")
    result = run(project, builder, "build", *options, "--site-dir", str(site))
    assert result.returncode != 0, "the build went through"
    for message in messages:
        assert message in result.stderr
    assert SUMMARY in result.stderr
    assert "Traceback" not in result.stderr
    assert list(site.iterdir()) == [], "the failed build left files to deploy"
    if "-q" in options:  # quiet still hides the progress lines
        assert "INFO" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [["mkdocs", "serve"], ["mkdocs", "serve", "-q"], ["properdocs", "serve", "-q"]],
    ids=" ".join,
)
def test_a_broken_link_stops_the_preview_before_it_serves(command, broken):
    """The preview's first build refuses the site and serve exits, saying
    so in Finnish; a serve still running after its build would be showing
    the broken site. (Later builds show their messages in the browser:
    test_preview.py.)"""
    project, messages = broken
    try:
        result = run(
            project, *command, "--no-livereload", "-a", f"127.0.0.1:{free_port()}", timeout=90
        )
    except subprocess.TimeoutExpired as expired:  # run() has killed it
        pytest.fail(f"{' '.join(command)} served the broken site:\n{expired.stderr}")
    assert result.returncode != 0
    for message in messages:
        assert message in result.stderr
    assert editors.PREVIEW_NOT_STARTED in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("builder", ["mkdocs", "properdocs"])
def test_the_real_content_builds_quietly(builder, tmp_path):
    """Warnings are logged under --quiet now: nothing else in a good build
    may be one, and quiet output stays free of progress lines."""
    project = copy_project(tmp_path / "project")
    result = run(project, builder, "build", "--strict", "-q", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "INFO" not in result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
