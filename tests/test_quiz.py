"""The self-check quiz is made by macros from docs/data/quiz.yml: a
semantic form whose questions read well without JavaScript, each answer
and explanation in a <details> below its question."""

import re
from collections import Counter
from urllib.parse import urljoin

import markupsafe
import pytest
from helpers import ROOT, quiz_asked, quiz_on_site, text_of

from handbook.inline import InlineMarkdown
from hooks.assets import minify
from macros import template_environment

QUIZ_PAGE, QUIZ_NAME, QUIZ = quiz_on_site()
QUESTIONS = QUIZ["questions"]
PASS_MARK = QUIZ["pass_mark"]


@pytest.fixture(scope="module")
def quiz_html(site):
    source = (site / QUIZ_PAGE.path / "index.html").read_text(encoding="utf-8")
    return re.search(r'<form class="handbook-quiz".*?</form>', source, re.S).group(0)


def question_html(quiz_html, question_id):
    return re.search(
        rf'<li class="handbook-quiz__question" id="quiz-{QUIZ_NAME}--{question_id}".*?</li>',
        quiz_html,
        re.S,
    ).group(0)


def test_bank_has_questions_of_all_three_types():
    assert set(Counter(q["type"] for q in QUESTIONS)) == {"single", "multiple", "truefalse"}


def test_questions_test_the_confidentiality_and_loyalty_page():
    """The quiz's page promises questions on confidentiality and loyalty (how
    many is the editors' call)."""
    assert any(q["rule"].startswith("salassapitovelvollisuus.md#") for q in QUESTIONS)


def test_pass_mark_and_question_count_are_stated(quiz_html):
    assert f'data-pass-mark="{PASS_MARK}"' in quiz_html
    asked = quiz_asked(QUIZ)
    count = (
        f"Jokaisella kerralla {asked} kysymystä {len(QUESTIONS)} kysymyksen joukosta, "
        "jokaisesta ohjeen osasta."
        if asked < len(QUESTIONS)
        else f"{len(QUESTIONS)} kysymystä."
    )
    assert f"{count} Hyväksymisraja on {PASS_MARK} % oikeista vastauksista." in quiz_html


def test_questions_come_in_the_order_of_the_data(quiz_html):
    shown = re.findall(
        r'<li class="handbook-quiz__question"[^>]* data-question="([^"]+)"', quiz_html
    )
    assert shown == [q["id"] for q in QUESTIONS]


@pytest.mark.parametrize("question", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_question_is_a_fieldset_with_legend_and_labelled_inputs(quiz_html, question):
    html = question_html(quiz_html, question["id"])
    legend = re.search(r"<fieldset>\s*<legend><span data-prompt>(.*?)</span>", html, re.S)
    assert legend and text_of(legend.group(1)) == question["prompt"]
    kind = "checkbox" if question["type"] == "multiple" else "radio"
    inputs = re.findall(r'<input type="(\w+)" name="[^"]+" id="([^"]+)"', html)
    expected = 2 if question["type"] == "truefalse" else len(question["options"])
    assert len(inputs) == expected
    for input_type, input_id in inputs:
        assert input_type == kind
        assert f'<label for="{input_id}">' in html


@pytest.mark.parametrize("question", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_answer_and_explanation_wait_in_details_with_a_link_to_the_rule(site, quiz_html, question):
    html = question_html(quiz_html, question["id"])
    details = re.search(
        r"<details class=\"handbook-quiz__answer\">.*?</details>", html, re.S
    ).group(0)
    if question["type"] == "truefalse":
        correct = ["Totta" if question["answer"] else "Tarua"]
    else:
        correct = [o["text"] for o in question["options"] if o.get("correct")]
    answers = [answer.rstrip(".") for answer in correct]
    if len(answers) == 1:
        expected = f"Oikea vastaus: {answers[0]}."
    else:
        expected = f"Oikeat vastaukset: {', '.join(answers[:-1])} ja {answers[-1]}."
    assert expected in text_of(details)
    assert question["explanation"] in text_of(details)
    href = re.search(r'<a href="([^"]+)">Lue ohjeesta', details).group(1)
    path, _, anchor = (
        urljoin("http://site/" + QUIZ_PAGE.path, href).removeprefix("http://site/").partition("#")
    )
    assert anchor == question["rule"].partition("#")[2]
    assert f'id="{anchor}"' in (site / path / "index.html").read_text(encoding="utf-8")


def test_without_javascript_nothing_is_hidden_but_the_js_controls(quiz_html):
    # data-js-only: shown only when scripts run (handbook.css)
    assert re.search(r'class="handbook-quiz__progress" data-js-only', quiz_html)
    assert re.search(r"data-summary hidden", quiz_html)
    assert len(re.findall(r'class="handbook-quiz__actions" data-js-only', quiz_html)) == len(
        QUESTIONS
    )
    assert not re.search(r'<li class="handbook-quiz__question"[^>]* hidden', quiz_html)


def test_html_or_jinja_in_a_question_comes_out_as_text():
    question = {
        "id": "x",
        "type": "truefalse",
        "prompt": "<script>alert(1)</script> {{ 7*7 }}",
        "answer": True,
        "options": None,
        "explanation": "<b>selitys</b>",
        "rule": "salassapitovelvollisuus.md#luottamuksellisuus",
    }
    quiz = {
        "title": "T",
        "pass_mark": 80,
        "shuffle_questions": False,
        "shuffle_options": False,
        "questions": [question],
    }
    texts = InlineMarkdown(["attr_list"], {})
    templates = template_environment(ROOT / "overrides")
    templates.filters["markdown"] = lambda text: markupsafe.Markup(texts.html(text))
    html = templates.get_template("quiz.html").render(
        name="q",
        quiz=quiz,
        rule_url=lambda rule: "../x/#y",
        rule_address=lambda rule: "../x/#y",
        rule_title=lambda rule: "Sivu",
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "&lt;b&gt;selitys&lt;/b&gt;" in html
    assert "<script>" not in html


def test_quiz_script_and_style_as_served_fit_the_17_kb_budget():
    """Measured as the bundles serve them (minified by hooks/assets.py), not
    as written: comments cost the reader nothing. (16 KB until the re-check
    of changed rules came, ~0.9 KB.)"""
    assets = ROOT / "overrides/assets"
    files = ["javascripts/quiz.js", "javascripts/storage.js", "stylesheets/quiz.css"]
    size = sum(
        len(minify(name, (assets / name).read_text(encoding="utf-8")).encode()) for name in files
    )
    assert size <= 17 * 1024, f"quiz.js + storage.js + quiz.css, minified = {size} bytes"
