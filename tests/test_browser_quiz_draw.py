"""With `draw` in quiz.yml, each attempt asks that many questions, drawn
from every part of the guideline in proportion to its questions, and the
result lists the questions asked. Built from copies of the project with
draw set and without it (the real quiz has its own draw)."""

import collections
import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml
from helpers import copy_project, mkdocs_build, quiz_on_site

pytestmark = pytest.mark.browser

QUIZ_PAGE, QUIZ_NAME, QUIZ = quiz_on_site()
PARTS = collections.Counter(q["rule"].partition("#")[0] for q in QUIZ["questions"])
# One more than the parts, so every part fits and one part gets a second
DRAW = len(PARTS) + 1


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def site_drawing(root, draw):
    """The quiz page's address on a copy of the project built with the
    quiz's draw set to draw (None: no draw), served while in use."""
    project = copy_project(root / "project")
    path = project / "docs/data/quiz.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[QUIZ_NAME].pop("draw", None)
    if draw:
        data[QUIZ_NAME]["draw"] = draw
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{QUIZ_PAGE.path}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def drawn_site(tmp_path_factory):
    with site_drawing(tmp_path_factory.mktemp("draw"), DRAW) as url:
        yield url


@pytest.fixture(scope="module")
def undrawn_site(tmp_path_factory):
    with site_drawing(tmp_path_factory.mktemp("no-draw"), None) as url:
        yield url


def answer_all(page):
    """Answer every question of the attempt with its first option."""
    for _ in range(DRAW + 1):
        if page.locator("[data-summary]").is_visible():
            return
        question = page.locator("[data-question]:visible")
        question.locator("input").first.check()
        question.locator("[data-action=check]").click()
        question.locator("[data-action=next]").click()
    pytest.fail("the summary never came")


def test_attempt_asks_the_drawn_number(open_page, drawn_site):
    page = open_page(drawn_site).page
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 1/{DRAW}"


def test_attempt_draws_from_every_part_of_the_guideline(open_page, drawn_site):
    page = open_page(drawn_site).page
    order = page.evaluate("""Object.values(localStorage).map(JSON.parse)
        .find(value => value && value.order).order""")
    parts = page.evaluate(
        "ids => ids.map(id => document.querySelector(`[data-question='${id}']`).dataset.part)",
        order,
    )
    assert len(order) == DRAW
    assert set(parts) == set(PARTS)


def test_result_lists_the_questions_asked(open_page, drawn_site):
    page = open_page(drawn_site).page
    answer_all(page)
    asked = page.locator("[data-asked-list] li")
    assert asked.count() == DRAW
    assert page.locator("[data-score]").inner_text().startswith("Oikeita vastauksia ")
    assert f"/{DRAW} (" in page.locator("[data-score]").inner_text()


def test_page_says_how_many_of_the_bank_are_asked(drawn_site, open_page):
    page = open_page(drawn_site).page
    assert (
        f"Jokaisella kerralla {DRAW} kysymystä {len(QUIZ['questions'])} kysymyksen joukosta"
    ) in page.locator(".handbook-quiz").inner_text()


def test_without_draw_every_question_is_asked(open_page, undrawn_site):
    page = open_page(undrawn_site).page
    total = len(QUIZ["questions"])
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 1/{total}"
