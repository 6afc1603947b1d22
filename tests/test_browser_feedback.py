"""Feedback a reader can rely on: right and wrong as panels in words and an
icon in both palettes, "Valitse ensin vastaus." as an announced error, and
an undo after clearing ticks or the plan; axe finds nothing in these states."""

import pytest
from helpers import SUB_PATH, axe_violations

pytestmark = pytest.mark.browser

QUIZ, PLAN = "itsearviointi/", "kaupungin-edustajana/"
SCHEMES = ["light", "dark"]


@pytest.fixture
def open_at(open_page, servers):
    return lambda path, **options: open_page(servers[SUB_PATH] + path, **options)


def check(page, right):
    question = page.locator("[data-question]:visible")
    selector = "[data-correct=true]" if right else ":not([data-correct=true])"
    question.locator(f".handbook-quiz__option{selector} input").first.check()
    question.get_by_role("button", name="Tarkista").click()
    return question


def panel_colours(question):
    return question.locator(".handbook-quiz__panel").evaluate(
        "p => [getComputedStyle(p).backgroundColor,"
        " getComputedStyle(document.body).backgroundColor]"
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_right_and_wrong_are_panels_told_in_words(open_at, scheme):
    page = open_at(QUIZ, color_scheme=scheme).page
    question = check(page, right=False)
    panel, body = panel_colours(question)
    assert panel != body
    assert (
        question.locator(".handbook-quiz__panel .handbook-quiz__verdict").inner_text()
        == "✗ Väärin."
    )
    question.get_by_role("button", name="Seuraava kysymys").click()
    question = check(page, right=True)
    assert panel_colours(question)[0] not in (panel, body)
    assert (
        question.locator(".handbook-quiz__panel .handbook-quiz__verdict").inner_text()
        == "✓ Oikein!"
    )


def test_checking_without_an_answer_is_an_announced_error_on_the_fieldset(open_at):
    page = open_at(QUIZ).page
    question = page.locator("[data-question]:visible")
    question.get_by_role("button", name="Tarkista").click()
    error = question.get_by_role("alert")
    assert error.inner_text() == "Valitse ensin vastaus."
    fieldset = question.locator("fieldset")
    assert fieldset.get_attribute("aria-invalid") == "true"
    assert fieldset.get_attribute("aria-describedby") == error.get_attribute("id")
    question.locator("input").first.check()
    assert fieldset.get_attribute("aria-invalid") == "false"
    assert error.inner_text() == ""


def test_cleared_plan_comes_back_with_undo(open_at):
    page = open_at(PLAN).page
    page.get_by_label("Miksi tili perustetaan?").fill("Kirjaston tapahtumat")
    page.get_by_role("button", name="Tyhjennä lomake").click()
    assert page.get_by_label("Miksi tili perustetaan?").input_value() == ""
    assert page.locator("[data-status]").inner_text() == "Lomake tyhjennetty."
    assert page.evaluate("document.activeElement.textContent") == "Kumoa"
    page.get_by_role("button", name="Kumoa").click()
    assert page.get_by_label("Miksi tili perustetaan?").input_value() == "Kirjaston tapahtumat"
    page.reload(wait_until="networkidle")
    assert page.get_by_label("Miksi tili perustetaan?").input_value() == "Kirjaston tapahtumat"


def test_undo_goes_once_the_reader_changes_something(open_at):
    page = open_at(PLAN).page
    page.locator("[data-checklist=virka] input").first.check()
    page.locator("[data-checklist=virka] .handbook-checklist__reset").click()
    undo = page.locator("[data-checklist=virka] [data-undo]")
    assert undo.is_visible()
    page.locator("[data-checklist=virka] input").nth(1).check()
    assert undo.is_hidden()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_with_error_panels_notes_and_undo(open_at, scheme):
    watched = open_at(QUIZ, color_scheme=scheme)
    page = watched.page
    page.evaluate("localStorage.setItem('/ohjeet/some/handbook.quiz.perehdytys', '42')")
    page.reload(wait_until="networkidle")
    page.locator("[data-question]:visible").get_by_role("button", name="Tarkista").click()
    assert axe_violations(page) == []
    check(page, right=False)
    assert axe_violations(page) == []
    page.locator("[data-question]:visible").get_by_role("button", name="Seuraava kysymys").click()
    check(page, right=True)
    assert axe_violations(page) == []
    page.goto(page.url.replace(QUIZ, PLAN), wait_until="networkidle")
    page.locator("[data-checklist=virka] input").first.check()
    page.locator("[data-checklist=virka] .handbook-checklist__reset").click()
    page.get_by_label("Mikä on kohderyhmä?").fill("Nuoret")
    page.get_by_role("button", name="Tyhjennä lomake").click()
    assert axe_violations(page) == []
    assert watched.console_errors == []
