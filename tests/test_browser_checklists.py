"""Checklists, the decision helper and the new-account plan in real
Chromium: ticks are remembered, everything works by keyboard, the right
list comes up, the plan downloads as typed, and nothing breaks axe."""

import pytest
from helpers import SUB_PATH, axe_violations, editors_data, page_calling
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHECKS_PAGE = page_calling("posting_helper(")
CHECKS = CHECKS_PAGE.path
PLAN = page_calling("account_plan_form(").path
VIRKA_PAGE = page_calling('checklist("virka")').path  # the guideline page it closes
CHECKLISTS = editors_data("checklists")
# The item ids of each list, in order, from checklists.yml
ITEMS = {
    name: [item["id"] for item in checklist["items"]] for name, checklist in CHECKLISTS.items()
}
VIRKA, YKSITYINEN = ITEMS["virka"], ITEMS["yksityinen"]


@pytest.fixture
def base_url(servers):
    return servers[SUB_PATH]


@pytest.fixture
def open_at(open_page, base_url):
    return lambda path, **options: open_page(base_url + path, **options)


def box(page, checklist, item):
    return page.locator(f"#checklist-{checklist}--{item}")


def progress(page, checklist):
    return page.locator(f"[data-checklist={checklist}] .handbook-checklist__progress").inner_text()


def test_tick_is_still_there_after_reload(open_at):
    page = open_at(CHECKS).page
    box(page, "virka", VIRKA[0]).check()
    page.reload(wait_until="networkidle")
    assert box(page, "virka", VIRKA[0]).is_checked()
    assert not box(page, "virka", VIRKA[-1]).is_checked()


def test_progress_line_counts_ticks(open_at):
    page = open_at(CHECKS).page
    assert progress(page, "virka") == f"0/{len(VIRKA)} tarkistettu"
    box(page, "virka", VIRKA[0]).check()
    box(page, "virka", VIRKA[-1]).check()
    assert progress(page, "virka") == f"2/{len(VIRKA)} tarkistettu"
    assert progress(page, "yksityinen") == f"0/{len(YKSITYINEN)} tarkistettu"


def test_reset_clears_the_ticks_for_good(open_at):
    page = open_at(CHECKS).page
    box(page, "yksityinen", YKSITYINEN[0]).check()
    page.locator("[data-checklist=yksityinen] .handbook-checklist__reset").click()
    assert not box(page, "yksityinen", YKSITYINEN[0]).is_checked()
    page.reload(wait_until="networkidle")
    assert not box(page, "yksityinen", YKSITYINEN[0]).is_checked()
    assert progress(page, "yksityinen") == f"0/{len(YKSITYINEN)} tarkistettu"


def test_ticks_are_stored_by_item_id_under_the_site_path(open_at):
    page = open_at(CHECKS).page
    box(page, "virka", VIRKA[-1]).check()
    stored = page.evaluate(
        f"JSON.parse(localStorage.getItem('{SUB_PATH}handbook.checklist.virka'))"
    )
    assert stored == {"version": 1, "ticked": [VIRKA[-1]]}


def test_ticks_on_the_checks_page_show_on_the_guideline_page(open_at, base_url):
    page = open_at(CHECKS).page
    box(page, "virka", VIRKA[1]).check()
    page.goto(base_url + VIRKA_PAGE, wait_until="networkidle")
    assert box(page, "virka", VIRKA[1]).is_checked()


