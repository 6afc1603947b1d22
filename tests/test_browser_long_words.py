"""A long Finnish compound word wraps on a 320 px phone: in the quiz, the
checklists, the decision helper, the account plan form and a table on a
page, the page does not scroll sideways and nothing is wider than the
screen. Built once from a copy of the project with a 50-letter word in a
quiz question and option, a checklist's title, item and details, a table of
two columns; the reader types it into the plan. Ordinary words are not
broken for it."""

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml
from helpers import ROOT, copy_project, editors_data, mkdocs_build, page_calling, page_url

from handbook import approved

pytestmark = pytest.mark.browser

WORD = "somekanavasuunnitelmanhyväksymismenettelyohjeistus"
WIDTH = 320
# The guideline's own longest words, which a table keeps whole on a phone
APPROVED = yaml.safe_load((ROOT / "docs" / approved.FILE.path).read_text(encoding="utf-8"))
ORDINARY_LONG_WORDS = sorted(
    set(re.findall(r"\w+", " ".join(APPROVED.values()))), key=lambda word: (len(word), word)
)[-3:]
QUIZ_NAME = next(iter(editors_data("quiz")))
# The list the decision helper shows for "Kyllä" (posting-helper.html)
HELPER_LIST = "virka"
TABLE_PAGE = "tietoa-ohjeesta.md"

# Words of an element's text (without a hyphen) split over two lines
SPLIT_WORDS = """element => {
  const split = []
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/[^\\s-]+/g)) {
      const range = document.createRange()
      range.setStart(node, word.index)
      range.setEnd(node, word.index + word[0].length)
      const lines = new Set([...range.getClientRects()].map(box => Math.round(box.top)))
      if (lines.size > 1) split.push(word[0])
    }
  }
  return split
}"""
# Elements of the component (itself included) that reach past the screen's
# edges or are wider than it; none may, whatever scrolls
TOO_WIDE = """(component, width) => [component, ...component.querySelectorAll('*')]
  .filter(e => e.getClientRects().length)
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, box]) => box.width > width + 0.5 || box.right > width + 0.5 || box.left < -0.5)
  .map(([e, box]) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(box.width)} px`)"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def with_word(text):
    """text with the long word in the middle of it."""
    words = text.split(" ")
    return " ".join([*words[: len(words) // 2], WORD, *words[len(words) // 2 :]])


@pytest.fixture(scope="module")
def long_word_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("long-words")
    project = copy_project(root / "project")
    quiz_file = project / "docs/data/quiz.yml"
    quiz = yaml.safe_load(quiz_file.read_text(encoding="utf-8"))
    # The whole bank, in order: the first question, which holds the word, shows first
    quiz[QUIZ_NAME].pop("draw", None)
    question = quiz[QUIZ_NAME]["questions"][0]
    question["prompt"] = with_word(question["prompt"])
    for option in question.get("options") or []:
        option["text"] = with_word(option["text"])
    quiz_file.write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False), "utf-8")
    lists_file = project / "docs/data/checklists.yml"
    lists = yaml.safe_load(lists_file.read_text(encoding="utf-8"))
    checklist = lists[HELPER_LIST]
    checklist["title"] = with_word(checklist["title"])
    checklist["items"][0]["text"] = with_word(checklist["items"][0]["text"])
    checklist["items"][0]["details"] = with_word(checklist["items"][0].get("details") or "Katso")
    lists_file.write_text(yaml.safe_dump(lists, allow_unicode=True, sort_keys=False), "utf-8")
    page = project / "docs" / TABLE_PAGE
    text = page.read_text(encoding="utf-8")
    table = f"| Sana | Selitys |\n|---|---|\n| {WORD} | Pitkä yhdyssana. |\n"
    page.write_text(f"{text}\n{table}", "utf-8")
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture
def phone(open_page, long_word_site):
    def _open(source, width=WIDTH):
        return open_page(
            long_word_site + page_url(source),
            viewport={"width": width, "height": 740},
            is_mobile=True,
            has_touch=True,
        ).page

    return _open


def overflow(page, selector):
    """([elements too wide], whether the page scrolls sideways)."""
    component = page.locator(selector).first
    assert WORD in component.inner_text() or component.locator("textarea").count()
    too_wide = component.evaluate(TOO_WIDE, WIDTH)
    scrolls = page.evaluate("document.documentElement.scrollWidth > innerWidth")
    return too_wide, scrolls


def test_a_long_word_wraps_in_the_quiz(phone):
    page = phone(page_calling("quiz(").source)
    assert overflow(page, ".handbook-quiz") == ([], False)


def test_a_long_word_wraps_in_a_checklist(phone):
    page = phone(page_calling(f'checklist("{HELPER_LIST}")').source)
    assert overflow(page, f'[data-checklist="{HELPER_LIST}"]') == ([], False)


def test_a_long_word_wraps_in_the_decision_helper(phone):
    page = phone(page_calling("posting_helper(").source)
    page.get_by_label("Kyllä").first.check()
    assert overflow(page, ".handbook-posting-helper") == ([], False)


def test_a_long_word_typed_into_the_account_plan_wraps(phone):
    page = phone(page_calling("account_plan_form(").source)
    for field in page.locator(".handbook-account-plan :is(input, textarea)").all():
        field.fill(f"{WORD} {WORD}")
    assert overflow(page, ".handbook-account-plan") == ([], False)


def test_a_long_word_wraps_in_a_table(phone):
    page = phone(TABLE_PAGE)
    assert overflow(page, ".md-typeset table >> nth=-1") == ([], False)


@pytest.mark.parametrize("width", [320, 360, 412])
def test_ordinary_words_in_a_table_stay_whole(phone, width):
    """The page's own table of three columns is wider than a 320 px screen
    and scrolls in its own box, as before: its words are not broken to make
    it fit (a line may still break after a hyphen)."""
    page = phone(TABLE_PAGE, width)
    assert page.locator(".md-typeset table").first.evaluate(SPLIT_WORDS) == []


@pytest.mark.parametrize("word", ORDINARY_LONG_WORDS)
def test_an_ordinary_long_word_in_a_table_stays_whole(phone, word):
    page = phone(TABLE_PAGE)
    table = page.locator(".md-typeset table").last
    table.locator("td").first.evaluate("(cell, word) => { cell.textContent = word }", word)
    assert table.evaluate(SPLIT_WORDS) == []
