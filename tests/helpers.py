"""What the tests share: the handbook's pages, the build, and the tools for
looking at a page in a browser (a watched page, axe-core)."""

import contextlib
import functools
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import axe_playwright_python
import markdown
import yaml
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
# Where a page's source file is served, as the build itself computes it
# (tests import it from here; bench/ imports this module without pytest)
sys.path.insert(0, str(ROOT))
from handbook import schema  # noqa: E402
from macros import page_url  # noqa: E402, F401

SUB_PATH = "/ohjeet/some/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


# The content, read as the build reads it: tests take counts, ids, texts and
# order from here, never from numbers or sentences written into them.


def mkdocs_config(root: Path = ROOT) -> dict:
    """mkdocs.yml, read as MkDocs reads it (!ENV tags and all)."""
    with open(root / "mkdocs.yml", encoding="utf-8") as config:
        return yaml_load(config)


def editors_data(name: str, root: Path = ROOT) -> dict:
    """docs/data/<name>.yml, the editors' data, its Markdown texts as a
    reader sees them (shown)."""
    data = yaml.safe_load((root / "docs/data" / f"{name}.yml").read_text(encoding="utf-8"))
    return _texts_shown(data, schema.markdown_fields(name))


def _texts_shown(node, fields):
    if isinstance(node, list):
        return [_texts_shown(value, fields) for value in node]
    if isinstance(node, dict):
        return {
            key: shown(value)
            if key in fields and isinstance(value, str)
            else _texts_shown(value, fields)
            for key, value in node.items()
        }
    return node


def shown(text: str) -> str:
    """What a reader sees of an editor's Markdown text: its plain text."""
    return text_of(markdown.markdown(text))


def text_of(html_text: str) -> str:
    """The text of a piece of HTML, spaces folded."""
    return " ".join(LexborHTMLParser(html_text).text().split())


def rule_url(rule: str) -> str:
    """The site path of a rule reference "page.md#anchor"."""
    source, _, anchor = rule.partition("#")
    return f"{page_url(source)}#{anchor}"


def nav_entries(nav) -> list:
    """(title or None, source.md) of every page in mkdocs.yml's nav, in order
    (external links left out)."""
    entries = []
    for entry in nav or []:
        items = entry.items() if isinstance(entry, dict) else [(None, entry)]
        for title, target in items:
            if isinstance(target, list):
                entries += nav_entries(target)
            elif target.endswith(".md") and "://" not in target:
                entries.append((title, target))
    return entries


def source_text(source: str, root: Path = ROOT) -> str:
    return (root / "docs" / source).read_text(encoding="utf-8-sig")


