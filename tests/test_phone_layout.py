"""On a 320–360 px phone: no label wraps under its radio or checkbox (quiz,
checklists, decision helper), and after "Tarkista" the question, the
reader's choice and the verdict are in view, and so is the focused button."""

import pytest
import yaml
from helpers import PAGES, ROOT, SUB_PATH

pytestmark = pytest.mark.browser

TOTAL = len(
    yaml.safe_load((ROOT / "docs/data/quiz.yml").read_text(encoding="utf-8"))["perehdytys"][
        "questions"
    ]
)
WIDTHS = [320, 360]

# For every input with a label: how far any line of the label reaches left
# of the control's right edge (0 or less: the label keeps beside it)
LABEL_OVERLAP = """inputs => inputs.filter(input => input.offsetParent).map(input => {
  const box = input.getBoundingClientRect()
  const lines = [...input.labels[0].getClientRects()]
  return [input.id, Math.max(...lines.map(line => box.right - line.left))]
})"""


@pytest.fixture
def phone(open_page, servers):
    """A phone-sized page: a path of the site, or a whole address."""

    def _open(path, width, **options):
        return open_page(
            path if path.startswith("http") else servers[SUB_PATH] + path,
            viewport={"width": width, "height": 740},
            is_mobile=True,
            has_touch=True,
            **options,
        ).page

    return _open


def under_controls(page, selector):
    overlaps = page.locator(selector).evaluate_all(LABEL_OVERLAP)
    assert overlaps, f"no {selector} on the page"
    return [input_id for input_id, overlap in overlaps if overlap > 0]


@pytest.mark.parametrize("width", WIDTHS)
def test_quiz_option_labels_stay_beside_their_controls(phone, width):
    # Without JavaScript every question shows at once
    page = phone("itsearviointi/", width, java_script_enabled=False)
    assert under_controls(page, ".handbook-quiz__option input") == []


@pytest.mark.parametrize("width", WIDTHS)
def test_checklist_labels_stay_beside_their_boxes(phone, width):
    page = phone("ennen-julkaisua/", width)
    assert under_controls(page, ".handbook-checklist input") == []


@pytest.mark.parametrize("width", WIDTHS)
def test_decision_helper_labels_stay_beside_their_radios(phone, width):
    page = phone("ennen-julkaisua/", width)
    page.get_by_label("Ei, viestin yksityishenkilönä").check()
    assert under_controls(page, ".handbook-posting-helper input") == []


@pytest.mark.parametrize("width", WIDTHS)
def test_after_checking_question_choice_and_verdict_are_in_view(phone, whole_bank, width):
    # Every question of the bank, in one attempt
    page = phone(whole_bank, width)
    header = page.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
    for _ in range(TOTAL):
        question = page.locator("[data-question]:visible")
        choice = question.locator(".handbook-quiz__option:not([data-correct=true]) input").first
        choice.check()
        question.get_by_role("button", name="Tarkista").click()
        legend = question.locator("legend").evaluate("e => e.getBoundingClientRect().top")
        chosen = choice.evaluate("i => i.labels[0].getBoundingClientRect().bottom")
        verdict = question.locator(".handbook-quiz__verdict").evaluate(
            "e => e.getBoundingClientRect().bottom"
        )
        where = question.get_attribute("data-question")
        if verdict - legend <= 740 - header:  # the whole question fits on the screen
            assert legend >= header, f"{where}: the question is under the header"
        assert chosen <= 741 and verdict <= 741, f"{where}: choice or verdict below the screen"
        assert chosen >= header, f"{where}: the choice is under the header"
        # The focused "Seuraava kysymys" is on screen wherever it fits with the
        # question's start (or, for a long question, the reader's choice)
        focused = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        chosen_top = choice.evaluate("i => i.labels[0].getBoundingClientRect().top")
        start = legend if legend >= header else chosen_top
        if focused["bottom"] - start <= 740 - header:
            assert focused["bottom"] <= 741, f"{where}: the focused button is below the screen"
        question.get_by_role("button", name="Seuraava kysymys").click()


# WCAG 1.4.12's text spacing, as a reader's style sheet would set it
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)


@pytest.mark.parametrize("source", PAGES, ids=lambda page: page.source)
def test_with_wider_text_spacing_the_footer_titles_are_not_cut(phone, source):
    """(The header's title, the page's h1 repeated, may still end in "…".)"""
    page = phone(source.path, 320)
    page.add_style_tag(content=TEXT_SPACING)
    cut = page.locator(".md-footer__title .md-ellipsis").evaluate_all(
        "titles => titles.filter(t => t.offsetParent && t.scrollWidth > t.clientWidth + 1)"
        ".map(t => t.textContent.trim())"
    )
    assert cut == []
