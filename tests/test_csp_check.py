"""The build's script check (hooks/csp.py): the site runs under
`script-src 'self'` only if no built page carries script of its own, so the
check refuses inline scripts, event handlers, javascript: addresses and
script files that are not the theme's, and leaves nothing deployable."""

import subprocess
import sys

import pytest

from helpers import ROOT, copy_project, mkdocs_build
from hooks.csp import check_site, findings

FIX = "Ne eivät ole sallittuja; poista ne."


@pytest.mark.parametrize("html, what", [
    ("<script>alert(1)</script>", "upotettu skripti (<script>)"),
    ("<SCRIPT type='module'>alert(1)</SCRIPT>", "upotettu skripti (<script>)"),
    ("<script type=text/javascript>alert(1)</script>", "upotettu skripti (<script>)"),
    ("<img src=x onerror=alert(1)>", "tapahtumankäsittelijä (onerror=…)"),
    ("<svg><rect ONLOAD='alert(1)'/></svg>", "tapahtumankäsittelijä (onload=…)"),
    ('<a href="javascript:alert(1)">x</a>', 'javascript:-osoite (href="javascript:…")'),
    ('<a href=" JaVa&#x09;Script:alert(1)">x</a>', 'javascript:-osoite (href="javascript:…")'),
    ('<form action="javascript:alert(1)"></form>', 'javascript:-osoite (action="javascript:…")'),
    ('<script src="evil.js"></script>', 'skripti, joka ei ole teeman tiedosto (<script src="evil.js">)'),
    ('<script src="https://example.com/assets/javascripts/x.js"></script>',
     'skripti, joka ei ole teeman tiedosto (<script src="https://example.com/assets/javascripts/x.js">)'),
])
def test_script_in_html_is_found(html, what):
    assert [found for _, found in findings(f"<p>Teksti</p>\n{html}")] == [what]


@pytest.mark.parametrize("html", [
    '<script id="__config" type="application/json">{"base": "."}</script>',
    '<script src="assets/javascripts/theme.js" data-md-part="base"></script>',
    '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
    "<p>Kirjoita &lt;script&gt; tai onclick= tai javascript: tekstinä</p>",
    '<a href="https://example.com/javascript:">x</a>',
    '<input data-on="x" name="onerror">',
])
def test_data_theme_scripts_and_text_are_not_script(html):
    assert findings(html) == []


def test_only_the_listed_theme_scripts_may_be_loaded_under_the_base_path():
    allowed = {"assets/javascripts/theme.js"}
    page = '<script src="/ohjeet/some/assets/javascripts/theme.js"></script>'
    assert findings(page, "404.html", allowed, "/ohjeet/some/") == []
    other = '<script src="/ohjeet/some/assets/javascripts/evil.js"></script>'
    assert findings(other, "404.html", allowed, "/ohjeet/some/") != []


def test_message_names_the_page_and_everything_found(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x/index.html").write_text("<script>1</script><img onerror=1>")
    (tmp_path / "index.html").write_text("<p>hyvä</p>")
    assert check_site(tmp_path, {"x/index.html": "docs/x.md"}) == [
        f"docs/x.md: sivulla on upotettu skripti (<script>), tapahtumankäsittelijä "
        f"(onerror=…). {FIX}"]


def test_the_real_site_passes(site):
    assert check_site(site) == []


@pytest.fixture
def project_with_script_in_a_page(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/yksityishenkilona.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n\n<p>Kuva: <img src=\"x.png\" alt=\"Kuva\" onerror=\"window.__pwned = 1\"></p>\n",
                    encoding="utf-8")
    return project


def test_build_fails_with_the_finnish_message_and_leaves_nothing_to_deploy(
        project_with_script_in_a_page, tmp_path):
    result = mkdocs_build(project_with_script_in_a_page, tmp_path / "site")
    assert result.returncode != 0
    assert (f"docs/yksityishenkilona.md: sivulla on tapahtumankäsittelijä (onerror=…). {FIX}"
            in result.stderr)
    assert list((tmp_path / "site").iterdir()) == []


def test_check_runs_after_any_build_as_a_command(project_with_script_in_a_page, tmp_path):
    site = tmp_path / "site"
    project = project_with_script_in_a_page
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8").replace("  - hooks/csp.py\n", ""),
        encoding="utf-8")
    assert mkdocs_build(project, site).returncode == 0, "a builder without the hook"
    result = subprocess.run([sys.executable, "-m", "hooks.csp", str(site)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"VIRHE: yksityishenkilona/index.html: sivulla on tapahtumankäsittelijä (onerror=…). {FIX}")
    assert list(site.iterdir()) == []


def test_check_command_passes_a_clean_site(site):
    result = subprocess.run([sys.executable, "-m", "hooks.csp", str(site)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").exists()
