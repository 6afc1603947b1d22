"""What a screen reader is told as a reader uses the tools: read from the
page's live regions, as ARIA defines them, and from the name and
description of what receives focus.

RECORD models a screen reader's live-region handling: a change inside a
live region (aria-live polite/assertive, role status/alert) is announced;
an atomic region (aria-atomic="true", or role status/alert) is announced
whole, otherwise only the text added or changed; text in a hidden region,
or hidden text, is not announced; showing a hidden element announces it."""

import pytest
from helpers import SUB_PATH, answer_shown_question, editors_data, page_calling, quiz_on_site
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHECKLISTS = page_calling("posting_helper(")
QUIZ_PAGE, QUIZ_NAME, QUIZ = quiz_on_site()

RECORD = """
window.announced = []
const LIVE = "[aria-live]:not([aria-live=off]), [role=status], [role=alert]"
const isAtomic = region => region.getAttribute("aria-atomic") === "true" ||
  ["status", "alert"].includes(region.getAttribute("role")) &&
  region.getAttribute("aria-atomic") !== "false"
const spoken = node => (node.nodeType === Node.TEXT_NODE ? node.textContent
  : node.checkVisibility() ? node.textContent : "").replace(/\\s+/g, " ").trim()
new MutationObserver(records => {
  const said = new Map()
  for (const record of records) {
    const node = record.target.nodeType === Node.ELEMENT_NODE
      ? record.target : record.target.parentElement
    const region = node && node.closest(LIVE)
    if (!region || !region.checkVisibility())
      continue
    if (isAtomic(region))
      said.set(region, spoken(region))
    else if (record.type === "characterData")
      said.set(record.target, spoken(record.target))
    else if (record.type === "attributes")
      said.set(record.target, spoken(record.target))
    else
      for (const added of record.addedNodes)
        said.set(added.nodeType === Node.TEXT_NODE ? record.target : added, spoken(added))
  }
  window.announced.push(...[...said.values()].filter(Boolean))
}).observe(document, { subtree: true, childList: true, characterData: true,
  attributes: true, attributeFilter: ["hidden"] })
"""


@pytest.fixture
def reader(open_page, servers):
    """A page at path whose announcements are recorded from the start."""

    def _open(path):
        watched = open_page()
        watched.page.add_init_script(RECORD)
        watched.page.goto(servers[SUB_PATH] + path, wait_until="networkidle")
        return watched.page

    return _open


def said(page):
    """What was announced since the last call."""
    return page.evaluate("window.announced.splice(0)")


def test_ticking_a_checklist_item_tells_the_whole_count(reader):
    page = reader(CHECKLISTS.path)
    checklist = page.locator("[data-checklist]").first
    name = checklist.get_attribute("data-checklist")
    count = len(editors_data("checklists")[name]["items"])
    said(page)
    checklist.locator("input[data-item]").nth(0).check()
    assert said(page) == [f"1/{count} tarkistettu"]
    checklist.locator("input[data-item]").nth(1).check()
    assert said(page) == [f"2/{count} tarkistettu"]


def test_the_decision_helper_tells_each_change_once(reader):
    page = reader(CHECKLISTS.path)
    helper = page.locator("[data-posting-helper]")
    said(page)
    helper.locator("input[data-shows]").nth(1).check()
    result = said(page)
    assert len(result) == 1 and result[0].startswith("Sinua koskee tarkistuslista: ")
    # Answers that leave the result as it was say nothing again
    for question in helper.locator("fieldset[data-when-private]").all():
        question.locator("input[value=no]").check()
        assert said(page) == []


def test_starting_the_decision_helper_again_is_told(reader):
    page = reader(CHECKLISTS.path)
    helper = page.locator("[data-posting-helper]")
    helper.locator("input[data-shows]").first.check()
    said(page)
    helper.get_by_role("button", name="Aloita alusta").click()
    expect(helper.locator("[data-result]")).to_have_text("Vastaukset tyhjennetty.")
    assert said(page) == ["Vastaukset tyhjennetty."]


def test_the_quiz_tells_which_question_comes_then_the_verdict_and_score(reader):
    page = reader(QUIZ_PAGE.path)
    asked = int(page.locator("[data-quiz]").get_attribute("data-draw"))
    said(page)
    for position in range(2, asked + 1):
        answer_shown_question(page, right=True)
        assert said(page)[-1] == f"Kysymys {position}/{asked}"
    answer_shown_question(page, right=True)
    summary = page.locator("[data-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_accessible_name("Tuloksesi")
    expect(summary).to_have_accessible_description(
        f"✓ Hyväksytty (raja {QUIZ['pass_mark']} %). Oikeita vastauksia {asked}/{asked} (100 %)."
    )


def test_starting_the_quiz_again_is_told(reader):
    page = reader(QUIZ_PAGE.path)
    asked = int(page.locator("[data-quiz]").get_attribute("data-draw"))
    for _ in range(asked):
        answer_shown_question(page, right=False)
    said(page)
    page.get_by_role("button", name="Aloita alusta").click()
    assert said(page)[-1] == f"Uusi kierros alkoi. Kysymys 1/{asked}"
    for _ in range(asked):
        answer_shown_question(page, right=False)
    said(page)
    page.get_by_role("button", name="Vastaa uudelleen vääriin").click()
    assert said(page)[-1] == f"Vastaat uudelleen vääriin. Kysymys 1/{asked}"
