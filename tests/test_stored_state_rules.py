"""What the browser keeps, in real Chromium, where a rule is not yet held
by the other browser tests: a damaged stored checklist is reported once
and removed even if the reader never touches the list; ticks brought back
by "Kumoa" are saved; and a returning reader's answer to a question whose
right option editors have since moved is dropped and the question asked
again. Lists, items and questions come from docs/data/."""

import pytest
import yaml
from helpers import (
    SUB_PATH,
    answer_shown_question,
    copy_project,
    editors_data,
    mkdocs_build,
    page_calling,
    quiz_on_site,
    switchable_site,
)

pytestmark = pytest.mark.browser

CHECKLIST_PAGE = page_calling("checklist(")
CHECKLISTS = editors_data("checklists")
QUIZ_PAGE, QUIZ_NAME, QUIZ = quiz_on_site()


def notes(page):
    return page.locator(".handbook-notice[role=status]").count()


def checklists_on(page):
    return page.locator("[data-checklist]").evaluate_all(
        "lists => lists.map(list => list.dataset.checklist)"
    )


def test_a_damaged_stored_checklist_is_reported_once_even_if_left_untouched(open_page, servers):
    page = open_page(servers[SUB_PATH] + CHECKLIST_PAGE.path).page
    name = checklists_on(page)[0]
    page.evaluate(
        "key => localStorage.setItem(key, '{not json')", f"{SUB_PATH}handbook.checklist.{name}"
    )
    page.reload(wait_until="networkidle")
    assert notes(page) == 1
    page.reload(wait_until="networkidle")
    assert notes(page) == 0, "the damaged value was removed once read"


def test_ticks_brought_back_by_undo_are_still_there_after_reload(open_page, servers):
    page = open_page(servers[SUB_PATH] + CHECKLIST_PAGE.path).page
    name = checklists_on(page)[0]
    items = [item["id"] for item in CHECKLISTS[name]["items"]]
    checklist = page.locator(f"[data-checklist={name}]")
    for item in items[:2]:
        page.locator(f"#checklist-{name}--{item}").check()
    checklist.locator(".handbook-checklist__reset").click()
    checklist.locator("[data-undo]").click()
    page.reload(wait_until="networkidle")
    ticked = [item for item in items if page.locator(f"#checklist-{name}--{item}").is_checked()]
    assert ticked == items[:2]


# A returning reader: the same address serves first the real build, then one
# where editors moved the right option of a single-choice question


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _move_right_option(project):
    """The first single-choice question of the site's quiz gets its right
    option moved to the next option; returns the question's id."""
    path = project / "docs/data/quiz.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    question = next(q for q in data[QUIZ_NAME]["questions"] if q["type"] == "single")
    options = question["options"]
    right = next(index for index, option in enumerate(options) if option.get("correct"))
    options[right]["correct"] = False
    options[(right + 1) % len(options)]["correct"] = True
    path.write_text(
        yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return question["id"]


def _ask_every_question(project):
    """The quiz asks the whole bank in one attempt (no draw), so the moved
    question is surely among those answered."""
    path = project / "docs/data/quiz.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[QUIZ_NAME].pop("draw", None)
    path.write_text(
        yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """(publish(variant) -> the quiz's address, the moved question's id):
    "base" publishes the real content (asking every question), "moved" the
    same with the right option moved."""
    work = tmp_path_factory.mktemp("moved")
    with switchable_site(work) as (base_url, show):
        project = copy_project(work / "project")
        sites = {variant: work / f"site-{variant}" for variant in ["base", "moved"]}

        def build(variant):
            result = mkdocs_build(project, sites[variant], base_url)
            assert result.returncode == 0, result.stderr

        _ask_every_question(project)
        build("base")
        question_id = _move_right_option(project)
        build("moved")

        def publish(variant):
            show(sites[variant])
            return base_url + QUIZ_PAGE.path

        yield publish, question_id


def test_answer_is_asked_again_once_editors_move_the_right_option(open_page, moved):
    publish, question_id = moved
    page = open_page(publish("base")).page
    summary = page.locator("[data-summary]")
    for _ in QUIZ["questions"]:
        if summary.is_visible():
            break
        answer_shown_question(page)
    assert summary.is_visible()
    page.goto(publish("moved"), wait_until="networkidle")
    question = page.locator("[data-question]:visible")
    assert question.get_attribute("data-question") == question_id
    assert question.get_by_role("button", name="Tarkista").is_visible()
