"""The preview (`mkdocs serve`, live reload on) while a file has a mistake:
every address is answered with a Finnish page listing the lines the
terminal and the quick check show (hooks/editors.py,
overrides/handbook/preview-error.html); an open page turns into it by
itself and back into the page after the save that fixes the mistake.
MkDocs alone kept every request waiting until a build succeeded.

One preview runs for the module; each test saves a mistake of a case in
tests/broken/ into it and puts the files back, waiting for the real site.
In-process: a fault in the code is shown too, and the preview's rebuilds
compile a theme template again only when its source changed."""

import contextlib
import io
import logging
import subprocess
import sys
import time
import urllib.error
import urllib.request

import jinja2
import pytest
from helpers import PAGES, Preview, axe_violations, copy_project, page_calling
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser
from test_broken_content import BROKEN, expected_messages

from hooks import editors

# A mistake in a data file (the content check's message, a PluginError) and
# in a page (MkDocs' own link check, put in Finnish; a strict-mode stop)
DATA_CASE = "checklist-duplicate-id"
PAGE_CASE = "link-to-missing-page"
# Wait for a rebuild: the preview polls for changes twice a second, and
# builds in about a second on an idle machine
REBUILD = 30
MESSAGES = "[data-messages] code"  # the messages an error page lists


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The preview of a copy of the project, serving."""
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    running = Preview(project)  # MkDocs, as the quick check: their messages are compared
    try:
        running.wait_for_log("Serving on")
        yield running
    finally:
        running.stop()


def fetch(url):
    """(status, text) of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=REBUILD) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for_status(url, status):
    deadline = time.monotonic() + REBUILD
    while (found := fetch(url))[0] != status:
        assert time.monotonic() < deadline, f"{url} still answers {found[0]}:\n{found[1][:2000]}"
        time.sleep(0.1)
    return found[1]


def listed(text):
    """The messages an error page lists."""
    return [code.text() for code in LexborHTMLParser(text).css(MESSAGES)]


@contextlib.contextmanager
def saved(preview, files):
    """files ({path in the project: bytes}) saved into the running preview's
    project, as an editor saves; afterwards the originals are put back and
    the real site awaited."""
    originals = {}
    for name, data in files.items():
        target = preview.project / name
        originals[target] = target.read_bytes()
        target.write_bytes(data)
    try:
        yield
    finally:
        for target, data in originals.items():
            target.write_bytes(data)
        wait_for_status(preview.url, 200)


def case_files(case):
    """{path: bytes} of a broken case's overlay."""
    return {
        path.relative_to(BROKEN / case).as_posix(): path.read_bytes()
        for path in (BROKEN / case).rglob("*")
        if path.is_file() and path.name not in ("expected.txt", "remove.txt", "README")
    }


@contextlib.contextmanager
def mistake(preview, case):
    """A broken case saved into the preview; yields its exact messages."""
    with saved(preview, case_files(case)):
        yield expected_messages(case, preview.project)


@pytest.mark.browser
def test_a_mistake_saved_shows_on_the_open_page_which_returns_after_the_fix(preview, open_page):
    page = page_calling("checklist(")
    watched = open_page()
    watched.page.goto(preview.url + page.path)
    expect(watched.page.locator("article h1")).to_contain_text(page.title)
    with mistake(preview, DATA_CASE) as messages:
        expect(watched.page.locator(MESSAGES)).to_have_text(messages, timeout=REBUILD * 1000)
    expect(watched.page.locator("article h1")).to_contain_text(page.title, timeout=REBUILD * 1000)
    assert watched.page.url == preview.url + page.path


@pytest.mark.browser
def test_a_page_not_open_before_shows_the_mistake(preview, open_page):
    with mistake(preview, PAGE_CASE) as messages:
        wait_for_status(preview.url, 404)
        changed = case_files(PAGE_CASE)
        other = next(page for page in PAGES if page.path and f"docs/{page.source}" not in changed)
        watched = open_page()
        watched.page.goto(preview.url + other.path)
        expect(watched.page.locator(MESSAGES)).to_have_text(messages)