def heading(source: str, root: Path = ROOT) -> str:
    """A page's h1 as written in its source, without an {#id} (front matter
    and fenced code left out)."""
    text = re.sub(r"\A---\r?\n.*?^---\s*$", "", source_text(source, root), flags=re.S | re.M)
    text = re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.S | re.M)
    match = re.search(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", text, re.M)
    return match.group(1)


def rule_topic(rule: str, root: Path = ROOT) -> str:
    """What a rule (page.md#id) is called on the site: the heading it is
    under in its source (the nearest one above its {: #id }), without its {…}."""
    source, _, anchor = rule.partition("#")
    lines = source_text(source, root).splitlines()
    line = next(n for n, text in enumerate(lines) if re.search(rf"#{re.escape(anchor)}\b", text))
    above = next(text for text in reversed(lines[:line]) if re.match(r"#{1,6} ", text))
    return re.sub(r"\s*\{[^}]*\}\s*$", "", above.lstrip("#")).strip()


@dataclass(frozen=True)
class Page:
    path: str  # under the site root: "" or "name/"
    title: str  # its h1
    nav_title: str  # its title in the nav
    source: str  # its file under docs/


def site_pages(root: Path = ROOT) -> list:
    """Every page of the handbook in nav order."""
    return [
        Page(page_url(source), heading(source, root), title or heading(source, root), source)
        for title, source in nav_entries(mkdocs_config(root)["nav"])
    ]


PAGES = site_pages()
GUIDELINE_PAGES = mkdocs_config()["extra"]["guideline"]["pages"]


def page_calling(macro: str, root: Path = ROOT) -> Page:
    """The first page (in nav order) whose source calls a macro, e.g. "quiz(" ."""
    pattern = re.compile(r"\{\{-?\s*" + re.escape(macro))
    return next(page for page in site_pages(root) if pattern.search(source_text(page.source, root)))


def quiz_on_site(root: Path = ROOT):
    """(page, name, quiz) of the first quiz a page shows; the quiz's optional
    fields filled in with the defaults of handbook/schemas/quiz.schema.json."""
    page = page_calling("quiz(", root)
    name = re.search(r'quiz\(\s*"([^"]+)"', source_text(page.source, root)).group(1)
    schema = json.loads((root / "handbook/schemas/quiz.schema.json").read_text(encoding="utf-8"))
    fields = schema["additionalProperties"]["properties"]
    defaults = {key: field["default"] for key, field in fields.items() if "default" in field}
    return page, name, {**defaults, **editors_data("quiz", root)[name]}


def quiz_asked(quiz: dict) -> int:
    """How many questions one attempt of a quiz asks: its `draw`, or the
    whole bank when it has none (or a draw larger than the bank)."""
    return min(quiz.get("draw") or len(quiz["questions"]), len(quiz["questions"]))


def rule_anchors(source: str, root: Path = ROOT) -> list:
    """The rule ids `{: #id }` of a page, in order."""
    return re.findall(r"\{:\s*#([\w-]+)\s*\}", source_text(source, root))


def build_command(builder: str, project: Path, site_dir: Path) -> list:
    """`python -m <builder> build --strict` of a project into site_dir
    (MkDocs or ProperDocs; Zensical takes no --site-dir, see build_site)."""
    config = ["--config-file", str(project / "mkdocs.yml")]
    return [
        sys.executable,
        "-m",
        builder,
        "build",
        "--strict",
        *config,
        "--site-dir",
        str(site_dir),
    ]


def mkdocs_build(
    project: Path, site_dir: Path, site_url: str = None
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project; returns the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        build_command("mkdocs", project, site_dir),
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


# Which builder the `site` fixture builds with: mkdocs (the city's stack,
# default), properdocs or zensical (the successors; README "Jatkuvuus")
BUILDERS = ("mkdocs", "properdocs", "zensical")
BUILDER = os.environ.get("HANDBOOK_BUILDER", "mkdocs")


def build_site(
    project: Path, site_dir: Path, site_url: str = None, builder: str = BUILDER
) -> subprocess.CompletedProcess:
    """The site built by one of BUILDERS, then checked as any pipeline checks
    it (`python -m hooks.csp`); returns the failing or the last process.
    Zensical takes no --site-dir and writes only inside its project, so it
    builds a copy of the project and the output is moved to site_dir."""
    if builder not in BUILDERS:
        raise ValueError(f"HANDBOOK_BUILDER={builder}: expected one of {BUILDERS}")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    if builder == "zensical":
        copy = copy_project(Path(site_dir).parent / f".zensical-{Path(site_dir).name}")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "zensical",
                "build",
                "--strict",
                "--config-file",
                str(copy / "mkdocs.yml"),
            ],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode == 0:
            shutil.move(copy / "site", site_dir)
        shutil.rmtree(copy)
    else:
        result = subprocess.run(
            build_command(builder, project, site_dir),
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        return result
    return subprocess.run(
        [sys.executable, "-m", "hooks.csp", str(site_dir)], cwd=ROOT, capture_output=True, text=True
    )


def copy_project(target: Path) -> Path:
    """A copy of what builds the site (config, macros, pages, theme) in target."""
    target.mkdir(parents=True)
    for name in ["mkdocs.yml", "macros.py", "builders", "handbook", "hooks", "docs", "overrides"]:
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
        return [
            url
            for url in self.requests
            if urlparse(url).scheme in ("http", "https", "ws", "wss") and not is_local(url)
        ]


def axe_violations(page) -> list:
    """axe-core's WCAG 2.1 A and AA violations on the page, one line each.
    Running transitions end first: a button fading in is not its final colour."""
    page.evaluate("Promise.allSettled(document.getAnimations().map(a => a.finished))")
    page.evaluate(AXE_JS)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]


SEARCH_PROMPT = "Kirjoita hakusana"  # what the results say while the box is empty
# ... and once a query's results are shown (overrides/partials/languages/custom.html)
SEARCH_COUNT = re.compile(r"^(Ei osumia|1 osuma|\d+ osumaa)$")


def search(page, query, prompt=SEARCH_PROMPT, count=SEARCH_COUNT):
    """Search like a reader and return the result URLs. The box is emptied
    first and its prompt awaited (search is then ready), then the query is
    put in at once: the worker answers in order, so the first count of
    results after the prompt is the query's own. (prompt and count: a plain
    Material site's own texts, for the benchmarks.)"""
    field = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    field.click()
    field.fill("")
    field.dispatch_event("keyup", {"key": "Backspace"})
    expect(meta).to_have_text(prompt)
    field.fill(query)
    # Material searches on keyup, which a Finnish keyboard sends for ä and ö too
    field.dispatch_event("keyup", {"key": query[-1:]})
    expect(meta).to_have_text(count)
    links = page.locator(".md-search-result__item > .md-search-result__link")
    return [href.split("?")[0] for href in links.evaluate_all("as => as.map(a => a.href)")]


def answer_shown_question(page, right=True):
    """Answer the quiz question on screen rightly (every right option) or
    wrongly (one wrong option), then go on. The options are told apart by the
    page's own markup: for tests of what is kept and printed, not of grading
    (grading tests take the right answer from quiz.yml)."""
    question = page.locator("[data-question]:visible")
    for option in question.locator(".handbook-quiz__option").all():
        if (option.get_attribute("data-correct") == "true") == right:
            option.locator("input").check()
            if not right:
                break
    question.get_by_role("button", name="Tarkista").click()
    question.get_by_role("button", name="Seuraava kysymys").click()


NGINX = "/usr/sbin/nginx"
NGINX_CONFIG = ROOT / "deploy/nginx/handbook.conf"


def require_nginx():
    """Skip a test that needs Debian's nginx when it is missing; in CI
    (CI set) a missing nginx is a failure, as a missing browser is."""
    import pytest

    if not os.path.exists(NGINX):
        message = f"{NGINX} is missing: apt-get install nginx"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def quiz_copy(root: Path, change):
    """The quiz page's address on a copy of the project under root whose
    quiz (quiz.yml's entry for the quiz a page shows) change(quiz) edits,
    built and served on loopback while in use."""
    page, name, _ = quiz_on_site()
    project = copy_project(root / "project")
    path = project / "docs/data/quiz.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data[name])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.stderr

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root / "site"))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{page.path}"
    finally:
        server.shutdown()