def test_checklist_works_by_keyboard(open_at):
    page = open_at(CHECKS).page
    first = f"checklist-virka--{VIRKA[0]}"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == first:
            break
    else:
        pytest.fail("Tab never reached the first checkbox")
    page.keyboard.press("Space")
    assert box(page, "virka", VIRKA[0]).is_checked()
    for _ in range(len(VIRKA) * 3 + 10):
        if page.evaluate("document.activeElement.matches('.handbook-checklist__reset')"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the reset button")
    page.keyboard.press("Enter")
    assert not box(page, "virka", VIRKA[0]).is_checked()
    assert page.evaluate("document.activeElement.textContent") == "Kumoa"
    page.keyboard.press("Enter")
    assert box(page, "virka", VIRKA[0]).is_checked()


def visible_checklists(page):
    """The visible lists among those the decision helper chooses between."""
    return page.locator("[data-checklist]:visible").evaluate_all(
        "sections => sections.map(s => s.dataset.checklist).filter(name =>"
        " document.querySelector(`[data-posting-helper] [data-shows='${name}']`))"
    )


def test_lists_the_helper_does_not_choose_stay_in_view(open_at):
    page = open_at(CHECKS).page
    others = page.locator("[data-checklist]").evaluate_all(
        "sections => sections.map(s => s.dataset.checklist).filter(name =>"
        " !document.querySelector(`[data-posting-helper] [data-shows='${name}']`))"
    )
    assert others, "no list besides the helper's on the page"
    page.get_by_label("Kyllä").first.check()
    for name in others:
        assert page.locator(f"[data-checklist={name}]").is_visible()


def test_posting_for_the_city_brings_up_the_city_list(open_at):
    page = open_at(CHECKS).page
    assert visible_checklists(page) == ["virka", "yksityinen"]
    page.get_by_label("Kyllä").first.check()
    assert visible_checklists(page) == ["virka"]
    assert (
        page.locator("[data-result]").inner_text()
        == f"Sinua koskee tarkistuslista: {CHECKLISTS['virka']['title']}."
    )
    assert page.locator("[data-question=working-hours]").is_hidden()


def test_posting_privately_in_working_hours_brings_up_the_private_list_and_a_warning(
    open_at, base_url
):
    page = open_at(CHECKS).page
    page.get_by_label("Ei, viestin yksityishenkilönä").check()
    assert visible_checklists(page) == ["yksityinen"]
    assert page.locator("[data-notice=working-hours]").is_hidden()
    page.locator("#helper-hours-yes").check()
    warning = page.locator("[data-notice=working-hours]")
    assert (
        "Työaikana et voi osallistua aktiivisesti someen yksityishenkilönä" in warning.inner_text()
    )
    assert warning.locator("a").evaluate("a => a.href") == base_url + "yksityishenkilona/#tyoaikana"


def test_posting_privately_about_own_work_asks_to_think_twice(open_at):
    page = open_at(CHECKS).page
    page.get_by_label("Ei, viestin yksityishenkilönä").check()
    page.locator("#helper-work-yes").check()
    assert page.locator("[data-notice=own-work]").is_visible()


@pytest.mark.parametrize(
    "notice,yes,no",
    [
        ("working-hours", "#helper-hours-yes", "#helper-hours-no"),
        ("own-work", "#helper-work-yes", "#helper-work-no"),
    ],
)
def test_notice_goes_when_its_answer_changes_to_no(open_at, notice, yes, no):
    page = open_at(CHECKS).page
    page.get_by_label("Ei, viestin yksityishenkilönä").check()
    page.locator(yes).check()
    assert page.locator(f"[data-notice={notice}]").is_visible()
    page.locator(no).check()
    assert page.locator(f"[data-notice={notice}]").is_hidden()


@pytest.mark.parametrize(
    "notice,yes", [("working-hours", "#helper-hours-yes"), ("own-work", "#helper-work-yes")]
)
def test_notice_goes_when_posting_for_the_city_after_all(open_at, notice, yes):
    page = open_at(CHECKS).page
    page.get_by_label("Ei, viestin yksityishenkilönä").check()
    page.locator(yes).check()
    page.get_by_label("Kyllä").first.check()
    assert page.locator(f"[data-notice={notice}]").is_hidden()
    assert visible_checklists(page) == ["virka"]


def test_start_over_shows_both_lists_again(open_at):
    page = open_at(CHECKS).page
    page.get_by_label("Kyllä").first.check()
    page.get_by_role("button", name="Aloita alusta").click()
    page.wait_for_function(
        "[...document.querySelectorAll('[data-posting-helper] [data-shows]')]"
        ".every(i => !document.querySelector(`[data-checklist='${i.dataset.shows}']`)"
        ".hidden)"
    )
    assert visible_checklists(page) == ["virka", "yksityinen"]


def test_decision_helper_works_by_keyboard(open_at):
    page = open_at(CHECKS).page
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "official":
            break
    else:
        pytest.fail("Tab never reached the first question")
    page.keyboard.press("ArrowDown")  # moves to and selects the second answer
    assert visible_checklists(page) == ["yksityinen"]


def test_without_javascript_both_lists_show_as_plain_lists(open_at):
    page = open_at(CHECKS, java_script_enabled=False).page
    assert page.locator(".handbook-posting-helper").is_hidden()
    assert visible_checklists(page) == ["virka", "yksityinen"]
    assert page.locator("[data-checklist=virka] li").count() == len(VIRKA)


def test_downloaded_plan_holds_what_was_typed(open_at):
    page = open_at(PLAN).page
    page.get_by_label("Kanava ja tilin nimi").fill("Instagram, @naantalin_kirjasto")
    page.get_by_label("Mikä on kohderyhmä?").fill("Lapsiperheet")
    page.get_by_label("Kuka ylläpitää ja miten?").fill("Kolme kirjastonhoitajaa, sijaisena Maija")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Lataa suunnitelma (.txt)").click()
    download = download_info.value
    assert download.suggested_filename == "some-tilin-suunnitelma.txt"
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("Suunnitelma uudesta some-tilistä\n")
    channel = "Kanava ja tilin nimi (vapaaehtoinen)"
    assert f"{channel}\n{'-' * len(channel)}\nInstagram, @naantalin_kirjasto\n" in text
    assert "Mikä on kohderyhmä?\n-------------------\nLapsiperheet\n" in text
    assert "Kolme kirjastonhoitajaa, sijaisena Maija" in text
    assert "Miksi tili perustetaan?\n-----------------------\n(ei täytetty)" in text


def test_typed_plan_survives_reload_and_clear_empties_it(open_at):
    page = open_at(PLAN).page
    page.get_by_label("Miksi tili perustetaan?").fill("Kirjaston tapahtumat")
    page.reload(wait_until="networkidle")
    assert page.get_by_label("Miksi tili perustetaan?").input_value() == "Kirjaston tapahtumat"
    page.get_by_role("button", name="Tyhjennä lomake").click()
    page.reload(wait_until="networkidle")
    assert page.get_by_label("Miksi tili perustetaan?").input_value() == ""


def test_plan_sends_nothing_when_enter_is_pressed_without_javascript(open_at, base_url):
    watched = open_at(PLAN, java_script_enabled=False)
    field = watched.page.get_by_label("Kanava ja tilin nimi")
    field.fill("Salainen tili")
    field.press("Enter")
    watched.page.wait_for_timeout(300)
    assert watched.page.url == base_url + PLAN
    assert not any("Salainen" in url for url in watched.requests)


def test_checklist_keeps_working_after_instant_navigation(open_at, base_url):
    page = open_at("").page
    page.evaluate("window.loadedOnce = true")
    page.get_by_role("link", name=CHECKS_PAGE.nav_title, exact=True).first.click()
    page.wait_for_url(base_url + CHECKS)
    box(page, "virka", VIRKA[0]).check()
    expect(page.locator("[data-checklist=virka] .handbook-checklist__progress")).to_have_text(
        f"1/{len(VIRKA)} tarkistettu"
    )
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded, not swapped"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_or_console_errors_after_use(open_at, scheme):
    watched = open_at(CHECKS, color_scheme=scheme)
    page = watched.page
    page.get_by_label("Ei, viestin yksityishenkilönä").check()
    page.locator("#helper-hours-yes").check()
    page.locator("#helper-work-yes").check()
    box(page, "yksityinen", YKSITYINEN[0]).check()
    assert axe_violations(page) == []
    page.goto(page.url.replace(CHECKS, PLAN), wait_until="networkidle")
    page.get_by_label("Mikä on kohderyhmä?").fill("Nuoret")
    box(page, "virka", VIRKA[0]).check()
    assert axe_violations(page) == []
    assert watched.console_errors == []


def test_printed_checklist_has_empty_boxes_and_no_buttons(open_at):
    page = open_at(CHECKS).page
    box(page, "virka", VIRKA[0]).check()
    page.emulate_media(media="print")
    ticked = box(page, "virka", VIRKA[0])
    assert ticked.evaluate("b => getComputedStyle(b).appearance") == "none", (
        "a ticked box would print ticked"
    )
    assert page.locator(".handbook-checklist__reset").first.is_hidden()
    assert page.locator(".handbook-posting-helper").is_hidden()
    assert visible_checklists(page) == ["virka", "yksityinen"]
