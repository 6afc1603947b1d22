"""With storage blocked (a privacy setting that makes reading localStorage
and sessionStorage throw) every page works with no page error: search
returns results, the palette toggle switches, and the quiz, checklists,
decision helper and plan are usable for the visit."""

import pytest
import yaml
from helpers import PAGES, ROOT, SUB_PATH, quiz_asked, search

pytestmark = pytest.mark.browser

# How many questions one attempt asks (the quiz's draw, or all)
ASKED = quiz_asked(
    yaml.safe_load((ROOT / "docs/data/quiz.yml").read_text(encoding="utf-8"))["perehdytys"]
)
CHECKLIST_ITEMS = yaml.safe_load((ROOT / "docs/data/checklists.yml").read_text(encoding="utf-8"))[
    "virka"
]["items"]
BLOCK_STORAGE = """
for (const name of ["localStorage", "sessionStorage"])
  Object.defineProperty(window, name, {
    get() { throw new DOMException("The operation is insecure.", "SecurityError") }
  })"""


@pytest.fixture
def blocked(open_page, servers):
    """A watched page whose every document has storage blocked; opened at path."""

    def _open(path, **options):
        watched = open_page(**options)
        watched.page.add_init_script(BLOCK_STORAGE)
        watched.page.goto(servers[SUB_PATH] + path, wait_until="networkidle")
        assert watched.page.evaluate(
            "(() => { try { localStorage; return false } catch { return true } })()"
        )
        return watched

    return _open


@pytest.mark.parametrize("path", [page.path for page in PAGES])
def test_page_loads_without_errors(blocked, path):
    watched = blocked(path)
    assert watched.page.locator("article h1").is_visible()
    assert watched.console_errors == []


def test_search_returns_results(blocked, servers):
    watched = blocked("")
    results = search(watched.page, "salassapitovelvollisuus")
    assert servers[SUB_PATH] + "salassapitovelvollisuus/" in results
    assert watched.console_errors == []


def test_palette_toggle_switches_both_ways(blocked):
    watched = blocked("")
    page = watched.page

    def scheme():
        return page.get_attribute("body", "data-md-color-scheme")

    assert scheme() == "default"
    page.locator("label[title='Vaihda tummaan teemaan']").click()
    assert scheme() == "slate"
    page.locator("label[title='Vaihda vaaleaan teemaan']").click()
    assert scheme() == "default"
    assert watched.console_errors == []


def test_quiz_can_be_answered_to_the_end(blocked):
    watched = blocked("itsearviointi/")
    page = watched.page
    for _ in range(ASKED):
        question = page.locator("[data-question]:visible")
        question.locator(".handbook-quiz__option[data-correct=true] input").first.check()
        for box in question.locator(".handbook-quiz__option[data-correct=true] input").all():
            box.check()
        question.get_by_role("button", name="Tarkista").click()
        question.get_by_role("button", name="Seuraava kysymys").click()
    assert (
        page.locator("[data-score]").inner_text() == f"Oikeita vastauksia {ASKED}/{ASKED} (100 %)."
    )
    assert watched.console_errors == []


def test_checklists_helper_and_plan_are_usable(blocked):
    watched = blocked("kaupungin-edustajana/")
    page = watched.page
    page.locator(f"#checklist-virka--{CHECKLIST_ITEMS[0]['id']}").check()
    assert (
        page.locator("[data-checklist=virka] .handbook-checklist__progress").inner_text()
        == f"1/{len(CHECKLIST_ITEMS)} tarkistettu"
    )
    page.locator("[data-checklist=virka]").get_by_role("button", name="Poista rastit").click()
    page.locator("[data-checklist=virka]").get_by_role("button", name="Kumoa").click()
    assert page.locator(f"#checklist-virka--{CHECKLIST_ITEMS[0]['id']}").is_checked()
    page.get_by_label("Mikä on kohderyhmä?").fill("Nuoret")
    with page.expect_download() as download:
        page.get_by_role("button", name="Lataa suunnitelma (.txt)").click()
    assert "Nuoret" in open(download.value.path(), encoding="utf-8").read()
    page.goto(
        page.url.replace("kaupungin-edustajana/", "ennen-julkaisua/"), wait_until="networkidle"
    )
    page.get_by_label("Kyllä").first.check()
    assert page.locator("[data-checklist=virka]").is_visible()
    assert page.locator("[data-checklist=yksityinen]").is_hidden()
    assert watched.console_errors == []
