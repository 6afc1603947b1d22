"""Printouts as documents, read back from Chromium's A4 PDF as text
(pdftotext -layout): the quiz record (the reader's own note), the new-account plan, the
checklists and the whole guideline with its print button."""

import datetime
import re
import subprocess

import pytest
import yaml
from helpers import ROOT, SUB_PATH, answer_shown_question, mkdocs_config, quiz_asked

pytestmark = pytest.mark.browser

QUIZ = yaml.safe_load((ROOT / "docs/data/quiz.yml").read_text(encoding="utf-8"))["perehdytys"]
# How many questions one attempt asks (the quiz's draw, or all)
TOTAL = quiz_asked(QUIZ)
CHECKLISTS = yaml.safe_load((ROOT / "docs/data/checklists.yml").read_text(encoding="utf-8"))
# The guideline's version, when the city has set one (mkdocs.yml extra.guideline)
VERSION = mkdocs_config()["extra"]["guideline"].get("version")
FINISHED = datetime.datetime(2026, 3, 2, 9, 5)
LONG_ANSWER = "\n".join(
    f"Rivi {n}: tavoitteena on kertoa kirjaston tapahtumista ja palveluista "
    f"kaupunkilaisille selkeästi ja ajoissa."
    for n in range(1, 15)
)


@pytest.fixture
def base_url(servers):
    return servers[SUB_PATH]


def printed(page, tmp_path):
    """(text, page count) of the page printed to an A4 PDF; no page is blank."""
    page.emulate_media(media="print")
    pdf = tmp_path / "print.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    blank = [
        number for number, sheet in enumerate(text.split("\f")[:pages], 1) if not sheet.strip()
    ]
    assert blank == [], f"blank page(s) {blank} of {pages}"
    return text, pages


def folded(text):
    return re.sub(r"\s+", " ", text)


def finish_quiz(page, wrong_first):
    """Answer until the summary shows, the first `wrong_first` wrongly."""
    for index in range(TOTAL):
        if page.locator("[data-summary]").is_visible():
            return
        answer_shown_question(page, right=index >= wrong_first)


@pytest.fixture(scope="module")
def finished_record(browser, servers):
    """A quiz finished on FINISHED with two wrong answers, retried, named;
    opened again three days later. Played once for the module: the tests
    only print it."""
    context = browser.new_context()
    page = context.new_page()
    base_url = servers[SUB_PATH]
    page.clock.set_system_time(FINISHED)
    page.goto(base_url + "itsearviointi/", wait_until="networkidle")
    finish_quiz(page, wrong_first=2)
    page.get_by_role("button", name="Vastaa uudelleen vääriin").click()
    finish_quiz(page, wrong_first=0)
    page.get_by_label("Nimesi tulosteeseen (vapaaehtoinen)").fill("Maija Meikäläinen")
    page.clock.set_system_time(FINISHED + datetime.timedelta(days=3, hours=2))
    page.reload(wait_until="networkidle")
    page.locator("[data-summary]").wait_for()
    yield page
    context.close()


def test_quiz_record_prints_its_result_on_the_first_page(finished_record, tmp_path):
    """Verdict, score, time and name open the record on its first page. A
    record of every question fits one page; a drawn attempt also lists the
    questions it asked, which long prompts may carry on to a second."""
    text, pages = printed(finished_record, tmp_path)
    first = folded(text.split("\f")[0])
    assert pages == 1 if TOTAL == len(QUIZ["questions"]) else pages <= 2
    assert "Hyväksytty" in first
    assert f"Oikeita vastauksia {TOTAL - 2}/{TOTAL}" in first
    assert "Suoritettu 2.3.2026 klo 09.05." in first
    assert "Nimi: Maija Meikäläinen" in first


def test_quiz_record_says_it_is_the_readers_own_note(finished_record, tmp_path):
    """The printout is a note for the reader, not proof of having done the
    self-check: it says so, on paper only."""
    note = "Tämä on oma muistiinpanosi, ei todistus suorittamisesta."
    assert note in folded(printed(finished_record, tmp_path)[0])
    finished_record.emulate_media(media="screen")
    assert finished_record.get_by_text(note).is_hidden()


def test_quiz_record_names_quiz_version_and_the_time_it_was_finished(finished_record, tmp_path):
    text = folded(printed(finished_record, tmp_path)[0])
    assert QUIZ["title"] in text
    assert (f"Ohjeen versio {VERSION}." in text) if VERSION else ("Ohjeen versio" not in text)
    assert "Suoritettu 2.3.2026 klo 09.05." in text, "the time it was finished, not today"


