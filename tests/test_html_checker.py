"""Every built page is valid HTML by the W3C Nu HTML Checker (vnu.jar, the
checker behind validator.w3.org/nu), run once for all pages: one Java
start. The checker comes from npm (tests/vnu/package.json, exact version):
`npm ci --prefix tests/vnu`; it runs on the machine's Java. In CI (CI set)
a missing Java or checker fails, as a missing browser does; elsewhere the
test is skipped with the reason."""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from helpers import ROOT

pytestmark = pytest.mark.vnu

VNU_JAR = ROOT / "tests/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


def missing(message):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def checker_errors(pages):
    """The checker's errors on the pages, as it reports them (JSON)."""
    java = shutil.which("java")
    if not java:
        missing("java is missing: apt-get install default-jre-headless")
    if not VNU_JAR.is_file():
        missing(f"{VNU_JAR.relative_to(ROOT)} is missing: npm ci --prefix tests/vnu")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=100,
    )
    # The report is on stderr; exit status 1 means errors were found
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stderr)["messages"]


def test_every_page_is_valid_html(site):
    pages = sorted(site.rglob("*.html"))
    assert pages
    errors = [
        f"{Path(unquote(urlparse(message['url']).path)).relative_to(site)}, "
        f"line {message.get('lastLine', '?')}: {message['message']}"
        for message in checker_errors(pages)
    ]
    assert not errors, f"{len(errors)} errors on {len(pages)} pages:\n" + "\n".join(errors)
