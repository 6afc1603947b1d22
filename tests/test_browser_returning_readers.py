"""Returning readers across content updates: a reader answers or ticks,
communications publish a changed build at the same address, the reader
reloads. Every build here is made from a copy of the project for one
loopback origin, so localStorage carries over from build to build. The
quiz in every build is the real quiz's first SMALL questions: each change
here concerns the first few questions, and whole attempts of the real bank
would add time, not cases."""

import copy
import re

import pytest
import yaml
from helpers import ROOT, answer_shown_question, copy_project, mkdocs_build, switchable_site

pytestmark = pytest.mark.browser

QUIZ = yaml.safe_load((ROOT / "docs/data/quiz.yml").read_text(encoding="utf-8"))["perehdytys"]
SMALL = 5
QUESTIONS = QUIZ["questions"][:SMALL]
TOTAL = len(QUESTIONS)
IDS = [question["id"] for question in QUESTIONS]
CHECKLIST = yaml.safe_load((ROOT / "docs/data/checklists.yml").read_text(encoding="utf-8"))["virka"]
ITEMS = [item["id"] for item in CHECKLIST["items"]]


class NoAliases(yaml.SafeDumper):
    """Writes a copied value out again instead of as &id/*id: the build
    refuses YAML aliases, as an editor's file has none."""

    def ignore_aliases(self, data):
        return True


