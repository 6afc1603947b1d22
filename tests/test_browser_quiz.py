"""The self-check quiz in real Chromium: one question at a time, right or
wrong in words with the explanation and the rule, a score against the pass
mark, by keyboard alone, across reloads and with storage blocked."""

import re

import pytest
from playwright.sync_api import expect

from helpers import SUB_PATH, axe_violations

pytestmark = pytest.mark.browser

QUIZ = "itsearviointi/"
TOTAL = 17


@pytest.fixture
def open_quiz(open_page, servers):
    return lambda **options: open_page(servers[SUB_PATH] + QUIZ, **options)


def current(page):
    return page.locator("[data-question]:visible")


def answer(page, right=True):
    """Choose the right (or a wrong) answer to the visible question, check it."""
    question = current(page)
    options = question.locator(".handbook-quiz__option")
    for index in range(options.count()):
        option = options.nth(index)
        is_correct = option.get_attribute("data-correct") == "true"
        if is_correct == right:
            option.locator("input").check()
            if not right:
                break
    question.get_by_role("button", name="Tarkista").click()
    return question


def next_question(page):
    current(page).get_by_role("button", name="Seuraava kysymys").click()


def progress(page):
    return page.locator("[data-progress-text]").inner_text()


def test_quiz_shows_one_question_at_a_time_with_progress(open_quiz):
    page = open_quiz().page
    assert current(page).count() == 1
    assert progress(page) == f"Kysymys 1/{TOTAL}"
    assert page.locator(".handbook-quiz__progress progress").get_attribute("value") == "1"


def test_right_answer_is_told_in_words_and_announced(open_quiz):
    page = open_quiz().page
    question = answer(page, right=True)
    result = question.locator("[data-result]")
    assert result.get_attribute("aria-live") == "polite"
    assert result.locator(".handbook-quiz__verdict").inner_text() == "✓ Oikein!"


def test_wrong_answer_shows_explanation_and_link_to_the_rule(open_quiz, servers):
    page = open_quiz().page
    question = answer(page, right=False)
    result = question.locator("[data-result]")
    assert result.locator(".handbook-quiz__verdict").inner_text() == "✗ Väärin."
    assert "Salassapitovelvollisuus sitoo myös vapaa-aikana." in result.inner_text()
    link = result.get_by_role("link", name="Lue ohjeesta: Muista salassapitovelvollisuus")
    assert link.evaluate("a => a.href") == \
        servers[SUB_PATH] + "salassapitovelvollisuus/#salassapito-vapaa-aikana"
    assert "✗ väärä valinta" in question.inner_text()
    assert "✓ oikea vastaus" in question.inner_text()


def test_checking_without_an_answer_asks_for_one(open_quiz):
    page = open_quiz().page
    current(page).get_by_role("button", name="Tarkista").click()
    assert current(page).locator("[data-error]").inner_text() == "Valitse ensin vastaus."


def test_option_feedback_shows_for_the_chosen_option_only(open_quiz):
    page = open_quiz().page
    answer(page)
    next_question(page)
    question = current(page)  # "Milloin salassapitovelvollisuus sitoo sinua…"
    assert question.locator("[data-feedback]").is_hidden()
    question.get_by_label("Vain kun julkaisen kaupungin virkaprofiilissa").check()
    question.get_by_role("button", name="Tarkista").click()
    assert question.locator("[data-feedback]").inner_text() == \
        "Salassapitovelvollisuus ei rajoitu virkaprofiileihin."


def test_all_answers_right_gives_a_pass(open_quiz):
    page = open_quiz().page
    for _ in range(TOTAL):
        answer(page, right=True)
        next_question(page)
    summary = page.locator("[data-summary]")
    assert summary.is_visible()
    assert summary.locator("[data-verdict]").inner_text() == "✓ Hyväksytty (raja 80 %)."
    assert summary.locator("[data-score]").inner_text() == f"Oikeita vastauksia {TOTAL}/{TOTAL} (100 %)."
    assert summary.locator("[data-reread]").is_hidden()