def test_every_address_is_answered_with_the_mistake(preview):
    """Every page, the theme's stylesheet and the site's root: the failed
    build left nothing else to serve."""
    stylesheet = LexborHTMLParser(fetch(preview.url)[1]).css_first('link[rel="stylesheet"]')
    paths = [page.path for page in PAGES] + [stylesheet.attributes["href"], "sitemap.xml"]
    with mistake(preview, DATA_CASE) as messages:
        wait_for_status(preview.url, 404)
        for path in paths:
            status, text = fetch(preview.url + path)
            assert (status, listed(text)) == (404, messages), path


@pytest.mark.parametrize(
    "case",
    # several lines each: from the content check (HTML in them escaped) and
    # from MkDocs' link check (quotes in them)
    ["gate-html-attributes-and-addresses", "link-with-apostrophe"],
)
def test_the_page_lists_exactly_the_lines_the_terminal_shows(preview, case):
    start = len(preview.log)
    with mistake(preview, case) as messages:
        assert listed(wait_for_status(preview.url, 404)) == messages
        preview.wait_for_log(editors.PREVIEW_FAILED, start)  # the log is read as it comes
        log = "\n".join(preview.log[start:])
        assert all(message in log for message in messages)
        assert editors.PREVIEW_FAILED in log


def test_a_broken_mkdocs_yml_shows_the_quick_checks_lines(preview):
    """A mistake in mkdocs.yml stops the preview before any build: the
    message (the YAML parser's) is listed as the quick check gives it."""
    config = (preview.project / "mkdocs.yml").read_bytes()
    with saved(preview, {"mkdocs.yml": config + b"\nnav: [\n"}):
        shown = listed(wait_for_status(preview.url, 404))
        check = subprocess.run(
            [sys.executable, "macros.py"], cwd=preview.project, capture_output=True, text=True
        )
    assert check.returncode == 1
    assert shown == [line.removeprefix("VIRHE: ") for line in check.stdout.splitlines()]


@pytest.mark.browser
def test_the_error_page_is_finnish_accessible_and_self_contained(preview, open_page):
    with mistake(preview, DATA_CASE):
        wait_for_status(preview.url, 404)
        watched = open_page()
        watched.page.goto(preview.url)
        expect(watched.page.locator(MESSAGES)).not_to_have_count(0)
        assert watched.page.get_attribute("html", "lang") == "fi"
        assert watched.page.title()
        assert axe_violations(watched.page) == []
        assert watched.external_requests() == []


def _rendered(folder, cache):
    """t.html of folder, rendered by a new environment (as each build of
    the preview makes one) with the preview's compiled templates."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)
    return environment.get_template("t.html").render()


def test_the_preview_compiles_an_unchanged_template_once(tmp_path, monkeypatch):
    (tmp_path / "t.html").write_text("{{ 1 + 1 }}", encoding="utf-8")
    cache = editors.CompiledTemplates()
    assert _rendered(tmp_path, cache) == "2"
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *args, **kwargs: 1 / 0)
    assert _rendered(tmp_path, cache) == "2"


def test_the_preview_compiles_a_changed_template_again(tmp_path):
    (tmp_path / "t.html").write_text("ennen", encoding="utf-8")
    cache = editors.CompiledTemplates()
    assert _rendered(tmp_path, cache) == "ennen"
    (tmp_path / "t.html").write_text("jälkeen", encoding="utf-8")
    assert _rendered(tmp_path, cache) == "jälkeen"


def test_a_fault_in_the_code_is_named_on_the_page_and_the_preview_goes_on(tmp_path):
    """Not an editor's mistake but a bug (any exception): the preview
    still answers, naming it, and the traceback goes to the terminal."""
    terminal = io.StringIO()
    handler = logging.StreamHandler(terminal)
    handler.addFilter(editors.FinnishMessages())
    logging.getLogger("mkdocs").addHandler(handler)
    (tmp_path / "index.html").write_text("edellinen sivusto", encoding="utf-8")

    def build():
        raise ValueError("odottamaton")

    try:
        editors._preview_build(build, tmp_path)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert [path.name for path in tmp_path.iterdir()] == ["404.html"]
    assert listed((tmp_path / "404.html").read_text(encoding="utf-8")) == [
        "ValueError: odottamaton"
    ]
    assert editors.PREVIEW_FAILED in terminal.getvalue()
