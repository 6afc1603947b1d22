"""A short walk through every feature, one test each: what CI checks on a
build by a builder whose whole browser suite is not run (Zensical:
`HANDBOOK_BUILDER=zensical pytest -m smoke`). The quiz, the checklists, the
decision helper and the plan form work, the rule links lead to their rules,
and no page logs a console error."""

import pytest
from helpers import PAGES, SUB_PATH, editors_data, page_calling, rule_url
from test_browser_quiz import ASKED, PASS_MARK, QUIZ_URL, finish

pytestmark = [pytest.mark.browser, pytest.mark.smoke]

CHECKS = page_calling("posting_helper(").path
PLAN = page_calling("account_plan_form(").path
CHECKLISTS = editors_data("checklists")


@pytest.fixture
def open_at(open_page, servers):
    return lambda path, **options: open_page(servers[SUB_PATH] + path, **options)


def test_no_page_logs_a_console_error(open_at, servers):
    watched = open_at("")
    for page in PAGES:
        watched.page.goto(servers[SUB_PATH] + page.path, wait_until="networkidle")
    assert watched.console_errors == []
    assert watched.external_requests() == []


def test_quiz_answered_right_passes(open_at):
    watched = open_at(QUIZ_URL)
    finish(watched.page)
    summary = watched.page.locator("[data-summary]")
    assert summary.locator("[data-verdict]").inner_text() == f"✓ Hyväksytty (raja {PASS_MARK} %)."
    assert (
        summary.locator("[data-score]").inner_text()
        == f"Oikeita vastauksia {ASKED}/{ASKED} (100 %)."
    )
    assert watched.console_errors == []


def test_checklist_tick_counts_and_is_remembered(open_at):
    watched = open_at(CHECKS)
    name, checklist = next(iter(CHECKLISTS.items()))
    first = checklist["items"][0]["id"]
    watched.page.locator(f"#checklist-{name}--{first}").check()
    watched.page.reload(wait_until="networkidle")
    assert watched.page.locator(f"#checklist-{name}--{first}").is_checked()
    progress = watched.page.locator(f"[data-checklist={name}] .handbook-checklist__progress")
    assert progress.inner_text() == f"1/{len(checklist['items'])} tarkistettu"
    assert watched.console_errors == []


def test_decision_helper_brings_up_the_city_list(open_at):
    watched = open_at(CHECKS)
    watched.page.get_by_label("Kyllä").first.check()
    shown = watched.page.locator("[data-checklist]:visible").evaluate_all(
        "sections => sections.map(s => s.dataset.checklist).filter(name =>"
        " document.querySelector(`[data-posting-helper] [data-shows='${name}']`))"
    )
    assert shown == ["virka"]
    assert watched.console_errors == []


def test_rule_links_lead_to_their_rules(open_at, servers):
    watched = open_at(CHECKS)
    for name, checklist in CHECKLISTS.items():
        links = watched.page.locator(
            f"[data-checklist={name}] a.handbook-checklist__rule"
        ).evaluate_all("links => links.map(a => a.href)")
        rules = [item["rule"] for item in checklist["items"]]
        assert links == [servers[SUB_PATH] + rule_url(rule) for rule in rules]


def test_plan_form_keeps_what_was_typed(open_at):
    watched = open_at(PLAN)
    field = watched.page.get_by_label("Miksi tili perustetaan?")
    field.fill("Kirjaston tapahtumat")
    watched.page.reload(wait_until="networkidle")
    assert field.input_value() == "Kirjaston tapahtumat"
    assert watched.console_errors == []