def test_too_many_wrong_answers_fail_and_list_the_rules_to_reread(open_quiz, servers):
    page = open_quiz().page
    for index in range(TOTAL):
        answer(page, right=index >= 4)
        next_question(page)
    summary = page.locator("[data-summary]")
    assert summary.locator("[data-verdict]").inner_text() == "✗ Ei vielä hyväksytty (raja 80 %)."
    assert summary.locator("[data-score]").inner_text() == f"Oikeita vastauksia 13/{TOTAL} (76 %)."
    links = summary.locator("[data-reread-list] a").evaluate_all("as => as.map(a => a.href)")
    assert servers[SUB_PATH] + "salassapitovelvollisuus/#salassapito-vapaa-aikana" in links
    assert servers[SUB_PATH] + "salassapitovelvollisuus/#luottamuksellisuus" in links


def test_retry_asks_only_the_wrong_ones_and_the_record_says_so(open_quiz):
    page = open_quiz().page
    for index in range(TOTAL):
        answer(page, right=index != 2)
        next_question(page)
    page.get_by_role("button", name="Vastaa uudelleen vääriin").click()
    assert progress(page) == "Kysymys 1/1"
    answer(page, right=True)
    next_question(page)
    first_try = round(100 * (TOTAL - 1) / TOTAL)
    assert page.locator("[data-score]").inner_text() == \
        f"Oikeita vastauksia {TOTAL - 1}/{TOTAL} ({first_try} %)."
    assert page.locator("[data-retried]").inner_text() == (
        "Tulos on ensimmäiseltä yritykseltä. Väärin menneisiin vastattiin uudelleen, "
        f"ja lopuksi oikeita oli {TOTAL}/{TOTAL}.")


def test_start_over_clears_the_attempt(open_quiz):
    page = open_quiz().page
    for _ in range(TOTAL):
        answer(page, right=False)
        next_question(page)
    page.get_by_role("button", name="Aloita alusta").click()
    assert progress(page) == f"Kysymys 1/{TOTAL}"
    assert not current(page).locator("input:checked").count()
    assert current(page).get_by_role("button", name="Tarkista").is_visible()


def test_reload_keeps_the_attempt(open_quiz):
    page = open_quiz().page
    answer(page, right=False)
    next_question(page)
    answer(page, right=True)
    page.reload(wait_until="networkidle")
    assert progress(page) == f"Kysymys 2/{TOTAL}"
    assert current(page).locator(".handbook-quiz__verdict").inner_text() == "✓ Oikein!"


def test_attempt_survives_instant_navigation(open_quiz, servers):
    page = open_quiz().page
    page.evaluate("window.sameDocument = true")
    answer(page)
    next_question(page)
    page.get_by_role("link", name="Etusivu").first.click()
    page.wait_for_url(servers[SUB_PATH])
    page.get_by_role("link", name="Itsearviointi").first.click()
    page.wait_for_url(servers[SUB_PATH] + QUIZ)
    expect(page.locator("[data-progress-text]")).to_have_text(f"Kysymys 2/{TOTAL}")
    assert page.evaluate("window.sameDocument") is True