@contextlib.contextmanager
def switchable_site(work: Path):
    """(base_url, show(site)): one address under SUB_PATH, served uncached,
    whose site show(site) replaces (a symbolic link), as a new release
    replaces the last on the intranet."""
    port = free_port()
    link = work / "www" / SUB_PATH.strip("/")
    link.parent.mkdir(parents=True)

    def show(site):
        if link.is_symlink():
            link.unlink()
        link.symlink_to(site, target_is_directory=True)

    class Uncached(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

    server = ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Uncached, directory=str(work / "www"))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}{SUB_PATH}", show
    finally:
        server.shutdown()


def start_nginx(work: Path, port: int, server: str = None) -> subprocess.Popen:
    """Debian's nginx on a loopback port with a server block (the
    repository's deploy/nginx/handbook.conf unless given), its SET lines
    pointed at work/www; returns the running process."""
    server = (server or NGINX_CONFIG.read_text()).replace("listen 80;", f"listen 127.0.0.1:{port};")
    (work / "handbook.conf").write_text(server.replace("/var/www", str(work / "www")))
    temp_paths = "\n".join(
        f"{name}_temp_path {work}/{name};"
        for name in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    )
    (work / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    {temp_paths}
    include {work}/handbook.conf;
}}
""")
    test = subprocess.run(
        [NGINX, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)],
        capture_output=True,
        text=True,
    )
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return process


class Preview:
    """`<builder> serve` (the editors' preview, live reload on) of a project
    on a loopback port, its log collected; stop() ends it."""

    def __init__(self, project: Path, builder: str = "mkdocs"):
        import threading

        self.project, self.port, self.log = project, free_port(), []
        self.read_at = []  # when each line of the log was read (time.perf_counter())
        self.url = f"http://127.0.0.1:{self.port}{SUB_PATH}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", builder, "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stderr:
            self.read_at.append(time.perf_counter())
            self.log.append(line.rstrip("\n"))

    def wait_for_log(self, text: str, after: int = 0, timeout: float = 60) -> int:
        """The index of the first log line from `after` on holding text."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index, line in enumerate(self.log[after:], after):
                if text in line:
                    return index
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no {text!r} in the preview's log:\n" + "\n".join(self.log))

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
