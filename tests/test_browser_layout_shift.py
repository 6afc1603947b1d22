"""Nothing moves when our scripts start: every page, the quiz and the
checklists among them, is laid out, from the first frame, as the scripts will show them (theme.js
marks <html> in <head>; the CSS does the rest). Measured with the browser's
own layout-shift entries (the figure Cumulative Layout Shift is made of),
on a phone and on a desktop, with our scripts arriving late, so that the
page is painted before they run, as on a slow connection."""

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from helpers import CHROMIUM, CHROMIUM_FLAGS, PAGES, SUB_PATH, page_calling

pytestmark = pytest.mark.browser

# Lighthouse's mobile and desktop screens
SCREENS = {
    "phone": {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1350, "height": 940}},
}
# Cumulative Layout Shift allowed (Google's "good" is 0.1)
MOST = 0.01
# How late our scripts arrive: long enough for the page to be painted first
LATE_MS = 400

COLLECT_SHIFTS = """
const shifts = []
const shiftObserver = new PerformanceObserver(list => shifts.push(...list.getEntries()))
shiftObserver.observe({type: "layout-shift", buffered: true})
window.layoutShift = () => [...shifts, ...shiftObserver.takeRecords()]
  .filter(entry => !entry.hadRecentInput).reduce((sum, entry) => sum + entry.value, 0)
"""

# The pages whose scripts change most when they start: the quiz, and the
# decision helper over the checklists
QUIZ, CHECKLISTS = page_calling("quiz("), page_calling("posting_helper(")


def is_ours(path):
    """Our scripts and Material's bundle; not theme.js, which <head> waits for."""
    return "/assets/javascripts/" in path and not path.endswith("/theme.js")


class _LateScripts(SimpleHTTPRequestHandler):
    def do_GET(self):
        if is_ours(self.path):
            time.sleep(LATE_MS / 1000)
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def slow_site(site):
    """The site under SUB_PATH on a server that sends our scripts late."""
    web_root = site.parents[SUB_PATH.strip("/").count("/")]
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_LateScripts, directory=str(web_root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    server.shutdown()


# The mark set late, once the page has loaded, as if by a script at its end
MARK_LATE = """
addEventListener("load", () => document.documentElement.classList.add("handbook-js"))"""


def theme_js_without_the_mark(site):
    """theme.js without the line that marks <html> as scripted."""
    script = (site / "assets/javascripts/theme.js").read_text(encoding="utf-8")
    mark = 'classList.add("handbook-js")'
    assert mark in script
    return script.replace(mark, "")


@pytest.fixture
def shifts_on(open_page, slow_site, site):
    """The layout shift (CLS) of a page until it has loaded (our scripts have
    run) and two more frames have been drawn."""

    def _measure(source, screen, mark_in_head=True):
        page = open_page(**SCREENS[screen]).page
        page.add_init_script(COLLECT_SHIFTS)
        if not mark_in_head:
            unmarked = theme_js_without_the_mark(site)
            page.route(
                "**/theme.js",
                lambda route: route.fulfill(body=unmarked, content_type="text/javascript"),
            )
            page.add_init_script(MARK_LATE)
        page.goto(slow_site + source.path)
        page.wait_for_load_state("load")
        page.evaluate(
            "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )
        return page.evaluate("layoutShift()")

    return _measure


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("source", PAGES, ids=lambda page: page.source)
def test_no_page_moves_when_its_scripts_start(shifts_on, source, screen):
    assert shifts_on(source, screen) <= MOST


@pytest.mark.parametrize("source", [QUIZ, CHECKLISTS], ids=lambda page: page.source)
def test_with_the_mark_set_late_the_page_would_move(shifts_on, source):
    """The measurement can fail: when <html> is marked only once the page
    has loaded, instead of in <head>, the page moves."""
    assert shifts_on(source, "desktop", mark_in_head=False) > MOST


def test_materials_layout_with_scripts_is_in_place_before_its_bundle_runs(open_page, servers):
    """Material's CSS lays out the page for scripts (the sidebar's height, the
    search box) once its bundle swaps no-js for js; theme.js does it in <head>,
    or a long navigation would first lengthen the page and then move its footer.
    (Read as the page's scripts have run: when the bundle never came, the
    page takes its no-JavaScript form at load, tests/test_browser_failed_scripts.py.)"""
    page = open_page().page
    page.add_init_script(
        "addEventListener('DOMContentLoaded', () =>"
        " window.classesAtStart = document.documentElement.className)"
    )
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(servers[SUB_PATH])
    classes = page.evaluate("window.classesAtStart").split()
    assert "js" in classes and "no-js" not in classes


def test_without_javascript_materials_no_js_layout_stays(open_page, servers):
    page = open_page(java_script_enabled=False).page
    page.goto(servers[SUB_PATH])
    assert "no-js" in page.evaluate("document.documentElement.className").split()


@pytest.fixture(scope="module")
def browser_with_scrollbars(browser):
    """Chromium drawing scrollbars that take room from the page, as desktop
    browsers do (headless Chromium hides them)."""
    with_scrollbars = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_FLAGS,
        ignore_default_args=["--hide-scrollbars"],
    )
    yield with_scrollbars
    with_scrollbars.close()


@pytest.mark.parametrize("source", [QUIZ, CHECKLISTS], ids=lambda page: page.source)
def test_a_page_does_not_move_sideways_when_it_grows_past_the_screen(
    browser_with_scrollbars, servers, source
):
    """The scrollbar's room is kept on every page: a page that grows past the
    screen (a question opening, the scripts starting) keeps its place
    (Lighthouse, desktop: CLS 0.0045 on the quiz page in 2 of 3 runs)."""
    page = browser_with_scrollbars.new_page(viewport={"width": 1350, "height": 4000})
    page.goto(servers[SUB_PATH] + source.path)
    page.get_by_role("main").wait_for()

    def content_left():
        return page.evaluate("document.querySelector('article').getBoundingClientRect().left")

    fits = content_left()
    page.set_viewport_size({"width": 1350, "height": 300})
    page.wait_for_function("document.documentElement.scrollHeight > innerHeight")
    assert content_left() == fits
    page.close()