BLOCK_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("blocked", "SecurityError") }
})"""


def test_quiz_works_with_storage_blocked(open_page, servers):
    watched = open_page()
    watched.page.add_init_script(BLOCK_STORAGE)
    page = watched.page
    page.goto(servers[SUB_PATH] + QUIZ, wait_until="networkidle")
    assert page.evaluate("(() => { try { localStorage; return false } catch { return true } })()")
    answer(page, right=True)
    assert current(page).locator(".handbook-quiz__verdict").inner_text() == "✓ Oikein!"
    next_question(page)
    assert progress(page) == f"Kysymys 2/{TOTAL}"
    assert not [error for error in watched.console_errors if "quiz.js" in error]


def test_whole_quiz_by_keyboard_alone(open_quiz):
    page = open_quiz().page
    page.locator("#quiz-perehdytys").click()  # start from the quiz heading
    for _ in range(TOTAL):
        question = current(page)
        correct = [option.locator("input").get_attribute("id")
                   for option in question.locator(".handbook-quiz__option[data-correct=true]").all()]
        for input_id in correct:
            # Tab moves between checkboxes and into a radio group; arrows
            # move within the group
            for _ in range(30):
                if page.evaluate("document.activeElement.id") == input_id:
                    break
                in_group = page.evaluate("document.activeElement.type === 'radio'")
                page.keyboard.press("ArrowDown" if in_group else "Tab")
            page.keyboard.press("Space")
        while page.evaluate("document.activeElement.dataset.action") != "check":
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.dataset.action") == "next"
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('[data-summary]')")
    assert page.locator("[data-verdict]").inner_text() == "✓ Hyväksytty (raja 80 %)."


def test_without_javascript_every_question_and_answer_is_readable(open_quiz):
    page = open_quiz(java_script_enabled=False).page
    assert page.locator("[data-question]:visible").count() == TOTAL
    assert page.locator("details.handbook-quiz__answer:visible").count() == TOTAL
    page.locator("details.handbook-quiz__answer summary").first.click()
    assert "Salassapitovelvollisuus sitoo myös vapaa-aikana." in \
        page.locator("details.handbook-quiz__answer").first.inner_text()


def test_name_for_the_printout_stays_in_the_browser(open_quiz):
    watched = open_quiz()
    page = watched.page
    for _ in range(TOTAL):
        answer(page)
        next_question(page)
    page.get_by_label("Nimesi tulosteeseen (vapaaehtoinen)").fill("Maija Meikäläinen")
    page.reload(wait_until="networkidle")
    assert page.get_by_label("Nimesi tulosteeseen (vapaaehtoinen)").input_value() == "Maija Meikäläinen"
    assert not any("Maija" in url for url in watched.requests)
    page.emulate_media(media="print")
    assert page.locator(".handbook-quiz__questions").is_hidden()
    assert page.locator("[data-summary]").is_visible()


def test_shuffling_when_configured_changes_the_order(open_page, servers):
    watched = open_page()
    page = watched.page

    def shuffle_on(route):
        body = route.fetch().text()
        route.fulfill(body=re.sub(r'data-shuffle-(questions|options)="false"',
                                  r'data-shuffle-\1="true"', body),
                      headers={"content-type": "text/html; charset=utf-8"})
    page.route("**/itsearviointi/", shuffle_on)
    page.goto(servers[SUB_PATH] + QUIZ, wait_until="networkidle")
    state = page.evaluate("JSON.parse(localStorage.getItem('/ohjeet/some/handbook.quiz.perehdytys'))"
                          " || null")
    document_order = page.locator("[data-question]").evaluate_all(
        "qs => qs.map(q => q.dataset.question)")
    answer(page)  # saves the attempt
    state = page.evaluate("JSON.parse(localStorage.getItem('/ohjeet/some/handbook.quiz.perehdytys'))")
    assert sorted(state["order"]) == sorted(document_order)
    assert state["order"] != document_order
    shown_options = page.locator("[data-question]").evaluate_all(
        "qs => qs.map(q => [...q.querySelectorAll('input')].map(i => +i.id.split('-').pop()))")
    assert any(order != sorted(order) for order in shown_options)
    assert progress(page) == f"Kysymys 1/{TOTAL}"
    assert current(page).get_attribute("data-question") == state["order"][0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_before_and_after_answering(open_quiz, scheme):
    watched = open_quiz(color_scheme=scheme)
    page = watched.page
    assert axe_violations(page) == []
    answer(page, right=False)
    assert axe_violations(page) == []
    for _ in range(TOTAL - 1):
        next_question(page)
        answer(page, right=True)
    next_question(page)
    assert axe_violations(page) == []
    assert watched.console_errors == []


def test_fits_a_360_px_phone(open_quiz):
    page = open_quiz(viewport={"width": 360, "height": 740}).page
    answer(page, right=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