def test_quiz_record_gives_the_first_try_score_the_retry_and_the_name(finished_record, tmp_path):
    text = folded(printed(finished_record, tmp_path)[0])
    first_try = round(100 * (TOTAL - 2) / TOTAL)
    assert f"Oikeita vastauksia {TOTAL - 2}/{TOTAL} ({first_try} %)." in text
    assert (
        f"Tulos on ensimmäiseltä yritykseltä. Väärin menneisiin vastattiin uudelleen, "
        f"ja lopuksi oikeita oli {TOTAL}/{TOTAL}."
    ) in text
    assert "Nimi: Maija Meikäläinen" in text


def test_quiz_record_leaves_out_hints_buttons_and_navigation(finished_record, tmp_path):
    text = folded(printed(finished_record, tmp_path)[0])
    for screen_only in [
        "Tulosta tai tallenna",
        "Vastaa uudelleen vääriin",
        "Aloita alusta",
        "Nimesi tulosteeseen",
        "Nimi jää vain",
        "Testaa, miten muistat",
        "Hyväksymisraja on",
        "Siirry sisältöön",
        "Hae",
        "Kysymys ",
    ]:
        assert screen_only not in text


def fill_plan(page):
    page.get_by_label("Kanava ja tilin nimi").fill("Instagram, @naantalin_kirjasto")
    page.get_by_label("Miksi tili perustetaan?").fill(LONG_ANSWER)
    page.get_by_label("Kuka ylläpitää ja miten?").fill("Kolme kirjastonhoitajaa\nSijaisena Maija")


def test_plan_printed_alone_has_title_date_and_every_answer_whole(open_page, base_url, tmp_path):
    page = open_page(base_url + "kaupungin-edustajana/").page
    fill_plan(page)
    page.get_by_role("button", name="Tyhjennä lomake").click()
    page.get_by_role("button", name="Kumoa").click()
    # What the "Tulosta" button does around window.print()
    page.evaluate("document.body.classList.add('handbook-printing-plan')")
    raw, pages = printed(page, tmp_path)
    text = folded(raw)
    assert text.strip().startswith("Suunnitelma uudesta some-tilistä")
    assert f"Laadittu {datetime.date.today():%-d.%-m.%Y}" in text
    for line in LONG_ANSWER.splitlines() + ["Kolme kirjastonhoitajaa", "Sijaisena Maija"]:
        assert line in text
    assert "Kuinka usein tiliä päivitetään? (vapaaehtoinen)" in text
    assert "Miten tili tarvittaessa lopetetaan? (vapaaehtoinen)" in text
    assert "Mikä on kohderyhmä? (ei täytetty)" in text
    for screen_only in [
        "Lomake ei lähetä mitään",
        "Lataa suunnitelma",
        "Tyhjennä lomake",
        "Kumoa",
        "Lomake tyhjennetty",
        "Esimerkiksi Instagram",
        "Viestintä auttaa",
    ]:
        assert screen_only not in text
    assert pages <= 2


def test_plan_printed_with_its_page_keeps_every_answer_whole(open_page, base_url, tmp_path):
    page = open_page(base_url + "kaupungin-edustajana/").page
    fill_plan(page)
    text = folded(printed(page, tmp_path)[0])
    for line in LONG_ANSWER.splitlines():
        assert line in text


def test_printed_checklists_have_no_counts_buttons_or_internal_addresses(
    open_page, base_url, tmp_path
):
    page = open_page(base_url + "ennen-julkaisua/").page
    page.locator("[data-checklist=virka] input").first.check()
    text = folded(printed(page, tmp_path)[0])
    for checklist in CHECKLISTS.values():
        for item in checklist["items"]:
            assert item["text"] in text
    assert "tarkistettu" not in text
    assert "Poista rastit" not in text
    assert "Kumoa" not in text
    assert "127.0.0.1" not in text and SUB_PATH not in text
    assert text.count("Lue ohjeesta") == sum(len(c["items"]) for c in CHECKLISTS.values())


def test_whole_guideline_has_a_print_button_that_prints(open_page, base_url):
    page = open_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).page
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1 }")
    page.goto(base_url + "koko-ohje/", wait_until="networkidle")
    button = page.get_by_role("button", name="Tulosta tai tallenna PDF:ksi")
    button.tap()
    assert page.evaluate("window.printed") == 1


def test_whole_guideline_print_button_hides_without_javascript(open_page, base_url):
    page = open_page(base_url + "koko-ohje/", java_script_enabled=False).page
    assert page.get_by_role("button", name="Tulosta tai tallenna PDF:ksi").count() == 0
    assert page.get_by_text("Ctrl + P").is_visible()


def test_whole_guideline_prints_without_its_print_controls(open_page, base_url, tmp_path):
    page = open_page(base_url + "koko-ohje/").page
    text = folded(printed(page, tmp_path)[0])
    assert (f"Ohjeen versio {VERSION}" in text) if VERSION else ("Ohjeen versio" not in text)
    assert "Tulosta tai tallenna PDF:ksi" not in text
    assert "Ctrl + P" not in text
