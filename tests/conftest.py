"""Shared fixtures: the site is built once per session into a temporary
folder, served on loopback (at / and under a sub-path) and opened in
Debian's Chromium through Playwright."""

import functools
import os
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import (
    BUILDER,
    CHROMIUM,
    CHROMIUM_FLAGS,
    ROOT,
    SUB_PATH,
    WatchedPage,
    build_site,
    is_local,
    quiz_copy,
)


@pytest.fixture(scope="session")
def sub_path_port() -> int:
    """A free loopback port for the sub-path server, known before the build:
    Material's instant navigation works only at site_url's path and port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def site(tmp_path_factory, sub_path_port) -> Path:
    """The real site, built once with --strict by HANDBOOK_BUILDER (MkDocs
    unless set) and checked by the post-build CSP command. Its folder sits
    under SUB_PATH in a web root, so the same files serve at / and at SUB_PATH."""
    site_dir = tmp_path_factory.mktemp("www") / SUB_PATH.strip("/")
    result = build_site(ROOT, site_dir, f"http://127.0.0.1:{sub_path_port}{SUB_PATH}")
    assert result.returncode == 0, f"{BUILDER} build failed:\n{result.stdout}{result.stderr}"
    return site_dir


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(directory: Path, port: int = 0) -> ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def servers(site, sub_path_port):
    """Base URLs of two loopback servers: the site at / and under SUB_PATH
    (the address it was built for)."""
    web_root = site.parents[SUB_PATH.strip("/").count("/")]
    at_root, at_sub_path = _serve(site), _serve(web_root, sub_path_port)
    yield {
        "/": f"http://127.0.0.1:{at_root.server_port}/",
        SUB_PATH: f"http://127.0.0.1:{at_sub_path.server_port}{SUB_PATH}",
    }
    at_root.shutdown()
    at_sub_path.shutdown()


@pytest.fixture(scope="session")
def whole_bank(tmp_path_factory):
    """The quiz page of a copy of the project whose quiz asks every question
    in one attempt (no `draw`): for tests of one given question or of all
    of them, as the real quiz draws its questions at random."""
    with quiz_copy(
        tmp_path_factory.mktemp("whole-bank"), lambda quiz: quiz.pop("draw", None)
    ) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium. In CI a missing browser fails; elsewhere it skips."""
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Factory: a fresh context (no storage, no cookies) and a watched page,
    opened at url (once the network is idle) when one is given."""
    contexts = []

    def _open(url=None, color_scheme="light", **context_options):
        context = browser.new_context(color_scheme=color_scheme, **context_options)
        contexts.append(context)
        watched = WatchedPage(context.new_page())
        context.on("request", lambda request: watched.requests.append(request.url))
        # Nothing may leave the machine, even where a test is wrong about it
        context.route(lambda url: not is_local(url), lambda route: route.abort())
        watched.page.on(
            "console",
            lambda message: message.type == "error" and watched.console_errors.append(message.text),
        )
        watched.page.on("pageerror", lambda error: watched.console_errors.append(str(error)))
        if url:
            watched.page.goto(url, wait_until="networkidle")
        return watched

    yield _open
    for context in contexts:
        context.close()
