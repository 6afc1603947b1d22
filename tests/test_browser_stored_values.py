"""What the browser has stored may be damaged or foreign (any JSON type,
the wrong shape, not JSON at all) or storage may be full: the quiz,
checklists and plan then start clean with a short Finnish note, or go on
for the visit, and never throw."""

import pytest
import yaml
from helpers import ROOT, SUB_PATH, quiz_asked

pytestmark = pytest.mark.browser

# How many questions one attempt asks (the quiz's draw, or all)
ASKED = quiz_asked(
    yaml.safe_load((ROOT / "docs/data/quiz.yml").read_text(encoding="utf-8"))["perehdytys"]
)
CHECKLIST_ITEMS = yaml.safe_load((ROOT / "docs/data/checklists.yml").read_text(encoding="utf-8"))[
    "virka"
]["items"]

KEYS = {
    "quiz": "/ohjeet/some/handbook.quiz.perehdytys",
    "checklist": "/ohjeet/some/handbook.checklist.virka",
    "plan": "/ohjeet/some/handbook.account-plan",
}
NOTES = {
    "quiz": "Aiempaa vastauskertaa ei voitu lukea, joten kysely alkaa alusta.",
    "checklist": "Aiempia rasteja ei voitu lukea, joten lista alkaa tyhjänä.",
    "plan": "Aiemmin kirjoitettua suunnitelmaa ei voitu lukea, joten lomake alkaa tyhjänä.",
}
DAMAGED = [
    '"hello"',
    "42",
    "true",
    "null",
    "[]",
    "{}",
    '{"version": 1, "order": "x"}',
    '{"version": 99, "ticked": [], "fields": {}}',
    "{not json",
    "",
]
# The first release stored a checklist as a list of item ids and the plan as
# {field: text}: those are read, not reported, so nothing typed is lost.
FIRST_RELEASE = {"checklist": ["[]"], "plan": ["{}"]}
QUIZ, PLAN = "itsearviointi/", "kaupungin-edustajana/"
FULL_STORAGE = """() => {
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError")
  }
}"""


@pytest.fixture
def base_url(servers):
    return servers[SUB_PATH]


def store_everywhere(page, raw):
    page.evaluate(
        "([keys, raw]) => keys.forEach(key => localStorage.setItem(key, raw))",
        [list(KEYS.values()), raw],
    )


def notes(page):
    return page.locator(".handbook-notice[role=status]").all_inner_texts()


def expected_notes(raw, *features):
    return [NOTES[feature] for feature in features if raw not in FIRST_RELEASE.get(feature, [])]


@pytest.mark.parametrize("raw", DAMAGED)
def test_damaged_value_starts_quiz_checklist_and_plan_clean_with_a_note(open_page, base_url, raw):
    watched = open_page(base_url + QUIZ)
    page = watched.page
    store_everywhere(page, raw)
    page.reload(wait_until="networkidle")
    assert notes(page) == expected_notes(raw, "quiz")
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 1/{ASKED}"
    question = page.locator("[data-question]:visible")
    question.locator("input").first.check()
    question.get_by_role("button", name="Tarkista").click()
    question.get_by_role("button", name="Seuraava kysymys").click()
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 2/{ASKED}"

    page.goto(base_url + PLAN, wait_until="networkidle")
    assert notes(page) == expected_notes(raw, "checklist", "plan")
    page.locator(f"#checklist-virka--{CHECKLIST_ITEMS[0]['id']}").check()
    assert (
        page.locator("[data-checklist=virka] .handbook-checklist__progress").inner_text()
        == f"1/{len(CHECKLIST_ITEMS)} tarkistettu"
    )
    page.get_by_label("Mikä on kohderyhmä?").fill("Nuoret")
    page.reload(wait_until="networkidle")
    assert notes(page) == [], "the damaged value is gone once read"
    assert page.get_by_label("Mikä on kohderyhmä?").input_value() == "Nuoret"
    assert page.locator(f"#checklist-virka--{CHECKLIST_ITEMS[0]['id']}").is_checked()
    assert watched.console_errors == []


def test_plan_of_the_first_release_is_read_and_unknown_fields_ignored(open_page, base_url):
    page = open_page(base_url + PLAN).page
    page.evaluate(
        "key => localStorage.setItem(key, JSON.stringify("
        "{why: 'Tapahtumat', retired: 'vanha kenttä'}))",
        KEYS["plan"],
    )
    page.reload(wait_until="networkidle")
    assert page.get_by_label("Miksi tili perustetaan?").input_value() == "Tapahtumat"
    assert page.get_by_label("Mikä on kohderyhmä?").input_value() == ""
    assert notes(page) == []


def follow(page, link_name, url, ready):
    """Click a navigation link; wait for its page (navigation.tracking may add
    the hash of the section in view) and for `ready` in the new content."""
    page.evaluate("document.querySelector('article').dataset.left = ''")
    page.get_by_role("link", name=link_name, exact=True).first.click()
    page.wait_for_url(lambda address: address.split("#")[0] == url)
    page.locator(f"article:not([data-left]) {ready}").first.wait_for(state="attached")


def test_full_storage_lets_the_quiz_go_on_for_the_visit(open_page, base_url):
    watched = open_page(base_url + QUIZ)
    page = watched.page
    page.evaluate("window.sameDocument = true")
    page.evaluate(FULL_STORAGE)
    for _ in range(2):
        question = page.locator("[data-question]:visible")
        question.locator("input").first.check()
        question.get_by_role("button", name="Tarkista").click()
        question.get_by_role("button", name="Seuraava kysymys").click()
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 3/{ASKED}"
    follow(page, "Etusivu", base_url, "h1")
    follow(page, "Itsearviointi", base_url + QUIZ, "[data-quiz][data-enhanced]")
    assert page.locator("[data-progress-text]").inner_text() == f"Kysymys 3/{ASKED}"
    assert page.evaluate("window.sameDocument") is True
    assert watched.console_errors == []


def test_full_storage_keeps_ticks_and_plan_for_the_visit(open_page, base_url):
    watched = open_page(base_url + PLAN)
    page = watched.page
    page.evaluate("window.sameDocument = true")
    page.evaluate(FULL_STORAGE)
    first_box = f"#checklist-virka--{CHECKLIST_ITEMS[0]['id']}"
    page.locator(first_box).check()
    page.get_by_label("Mikä on kohderyhmä?").fill("Nuoret")
    follow(
        page,
        "Ennen kuin julkaiset",
        base_url + "ennen-julkaisua/",
        "[data-checklist=virka][data-enhanced]",
    )
    assert page.locator(first_box).is_checked()
    follow(
        page,
        "Kaupungin edustajana sosiaalisessa mediassa",
        base_url + PLAN,
        "[data-account-plan][data-enhanced]",
    )
    assert page.get_by_label("Mikä on kohderyhmä?").input_value() == "Nuoret"
    assert page.evaluate("window.sameDocument") is True
    assert watched.console_errors == []
