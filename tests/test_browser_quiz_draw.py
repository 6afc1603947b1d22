"""With `draw` in quiz.yml, each attempt asks that many questions, drawn
from every part of the guideline in proportion to its questions, and the
result lists the questions asked. Built from copies of the project with
draw set and without it (whole_bank; the real quiz has its own draw)."""

import collections

import pytest
from helpers import SUB_PATH, quiz_asked, quiz_copy, quiz_on_site

pytestmark = pytest.mark.browser

QUIZ_PAGE, QUIZ_NAME, QUIZ = quiz_on_site()
PARTS = collections.Counter(q["rule"].partition("#")[0] for q in QUIZ["questions"])
# One more than the parts, so every part fits and one part gets a second
DRAW = len(PARTS) + 1


@pytest.fixture(scope="module")
def drawn_site(tmp_path_factory):
    with quiz_copy(tmp_path_factory.mktemp("draw"), lambda quiz: quiz.update(draw=DRAW)) as url:
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


def test_without_draw_every_question_is_asked(open_page, whole_bank):
    page = open_page(whole_bank).page
    total = len(QUIZ["questions"])
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 1/{total}"


def test_the_site_asks_as_many_as_quiz_yml_says(open_page, servers):
    page = open_page(servers[SUB_PATH] + QUIZ_PAGE.path).page
    expected = f"Kysymys 1/{quiz_asked(QUIZ)}"
    assert page.locator("[data-progress-text]").inner_text() == expected


def test_a_new_attempt_may_ask_every_question_instead(open_page, drawn_site):
    page = open_page(drawn_site).page
    total = len(QUIZ["questions"])
    every = page.get_by_role("button", name=f"Vastaa kaikkiin {total} kysymykseen")
    every.click()
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 1/{total}"
    assert every.is_hidden()
    page.reload()
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 1/{total}"


def test_every_question_is_offered_before_the_first_answer_only(open_page, drawn_site):
    page = open_page(drawn_site).page
    every = page.locator("[data-action=all][data-at-start]")
    assert every.is_visible()
    question = page.locator("[data-question]:visible")
    question.locator("input").first.check()
    question.locator("[data-action=check]").click()
    assert every.is_hidden()


def test_after_a_drawn_round_every_question_can_be_answered(open_page, drawn_site):
    page = open_page(drawn_site).page
    answer_all(page)
    total = len(QUIZ["questions"])
    page.locator("[data-summary]").get_by_role(
        "button", name=f"Vastaa kaikkiin {total} kysymykseen"
    ).click()
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 1/{total}"
