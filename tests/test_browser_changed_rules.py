"""A returning reader after the guideline changed: the rules changed since
they last saw them are marked on their pages, with a link to the change,
the front page lists them, and a finished self-check offers a re-check of
just the questions on them. A new reader, blocked storage or a damaged
stored value: no markers and no errors.

Two builds on one origin (localStorage carries over): a project copy with
git history, its guideline approved as ohje-1.0, and the same project once
one rule (of those off the front page, the one most quiz questions ask
about) is reworded and a rule is added on its page, in the page and in the
approved text, and approved as ohje-1.1. Its quiz asks the questions on
the reworded rule and a few others, every one, in the file's order."""

import collections
import os
import re
import subprocess

import pytest
import yaml
from helpers import (
    ROOT,
    SUB_PATH,
    answer_shown_question,
    axe_violations,
    copy_project,
    mkdocs_build,
    page_url,
    rule_topic,
    switchable_site,
)
from test_change_history import Editor

from handbook.gate import GUIDELINE_END

pytestmark = pytest.mark.browser

QUESTIONS = yaml.safe_load((ROOT / "docs/data/quiz.yml").read_text(encoding="utf-8"))["perehdytys"][
    "questions"
]
# The rule most questions ask about, off the front page (which lists the
# changes), is the one that changes
CHANGED = collections.Counter(
    question["rule"] for question in QUESTIONS if page_url(question["rule"].partition("#")[0])
).most_common(1)[0][0]
PAGE, _, ANCHOR = CHANGED.partition("#")
ON_CHANGED = [question for question in QUESTIONS if question["rule"] == CHANGED]
OTHERS = [question for question in QUESTIONS if question["rule"].partition("#")[0] != PAGE][:3]
# The quiz of both builds: the others first, so the re-check is not just the start
ASKED = OTHERS + ON_CHANGED
# Another rule on the changed rule's page, which stays as it was
KEPT = next(
    re.search(r"#([\w-]+)", line).group(1)
    for line in (ROOT / "docs" / PAGE).read_text(encoding="utf-8").splitlines()
    if re.search(r"\{:\s*#[\w-]+\s*\}", line) and f"#{ANCHOR}" not in line
)
# The rule added on the changed rule's page
ADDED = ("Tämä kohta on lisätty ohjeeseen testissä.", "lisatty-testissa")
# ... at the end of the page's guideline text: under the last heading before its end
ADDED_TOPIC = re.sub(
    r"\s*\{[^}]*\}\s*$",
    "",
    [
        line
        for line in (ROOT / "docs" / PAGE)
        .read_text(encoding="utf-8")
        .rpartition(GUIDELINE_END)[0]
        .splitlines()
        if re.match(r"#{1,6} ", line)
    ][-1].lstrip("#"),
).strip()
MARKER = "Muuttunut sen jälkeen, kun viimeksi avasit tämän sivun"
ADDED_MARKER = "Uusi kohta sen jälkeen, kun viimeksi avasit tämän sivun"
RULES_KEY = f"{SUB_PATH}handbook.rules.seen"
BLOCK_STORAGE = """
for (const name of ["localStorage", "sessionStorage"])
  Object.defineProperty(window, name, {
    get() { throw new DOMException("The operation is insecure.", "SecurityError") }
  })"""


def git(project, *args):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Testi",
        "GIT_AUTHOR_EMAIL": "testi@example.fi",
        "GIT_COMMITTER_NAME": "Testi",
        "GIT_COMMITTER_EMAIL": "testi@example.fi",
    }
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def reword_changed_rule(project):
    """The changed rule's last line, in its page and in the approved text,
    gets a word more before its full stop."""
    page = project / "docs" / PAGE
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if re.search(rf"\{{:\s*#{ANCHOR}\s*\}}", line))
    last = lines[at - 1].strip()
    assert last.endswith("."), last
    lines[at - 1] = lines[at - 1].replace(last, last[:-1] + " aina.")
    page.write_text("".join(lines), encoding="utf-8")
    approved = project / "docs/data/hyvaksytty-ohje.yml"
    text = approved.read_text(encoding="utf-8")
    assert len(re.findall(rf"{re.escape(last)}$", text, re.M)) == 1, last
    approved.write_text(
        re.sub(rf"{re.escape(last)}$", last[:-1] + " aina.", text, flags=re.M), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """(base_url, publish(name)): "approved" (ohje-1.0) or "changed" (ohje-1.1)
    at one address."""
    work = tmp_path_factory.mktemp("changed-rules")
    project = copy_project(work / "project")
    quiz_file = project / "docs/data/quiz.yml"
    quizzes = yaml.safe_load(quiz_file.read_text(encoding="utf-8"))
    quiz = quizzes["perehdytys"]
    quiz.pop("draw", None)
    quiz.update(questions=ASKED, shuffle_questions=False)
    quiz_file.write_text(yaml.safe_dump(quizzes, allow_unicode=True, sort_keys=False), "utf-8")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "Ohje")
    git(project, "tag", "-a", "ohje-1.0", "-m", "Hyväksytty testissä")
    with switchable_site(work) as (base_url, show):
        sites = {"approved": work / "site-approved", "changed": work / "site-changed"}
        result = mkdocs_build(project, sites["approved"], base_url)
        assert result.returncode == 0, result.stderr
        reword_changed_rule(project)
        Editor(project).add_rule(*ADDED, page=PAGE)
        git(project, "commit", "-qam", "Muutos")
        git(project, "tag", "-a", "ohje-1.1", "-m", "Muutos hyväksytty testissä")
        result = mkdocs_build(project, sites["changed"], base_url)
        assert result.returncode == 0, result.stderr
        yield base_url, lambda name: show(sites[name])