def edit_yaml(project, name, change):
    path = project / "docs/data" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(
        yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def quiz_change(change):
    return lambda project: edit_yaml(
        project, "quiz.yml", lambda data: change(data["perehdytys"]["questions"])
    )


def remove_third(questions):
    del questions[2]


def rename_first(questions):
    questions[0]["id"] += "-uusi"


def add_one(questions):
    questions.append(
        {**questions[0], "id": "uusi-kysymys", "prompt": "Uusi kysymys: " + questions[0]["prompt"]}
    )


def reverse_options(questions):
    for question in questions:
        if "options" in question:
            question["options"].reverse()


def reword_second_question(questions):
    """The second question's first option reworded (a true/false question
    has no options of its own: its statement is reworded instead)."""
    if "options" in questions[1]:
        questions[1]["options"][0]["text"] += " (muutettu)"
    else:
        questions[1]["prompt"] += " (muutettu)"


def change_checklist(project):
    def change(data):
        items = data["virka"]["items"]
        del items[0]
        items.append({**items[-1], "id": "uusi-kohta", "text": "Uusi kohta listalla."})

    edit_yaml(project, "checklists.yml", change)


VARIANTS = {
    "removed": quiz_change(remove_third),
    "renamed": quiz_change(rename_first),
    "added": quiz_change(add_one),
    "reordered": quiz_change(reverse_options),
    "reworded": quiz_change(reword_second_question),
    "checklist": change_checklist,
}


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """publish(variant) puts the base build or a changed one at one address;
    returns that address."""
    work = tmp_path_factory.mktemp("returning")
    builds = {}
    with switchable_site(work) as (base_url, show):

        def build(variant):
            if variant not in builds:
                project = copy_project(work / f"project-{variant}")
                edit_yaml(
                    project,
                    "quiz.yml",
                    lambda data: data["perehdytys"].update(questions=copy.deepcopy(QUESTIONS)),
                )
                if variant != "base":
                    VARIANTS[variant](project)
                site = work / f"site-{variant}"
                result = mkdocs_build(project, site, base_url)
                assert result.returncode == 0, result.stderr
                builds[variant] = site
            return builds[variant]

        def publish(variant):
            show(build(variant))
            return base_url

        yield publish


@pytest.fixture
def reader(open_page, origin):
    """A reader's browser at the base build's quiz; reread(variant) publishes
    a changed build and reloads."""
    watched = open_page()
    page = watched.page
    page.goto(origin("base") + "itsearviointi/", wait_until="networkidle")

    def reread(variant, path="itsearviointi/"):
        page.goto(origin(variant) + path, wait_until="networkidle")

    watched.reread = reread
    return watched


def current(page):
    return page.locator("[data-question]:visible")


def progress(page):
    return page.locator("[data-progress-text]").inner_text()


answer = answer_shown_question


def finish(page, seen=None):
    """Answer right until the summary shows; each progress line goes to seen."""
    for _ in range(TOTAL + 2):
        if page.locator("[data-summary]").is_visible():
            return
        if seen is not None:
            seen.append(progress(page))
        answer(page)
    pytest.fail("the quiz never reached its summary")


def counts(line):
    shown, total = map(int, re.search(r"(\d+)/(\d+)", line).groups())
    return shown, total


def score(page):
    return page.locator("[data-score]").inner_text()


def test_removed_question_lets_the_reader_go_on_with_the_next(reader):
    page = reader.page
    answer(page)
    answer(page)
    assert current(page).get_attribute("data-question") == IDS[2]
    reader.reread("removed")
    assert progress(page) == f"Kysymys 3/{TOTAL - 1}"
    assert current(page).get_attribute("data-question") == IDS[3]
    assert current(page).get_by_role("button", name="Tarkista").is_visible()
    finish(page)
    assert score(page) == f"Oikeita vastauksia {TOTAL - 1}/{TOTAL - 1} (100 %)."
    assert reader.console_errors == []


def test_renamed_question_is_asked_again_and_the_other_answers_are_kept(reader):
    page = reader.page
    answer(page)
    answer(page)
    reader.reread("renamed")
    assert progress(page) == f"Kysymys 2/{TOTAL}"
    assert current(page).get_attribute("data-question") == IDS[2]
    seen = []
    finish(page, seen)
    assert len(seen) == TOTAL - 1, "the renamed question and all unanswered ones, once each"
    assert all(shown <= total for shown, total in map(counts, seen))
    assert score(page) == f"Oikeita vastauksia {TOTAL}/{TOTAL} (100 %)."


def test_question_added_after_finishing_is_asked_then_counted(reader):
    page = reader.page
    finish(page)
    reader.reread("added")
    assert progress(page) == f"Kysymys {TOTAL + 1}/{TOTAL + 1}"
    assert current(page).get_attribute("data-question") == "uusi-kysymys"
    finish(page)
    assert score(page) == f"Oikeita vastauksia {TOTAL + 1}/{TOTAL + 1} (100 %)."


def test_finished_attempt_never_counts_more_than_the_questions_there_are(reader):
    page = reader.page
    finish(page)
    reader.reread("removed")
    assert page.locator("[data-summary]").is_visible()
    assert score(page) == f"Oikeita vastauksia {TOTAL - 1}/{TOTAL - 1} (100 %)."


def test_reordered_options_keep_a_kept_answer_graded_as_it_was(reader):
    page = reader.page
    answer(page, right=True)
    answer(page, right=False)
    reader.reread("reordered")
    # Both answers kept (not asked again), the wrong one still wrong
    assert progress(page) == f"Kysymys 3/{TOTAL}"
    finish(page)
    assert (
        score(page)
        == f"Oikeita vastauksia {TOTAL - 1}/{TOTAL} ({round(100 * (TOTAL - 1) / TOTAL)} %)."
    )


def test_changed_option_text_drops_that_answer_and_asks_again(reader):
    page = reader.page
    answer(page)
    answer(page, right=False)
    reader.reread("reworded")
    assert progress(page) == f"Kysymys 2/{TOTAL}"
    assert page.locator(f"[data-question={IDS[1]}] .handbook-quiz__verdict").count() == 0
    finish(page)
    assert score(page) == f"Oikeita vastauksia {TOTAL}/{TOTAL} (100 %)."


def test_checklist_keeps_ticks_of_kept_items_and_asks_the_new_one(reader):
    page = reader.page
    reader.reread("base", "ennen-julkaisua/")
    for item in ITEMS:
        page.locator(f"#checklist-virka--{item}").check()
    reader.reread("checklist", "ennen-julkaisua/")
    progress_line = page.locator("[data-checklist=virka] .handbook-checklist__progress")
    assert progress_line.inner_text() == f"{len(ITEMS) - 1}/{len(ITEMS)} tarkistettu"
    assert not page.locator("#checklist-virka--uusi-kohta").is_checked()
    for item in ITEMS[1:]:
        assert page.locator(f"#checklist-virka--{item}").is_checked()
    assert reader.console_errors == []
