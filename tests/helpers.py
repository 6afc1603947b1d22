"""What the tests share: the handbook's pages, the build, and the tools for
looking at a page in a browser (a watched page, axe-core)."""

import html
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import axe_playwright_python

ROOT = Path(__file__).resolve().parent.parent
SUB_PATH = "/ohjeet/some/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu",
    "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
# Every page of the handbook: (path under the site root, its title)
PAGES = [
    ("", "Ohjeita sosiaalisen median käyttöön"),
    ("kaupungin-edustajana/", "Kaupungin edustajana sosiaalisessa mediassa"),
    ("yksityishenkilona/", "Yksityishenkilönä sosiaalisessa mediassa"),
    ("salassapitovelvollisuus/", "Muista salassapitovelvollisuus"),
    ("ennen-julkaisua/", "Ennen kuin julkaiset"),
    ("itsearviointi/", "Itsearviointi"),
    ("koko-ohje/", "Ohjeita sosiaalisen median käyttöön"),
]
AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def mkdocs_build(project: Path, site_dir: Path, site_url: str = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project; returns the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True,
    )


def copy_project(target: Path) -> Path:
    """A copy of what builds the site (config, macros, pages, theme) in target."""
    target.mkdir(parents=True)
    for name in ["mkdocs.yml", "macros.py", "hooks", "docs", "overrides"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


def page_text(site: Path, path: str) -> str:
    """The readable text of a page's article, tags removed, spaces folded."""
    source = (site / path / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", source, re.S).group(0)
    text = html.unescape(re.sub(r"<[^>]+>", " ", article))
    return re.sub(r"\s+", " ", text)


def is_local(url: str) -> bool:
    return urlparse(url).hostname in LOCAL_HOSTS


@dataclass
class WatchedPage:
    """A Playwright page plus what it did: every request it made (its
    workers' included) and every console error or uncaught exception."""
    page: object
    requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)

    def external_requests(self):
        return [url for url in self.requests
                if urlparse(url).scheme in ("http", "https", "ws", "wss")
                and not is_local(url)]


def axe_violations(page) -> list:
    """axe-core's WCAG 2.1 A and AA violations on the page, one line each.
    Running transitions end first: a button fading in is not its final colour."""
    page.evaluate("Promise.allSettled(document.getAnimations().map(a => a.finished))")
    page.evaluate(AXE_JS)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_21_AA)
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]]


def search(page, query):
    """Type a query into the search box like a reader; return result URLs."""
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("")
    field.press_sequentially(query)
    # Each keystroke's results show in turn: wait until they have settled
    page.wait_for_function("query => document.querySelector('input.md-search__input').value"
                           " === query", arg=query)
    shown, steady = None, 0
    for _ in range(100):
        now = page.locator(".md-search-result").inner_html()
        steady = steady + 1 if now == shown else 0
        if steady == 4:
            break
        shown = now
        page.wait_for_timeout(100)
    links = page.locator(".md-search-result__item > .md-search-result__link")
    return [href.split("?")[0] for href in links.evaluate_all("as => as.map(a => a.href)")]