PAGE_PATH = page_url(PAGE)


@pytest.fixture
def returning(open_page, origin):
    """A reader who read the changed rule's page and the front page in the
    approved build; then the changed build is published."""
    base_url, publish = origin
    publish("approved")
    watched = open_page()
    for path in [PAGE_PATH, ""]:
        watched.page.goto(base_url + path, wait_until="networkidle")
    publish("changed")
    watched.base_url = base_url
    return watched


def markers(page):
    return page.locator("article [data-changed-marker]")


def open_at(watched, path):
    watched.page.goto(watched.base_url + path, wait_until="networkidle")
    # changes.js runs in a task after start-up: the page's rules are recorded then
    watched.page.wait_for_function("() => window.handbook && handbook.started")
    watched.page.wait_for_timeout(100)


def marker_on(page, rule_id):
    return page.locator(f"article [id='{rule_id}'] [data-changed-marker]")


def test_returning_reader_sees_markers_on_the_changed_and_the_new_rule_only(returning):
    open_at(returning, PAGE_PATH)
    page = returning.page
    assert markers(page).count() == 2
    assert marker_on(page, ANCHOR).inner_text().startswith(MARKER)
    assert marker_on(page, ADDED[1]).inner_text().startswith(ADDED_MARKER)
    assert marker_on(page, KEPT).count() == 0
    assert returning.console_errors == []


def test_the_marker_links_to_the_change_in_the_change_history(returning):
    open_at(returning, PAGE_PATH)
    page = returning.page
    # Its name says which rule: not just "näytä muutos" beside every marker
    link = marker_on(page, ANCHOR).get_by_role(
        "link", name=re.compile(re.escape(rule_topic(CHANGED)))
    )
    link.click()
    page.wait_for_load_state("networkidle")
    change = page.locator(f"[id='{page.url.partition('#')[2]}']")
    assert "muutoshistoria/" in page.url
    assert CHANGED in change.inner_text()


def test_the_front_page_lists_the_changed_and_the_new_rule(returning):
    open_at(returning, "")
    page = returning.page
    section = page.locator("[data-changed-rules]")
    assert section.is_visible()
    items = section.locator("li")
    assert items.count() == 2
    expected = [(ANCHOR, rule_topic(CHANGED)), (ADDED[1], ADDED_TOPIC)]  # in page order
    for item, (anchor, topic) in zip(items.all(), expected, strict=True):
        rule_link = item.get_by_role("link").first
        assert rule_link.inner_text() == topic
        assert rule_link.get_attribute("href").endswith(f"{PAGE_PATH}#{anchor}")
        assert "muutoshistoria/#" in item.get_by_role("link").nth(1).get_attribute("href")
        assert ("(uusi kohta, " in item.inner_text()) is (anchor == ADDED[1])
    assert markers(page).count() == 0, "the front page's own rules did not change"


def test_a_rule_on_a_page_the_reader_never_opened_is_not_listed(open_page, origin):
    base_url, publish = origin
    publish("approved")
    watched = open_page(base_url)  # the front page only
    publish("changed")
    watched.base_url = base_url
    open_at(watched, "")
    assert not watched.page.locator("[data-changed-rules]").is_visible()
    open_at(watched, PAGE_PATH)
    assert markers(watched.page).count() == 0
    assert watched.console_errors == []


def test_a_new_reader_sees_no_markers(open_page, origin):
    base_url, publish = origin
    publish("changed")
    watched = open_page()
    watched.base_url = base_url
    for path in ["", PAGE_PATH, ""]:
        open_at(watched, path)
        assert markers(watched.page).count() == 0
        assert not watched.page.locator("[data-changed-rules]").is_visible()
    assert watched.console_errors == []


