"""The self-check quiz in real Chromium: one question at a time, right or
wrong in words with the explanation and the rule, a score against the pass
mark, by keyboard alone, across reloads and with storage blocked.

Tests of a whole attempt (the score at the pass mark, the re-read list,
retry, start over) play it on a small quiz: a copy of the project whose
quiz.yml holds SMALL_COUNT of the real questions (every type among them),
built once for this module. Tests of one given question open the whole
bank in one attempt (a copy without `draw`), as the real quiz draws its
questions at random. One whole round of the real quiz, by keyboard alone,
stays (test_whole_quiz_by_keyboard_alone)."""

import re

import pytest
from helpers import (
    PAGES,
    SUB_PATH,
    axe_violations,
    quiz_asked,
    quiz_copy,
    quiz_on_site,
    rule_topic,
    rule_url,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUIZ_PAGE, NAME, QUIZ = quiz_on_site()
QUIZ_URL = QUIZ_PAGE.path
QUESTIONS = {question["id"]: question for question in QUIZ["questions"]}
TOTAL = len(QUESTIONS)
# How many questions one attempt of the real quiz asks (its draw)
ASKED = quiz_asked(QUIZ)
PASS_MARK = QUIZ["pass_mark"]
STORAGE_KEY = f"'{SUB_PATH}handbook.quiz.{NAME}'"


def right_texts(question):
    """The texts of the right options, from quiz.yml (not from the page)."""
    if question["type"] == "truefalse":
        return ["Totta" if question["answer"] else "Tarua"]
    return [option["text"] for option in question["options"] if option.get("correct")]


def wrong_text(question):
    """The text of one wrong option, from quiz.yml."""
    if question["type"] == "truefalse":
        return "Tarua" if question["answer"] else "Totta"
    return next(option["text"] for option in question["options"] if not option.get("correct"))


def percent(score, total=TOTAL):
    """The score in whole percent, rounded half up as the page rounds."""
    return int(100 * score / total + 0.5)


def first_question(kind=lambda question: True):
    """The first question of quiz.yml that fits, or a skip when none does."""
    found = [question for question in QUESTIONS.values() if kind(question)]
    if not found:
        pytest.skip("quiz.yml has no such question")
    return found[0]


@pytest.fixture
def open_quiz(open_page, servers):
    return lambda **options: open_page(servers[SUB_PATH] + QUIZ_URL, **options)


def small_quiz_questions():
    """SMALL_COUNT real questions in their order: the first of each type, the
    first with two right options and the first with option feedback, the
    rest from the start of the bank; at least two rules among them."""
    questions = list(QUESTIONS.values())
    wanted = [
        next((q for q in questions if q["type"] == kind), None)
        for kind in ("truefalse", "single", "multiple")
    ]
    wanted += [
        next((q for q in questions if len(right_texts(q)) >= 2), None),
        next(
            (q for q in questions if any(o.get("feedback") for o in q.get("options") or [])), None
        ),
    ]
    chosen = {q["id"] for q in wanted if q} | {questions[-1]["id"]}
    for question in questions:
        if len(chosen) >= SMALL_COUNT:
            break
        chosen.add(question["id"])
    return [q for q in questions if q["id"] in chosen]


# Five questions: at a pass mark of 80 % one wrong answer still passes and two fail
SMALL_COUNT = 5
SMALL = {question["id"]: question for question in small_quiz_questions()}
SMALL_TOTAL = len(SMALL)


@pytest.fixture(scope="module")
def small_quiz_url(tmp_path_factory):
    """The quiz page of a copy of the project whose quiz holds only SMALL."""
    with quiz_copy(
        tmp_path_factory.mktemp("small-quiz"),
        lambda quiz: quiz.update(questions=list(SMALL.values())),
    ) as url:
        yield url


@pytest.fixture
def open_small_quiz(open_page, small_quiz_url):
    return lambda **options: open_page(small_quiz_url, **options)


@pytest.fixture
def open_whole_bank(open_page, whole_bank):
    return lambda **options: open_page(whole_bank, **options)


def test_small_quiz_holds_every_type_of_question_and_more_than_one_rule():
    assert {q["type"] for q in SMALL.values()} == {q["type"] for q in QUESTIONS.values()}
    assert len({q["rule"] for q in SMALL.values()}) >= 2
    assert SMALL_TOTAL == min(SMALL_COUNT, TOTAL)


def current(page):
    return page.locator("[data-question]:visible")


def shown_question(page):
    """The quiz.yml entry of the question on screen."""
    return QUESTIONS[current(page).get_attribute("data-question")]


def choose(page, texts):
    """Tick the options with these texts on the visible question, then check."""
    question = current(page)
    for text in texts:
        question.get_by_label(text, exact=True).check()
    question.get_by_role("button", name="Tarkista").click()
    return question


def answer(page, right=True):
    """Answer the visible question rightly (every right option, nothing
    else) or wrongly (one wrong option), by the option texts in quiz.yml."""
    question = shown_question(page)
    return choose(page, right_texts(question) if right else [wrong_text(question)])


def next_question(page):
    current(page).get_by_role("button", name="Seuraava kysymys").click()


def go_to(page, question_id):
    """Answer rightly until the question is on screen."""
    for _ in range(TOTAL):
        if current(page).get_attribute("data-question") == question_id:
            return
        answer(page)
        next_question(page)
    pytest.fail(f"question {question_id} never came up")


def finish(page, wrong=(), total=ASKED):
    """Answer every question of the attempt, wrongly the ones whose ids are in wrong."""
    for _ in range(total):
        answer(page, right=shown_question(page)["id"] not in wrong)
        next_question(page)


def verdict(page):
    return current(page).locator(".handbook-quiz__verdict").inner_text()


def progress(page):
    return page.locator("[data-progress-text]").inner_text()


def test_quiz_shows_one_question_at_a_time_with_progress(open_quiz):
    page = open_quiz().page
    assert current(page).count() == 1
    assert progress(page) == f"Kysymys 1/{ASKED}"
    assert page.locator(".handbook-quiz__progress progress").get_attribute("value") == "1"


def test_right_answer_is_told_in_words_and_announced(open_quiz):
    page = open_quiz().page
    result = answer(page, right=True).locator("[data-result]")
    assert result.get_attribute("aria-live") == "polite"
    assert result.locator(".handbook-quiz__verdict").inner_text() == "✓ Oikein!"


@pytest.mark.parametrize("answer_is", [True, False], ids=["true", "false"])
def test_true_false_question_is_graded_the_right_way_round(open_whole_bank, answer_is):
    question = first_question(lambda q: q["type"] == "truefalse" and q["answer"] is answer_is)
    page = open_whole_bank().page
    go_to(page, question["id"])
    choose(page, ["Totta" if answer_is else "Tarua"])
    assert verdict(page) == "✓ Oikein!"


@pytest.mark.parametrize("answer_is", [True, False], ids=["true", "false"])
def test_true_false_question_answered_the_other_way_is_wrong(open_whole_bank, answer_is):
    question = first_question(lambda q: q["type"] == "truefalse" and q["answer"] is answer_is)
    page = open_whole_bank().page
    go_to(page, question["id"])
    choose(page, ["Tarua" if answer_is else "Totta"])
    assert verdict(page) == "✗ Väärin."


def test_multiple_choice_with_only_some_right_options_is_wrong(open_whole_bank):
    question = first_question(lambda q: len(right_texts(q)) >= 2)
    page = open_whole_bank().page
    go_to(page, question["id"])
    choose(page, right_texts(question)[:-1])
    assert verdict(page) == "✗ Väärin."


def test_multiple_choice_with_every_right_option_and_a_wrong_one_is_wrong(open_whole_bank):
    question = first_question(lambda q: q["type"] == "multiple")
    page = open_whole_bank().page
    go_to(page, question["id"])
    choose(page, right_texts(question) + [wrong_text(question)])
    assert verdict(page) == "✗ Väärin."


def test_wrong_answer_shows_explanation_and_link_to_the_rule(open_quiz, servers):
    page = open_quiz().page
    question = shown_question(page)
    shown = answer(page, right=False)
    result = shown.locator("[data-result]")
    assert result.locator(".handbook-quiz__verdict").inner_text() == "✗ Väärin."
    assert question["explanation"] in result.inner_text()
    link = result.get_by_role("link", name=f"Lue ohjeesta: {rule_topic(question['rule'])}")
    assert link.evaluate("a => a.href") == servers[SUB_PATH] + rule_url(question["rule"])
    assert "✗ väärä valinta" in shown.inner_text()
    assert "✓ oikea vastaus" in shown.inner_text()


def test_checking_without_an_answer_asks_for_one(open_quiz):
    page = open_quiz().page
    current(page).get_by_role("button", name="Tarkista").click()
    assert current(page).locator("[data-error]").inner_text() == "Valitse ensin vastaus."


def test_option_feedback_shows_for_the_chosen_option_only(open_whole_bank):
    question = first_question(lambda q: any(o.get("feedback") for o in q.get("options") or []))
    option = next(option for option in question["options"] if option.get("feedback"))
    page = open_whole_bank().page
    go_to(page, question["id"])
    shown = current(page)
    assert shown.locator("[data-feedback]:visible").count() == 0
    choose(page, [option["text"]])
    assert shown.locator("[data-feedback]:visible").all_inner_texts() == [option["feedback"]]


def test_all_answers_right_gives_a_pass(open_small_quiz):
    page = open_small_quiz().page
    finish(page, total=SMALL_TOTAL)
    summary = page.locator("[data-summary]")
    assert summary.is_visible()
    assert summary.locator("[data-verdict]").inner_text() == f"✓ Hyväksytty (raja {PASS_MARK} %)."
    assert (
        summary.locator("[data-score]").inner_text()
        == f"Oikeita vastauksia {SMALL_TOTAL}/{SMALL_TOTAL} (100 %)."
    )
    assert summary.locator("[data-reread]").is_hidden()


def most_wrong_that_pass():
    """The most wrong answers to the small quiz that still reach the pass mark."""
    return max(
        wrong
        for wrong in range(SMALL_TOTAL + 1)
        if percent(SMALL_TOTAL - wrong, SMALL_TOTAL) >= PASS_MARK
    )


@pytest.fixture
def open_quiz_with_pass_mark(open_page, small_quiz_url):
    """The quiz page with its pass mark set to mark (as an editor could)."""

    def _open(mark):
        watched = open_page()

        def set_mark(route):
            body = re.sub(r'data-pass-mark="\d+"', f'data-pass-mark="{mark}"', route.fetch().text())
            route.fulfill(body=body, headers={"content-type": "text/html; charset=utf-8"})

        watched.page.route(f"**/{QUIZ_URL}", set_mark)
        watched.page.goto(small_quiz_url, wait_until="networkidle")
        return watched.page

    return _open


def summary_of(page):
    summary = page.locator("[data-summary]")
    return summary.locator("[data-verdict]").inner_text(), summary.locator(
        "[data-score]"
    ).inner_text()


def test_most_wrong_answers_the_pass_mark_allows_still_pass(open_small_quiz):
    page = open_small_quiz().page
    wrong = most_wrong_that_pass()
    finish(page, wrong=list(SMALL)[:wrong], total=SMALL_TOTAL)
    score = SMALL_TOTAL - wrong
    assert summary_of(page) == (
        f"✓ Hyväksytty (raja {PASS_MARK} %).",
        f"Oikeita vastauksia {score}/{SMALL_TOTAL} ({percent(score, SMALL_TOTAL)} %).",
    )


def test_one_wrong_answer_more_fails(open_small_quiz):
    page = open_small_quiz().page
    wrong = most_wrong_that_pass() + 1
    if wrong > SMALL_TOTAL:
        pytest.skip("the pass mark lets every answer be wrong")
    finish(page, wrong=list(SMALL)[:wrong], total=SMALL_TOTAL)
    score = SMALL_TOTAL - wrong
    assert summary_of(page) == (
        f"✗ Ei vielä hyväksytty (raja {PASS_MARK} %).",
        f"Oikeita vastauksia {score}/{SMALL_TOTAL} ({percent(score, SMALL_TOTAL)} %).",
    )


def test_score_exactly_at_the_pass_mark_passes(open_quiz_with_pass_mark):
    mark = percent(SMALL_TOTAL - 1, SMALL_TOTAL)
    page = open_quiz_with_pass_mark(mark)
    finish(page, wrong=list(SMALL)[-1:], total=SMALL_TOTAL)
    assert summary_of(page) == (
        f"✓ Hyväksytty (raja {mark} %).",
        f"Oikeita vastauksia {SMALL_TOTAL - 1}/{SMALL_TOTAL} ({mark} %).",
    )


def test_score_one_right_answer_below_the_pass_mark_fails(open_quiz_with_pass_mark):
    mark = percent(SMALL_TOTAL - 1, SMALL_TOTAL)
    page = open_quiz_with_pass_mark(mark)
    finish(page, wrong=list(SMALL)[-2:], total=SMALL_TOTAL)
    assert summary_of(page)[0] == f"✗ Ei vielä hyväksytty (raja {mark} %)."


def test_reread_list_holds_exactly_the_rules_of_the_missed_questions(
    open_small_quiz, small_quiz_url
):
    questions = list(SMALL.values())
    missed = [questions[0]] + [q for q in questions if q["rule"] != questions[0]["rule"]][-1:]
    page = open_small_quiz().page
    finish(page, wrong=[question["id"] for question in missed], total=SMALL_TOTAL)
    items = page.locator("[data-reread-list] li")
    links = items.locator("a").evaluate_all("as => as.map(a => a.href)")
    site = small_quiz_url.removesuffix(QUIZ_URL)
    assert links == [site + rule_url(question["rule"]) for question in missed]
    assert items.all_inner_texts() == [
        f"{rule_topic(q['rule'])}: {q['explanation']}" for q in missed
    ]


def test_retry_asks_only_the_wrong_ones_and_the_record_says_so(open_small_quiz):
    page = open_small_quiz().page
    missed = list(SMALL)[len(SMALL) // 2]
    finish(page, wrong=[missed], total=SMALL_TOTAL)
    page.get_by_role("button", name="Vastaa uudelleen vääriin").click()
    assert progress(page) == "Kysymys 1/1"
    assert current(page).get_attribute("data-question") == missed
    answer(page, right=True)
    next_question(page)
    first_try = round(100 * (SMALL_TOTAL - 1) / SMALL_TOTAL)
    assert (
        page.locator("[data-score]").inner_text()
        == f"Oikeita vastauksia {SMALL_TOTAL - 1}/{SMALL_TOTAL} ({first_try} %)."
    )
    assert page.locator("[data-retried]").inner_text() == (
        "Tulos on ensimmäiseltä yritykseltä. Väärin menneisiin vastattiin uudelleen, "
        f"ja lopuksi oikeita oli {SMALL_TOTAL}/{SMALL_TOTAL}."
    )


def test_start_over_clears_the_attempt(open_small_quiz):
    page = open_small_quiz().page
    finish(page, wrong=list(SMALL), total=SMALL_TOTAL)
    page.get_by_role("button", name="Aloita alusta").click()
    assert progress(page) == f"Kysymys 1/{SMALL_TOTAL}"
    assert not current(page).locator("input:checked").count()
    assert current(page).get_by_role("button", name="Tarkista").is_visible()


def test_reload_keeps_the_attempt(open_quiz):
    page = open_quiz().page
    answer(page, right=False)
    next_question(page)
    answer(page, right=True)
    page.reload(wait_until="networkidle")
    assert progress(page) == f"Kysymys 2/{ASKED}"
    assert current(page).locator(".handbook-quiz__verdict").inner_text() == "✓ Oikein!"


def test_attempt_survives_instant_navigation(open_quiz, servers):
    page = open_quiz().page
    page.evaluate("window.sameDocument = true")
    answer(page)
    next_question(page)
    page.get_by_role("link", name=PAGES[0].nav_title, exact=True).first.click()
    page.wait_for_url(servers[SUB_PATH] + PAGES[0].path)
    page.get_by_role("link", name=QUIZ_PAGE.nav_title, exact=True).first.click()
    page.wait_for_url(servers[SUB_PATH] + QUIZ_URL)
    expect(page.locator("[data-progress-text]")).to_have_text(f"Kysymys 2/{ASKED}")
    assert page.evaluate("window.sameDocument") is True


BLOCK_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("blocked", "SecurityError") }
})"""


def test_quiz_works_with_storage_blocked(open_page, servers):
    watched = open_page()
    watched.page.add_init_script(BLOCK_STORAGE)
    page = watched.page
    page.goto(servers[SUB_PATH] + QUIZ_URL, wait_until="networkidle")
    assert page.evaluate("(() => { try { localStorage; return false } catch { return true } })()")
    answer(page, right=True)
    assert current(page).locator(".handbook-quiz__verdict").inner_text() == "✓ Oikein!"
    next_question(page)
    assert progress(page) == f"Kysymys 2/{ASKED}"
    assert not [error for error in watched.console_errors if "quiz.js" in error]


def test_whole_quiz_by_keyboard_alone(open_quiz):
    page = open_quiz().page
    page.locator(f"#quiz-{NAME}").click()  # start from the quiz heading
    for _ in range(ASKED):
        question = current(page)
        correct = [
            question.get_by_label(text, exact=True).get_attribute("id")
            for text in right_texts(shown_question(page))
        ]
        for input_id in correct:
            # Tab moves between checkboxes and into a radio group; arrows
            # move within the group
            for _ in range(30):
                if page.evaluate("document.activeElement.id") == input_id:
                    break
                in_group = page.evaluate("document.activeElement.type === 'radio'")
                page.keyboard.press("ArrowDown" if in_group else "Tab")
            else:
                pytest.fail(f"keyboard never reached {input_id}")
            page.keyboard.press("Space")
        for _ in range(30):
            if page.evaluate("document.activeElement.dataset.action") == "check":
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail("Tab never reached Tarkista")
        page.keyboard.press("Enter")
        assert verdict(page) == "✓ Oikein!"
        assert page.evaluate("document.activeElement.dataset.action") == "next"
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('[data-summary]')")
    assert page.locator("[data-verdict]").inner_text() == f"✓ Hyväksytty (raja {PASS_MARK} %)."


def test_without_javascript_every_question_and_answer_is_readable(open_quiz):
    page = open_quiz(java_script_enabled=False).page
    assert page.locator("[data-question]:visible").count() == TOTAL
    assert page.locator("details.handbook-quiz__answer:visible").count() == TOTAL
    page.locator("details.handbook-quiz__answer summary").first.click()
    assert (
        list(QUESTIONS.values())[0]["explanation"]
        in page.locator("details.handbook-quiz__answer").first.inner_text()
    )


def test_name_for_the_printout_stays_in_the_browser(open_small_quiz):
    watched = open_small_quiz()
    page = watched.page
    finish(page, total=SMALL_TOTAL)
    page.get_by_label("Nimesi tulosteeseen (vapaaehtoinen)").fill("Maija Meikäläinen")
    page.reload(wait_until="networkidle")
    assert (
        page.get_by_label("Nimesi tulosteeseen (vapaaehtoinen)").input_value()
        == "Maija Meikäläinen"
    )
    assert not any("Maija" in url for url in watched.requests)
    page.emulate_media(media="print")
    assert page.locator(".handbook-quiz__questions").is_hidden()
    assert page.locator("[data-summary]").is_visible()


def test_shuffling_when_configured_changes_the_order(open_page, servers):
    watched = open_page()
    page = watched.page

    def shuffle_on(route):
        body = route.fetch().text()
        route.fulfill(
            body=re.sub(
                r'data-shuffle-(questions|options)="false"', r'data-shuffle-\1="true"', body
            ),
            headers={"content-type": "text/html; charset=utf-8"},
        )

    page.route(f"**/{QUIZ_URL}", shuffle_on)
    page.goto(servers[SUB_PATH] + QUIZ_URL, wait_until="networkidle")
    document_order = page.locator("[data-question]").evaluate_all(
        "qs => qs.map(q => q.dataset.question)"
    )
    answer(page)  # saves the attempt
    state = page.evaluate(f"JSON.parse(localStorage.getItem({STORAGE_KEY}))")
    assert len(state["order"]) == len(set(state["order"])) == ASKED
    assert set(state["order"]) <= set(document_order)
    assert state["order"] != [id for id in document_order if id in state["order"]]
    shown_options = page.locator("[data-question]").evaluate_all(
        "qs => qs.map(q => [...q.querySelectorAll('input')].map(i => +i.id.split('-').pop()))"
    )
    assert any(order != sorted(order) for order in shown_options)
    assert progress(page) == f"Kysymys 1/{ASKED}"
    assert current(page).get_attribute("data-question") == state["order"][0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_before_and_after_answering(open_small_quiz, scheme):
    watched = open_small_quiz(color_scheme=scheme)
    page = watched.page
    assert axe_violations(page) == []
    answer(page, right=False)
    assert axe_violations(page) == []
    for _ in range(SMALL_TOTAL - 1):
        next_question(page)
        answer(page, right=True)
    next_question(page)
    assert axe_violations(page) == []
    assert watched.console_errors == []


def test_fits_a_360_px_phone(open_quiz):
    page = open_quiz(viewport={"width": 360, "height": 740}).page
    answer(page, right=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
