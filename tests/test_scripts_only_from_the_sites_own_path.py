"""The post-build check (hooks/csp.py) knows where the site is served: a
page may load the theme's script files from the site's own path only, so
the same file name under another path of the server is refused."""

from pathlib import PurePosixPath

from helpers import SUB_PATH

from hooks.csp import THEME_SCRIPTS, findings


def theme_scripts(site):
    return {path.relative_to(site).as_posix() for path in (site / THEME_SCRIPTS).rglob("*.js")}


def test_the_theme_scripts_load_from_the_sites_own_path(site):
    scripts = theme_scripts(site)
    page = "".join(f'<script src="{SUB_PATH}{script}"></script>' for script in scripts)
    assert scripts and findings(page, "index.html", scripts, SUB_PATH) == []


def test_a_theme_script_under_another_path_of_the_server_is_refused(site):
    scripts = theme_scripts(site)
    other = PurePosixPath(SUB_PATH).parent / "toinen-sivusto"
    for script in scripts:
        page = f'<script src="{other}/{script}"></script>'
        assert [finding.what for finding in findings(page, "index.html", scripts, SUB_PATH)] == [
            f'skripti, joka ei ole teeman tiedosto (<script src="{other}/{script}">)'
        ]