def test_the_markers_show_once_and_are_gone_on_the_next_visit(returning):
    open_at(returning, PAGE_PATH)
    assert markers(returning.page).count() == 2
    open_at(returning, PAGE_PATH)
    assert markers(returning.page).count() == 0
    open_at(returning, "")
    assert not returning.page.locator("[data-changed-rules]").is_visible()


def test_blocked_storage_shows_no_markers_and_no_errors(open_page, origin):
    base_url, publish = origin
    publish("approved")
    watched = open_page()
    watched.page.add_init_script(BLOCK_STORAGE)
    watched.base_url = base_url
    open_at(watched, PAGE_PATH)
    publish("changed")
    for path in [PAGE_PATH, ""]:
        open_at(watched, path)
        assert markers(watched.page).count() == 0
        assert not watched.page.locator("[data-changed-rules]").is_visible()
    assert watched.console_errors == []


@pytest.mark.parametrize("raw", ["{not json", "[]", '{"x": 1}', "null", '"text"'])
def test_damaged_stored_value_shows_no_markers_and_no_errors(open_page, origin, raw):
    base_url, publish = origin
    publish("changed")
    watched = open_page(base_url)
    watched.base_url = base_url
    watched.page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [RULES_KEY, raw])
    for path in [PAGE_PATH, ""]:
        open_at(watched, path)
        assert markers(watched.page).count() == 0
        assert not watched.page.locator("[data-changed-rules]").is_visible()
    assert watched.console_errors == []


def finish_quiz(page):
    for _ in ASKED:
        answer_shown_question(page)
    assert page.locator("[data-summary]").is_visible()


def recheck_button(page):
    return page.locator("[data-summary] [data-action=recheck]")


def test_finished_quiz_offers_a_recheck_of_the_questions_on_the_changed_rule(open_page, origin):
    base_url, publish = origin
    publish("approved")
    watched = open_page(base_url + "itsearviointi/")
    page = watched.page
    finish_quiz(page)
    assert not recheck_button(page).is_visible(), "nothing changed yet"
    publish("changed")
    page.reload(wait_until="networkidle")
    assert page.get_by_text(
        "Osa kohdista, joita kysymyksesi koskivat, on muuttunut suorituksesi jälkeen."
    ).is_visible()
    button = recheck_button(page)
    assert re.search(rf"\b{len(ON_CHANGED)}\b", button.inner_text())
    button.click()
    asked = []
    for _ in ON_CHANGED:
        asked.append(page.locator("[data-question]:visible").get_attribute("data-question"))
        answer_shown_question(page, right=False)
    assert asked == [question["id"] for question in ON_CHANGED]
    summary = page.locator("[data-summary]")
    assert summary.is_visible()
    # The re-check's answers count: the changed rule's questions now wrong
    right = len(ASKED) - len(ON_CHANGED)
    assert (
        summary.locator("[data-score]")
        .inner_text()
        .startswith(f"Oikeita vastauksia {right}/{len(ASKED)}")
    )
    assert not recheck_button(page).is_visible(), "the new versions are recorded"
    page.reload(wait_until="networkidle")
    assert not recheck_button(page).is_visible()
    assert watched.console_errors == []


def test_attempt_finished_before_rules_were_recorded_is_still_read(open_page, origin):
    """A result saved by the release before this one (no finished.rules)
    is shown as it was, with no re-check and no note."""
    base_url, publish = origin
    publish("changed")
    watched = open_page(base_url + "itsearviointi/")
    page = watched.page
    finish_quiz(page)
    key = f"{SUB_PATH}handbook.quiz.perehdytys"
    page.evaluate(
        """key => {
          const state = JSON.parse(localStorage.getItem(key))
          delete state.finished.rules
          localStorage.setItem(key, JSON.stringify(state))
        }""",
        key,
    )
    page.reload(wait_until="networkidle")
    assert page.locator("[data-summary]").is_visible()
    assert page.locator(".handbook-notice[role=status]").count() == 0
    assert not recheck_button(page).is_visible()
    assert watched.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_page_with_a_marker(open_page, origin, scheme):
    base_url, publish = origin
    publish("approved")
    watched = open_page(base_url + PAGE_PATH, color_scheme=scheme)
    publish("changed")
    watched.base_url = base_url
    open_at(watched, "")
    assert watched.page.locator("[data-changed-rules]").is_visible()
    assert axe_violations(watched.page) == []
    open_at(watched, PAGE_PATH)
    assert markers(watched.page).count() == 2
    assert axe_violations(watched.page) == []
