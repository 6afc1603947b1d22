"""A typo in a name an editor writes (a rule's page or id, a macro, a
list's name, a field, a link) is answered with the name most likely meant,
and only when one is close: handbook/problems.closest. The broken cases
(tests/broken/*-typo, checklist-rule-on-another-page) show the messages."""

import pytest

from handbook import data
from handbook.problems import Problems, closest

IDS = ["selvat-tavoitteet", "profiilien-tyypit", "kaupungin-sivut"]


@pytest.mark.parametrize(
    "typo",
    [
        "selvt-tavoitteet",  # a letter missing
        "selvaat-tavoitteet",  # one extra
        "selvet-tavoitteet",  # one wrong
        "selvta-tavoitteet",  # two swapped
        "Selvat-Tavoitteet",  # capitals
    ],
)
def test_a_typo_is_answered_with_the_name_meant(typo):
    assert closest(typo, IDS) == "selvat-tavoitteet"


@pytest.mark.parametrize("word", ["tavoitteet", "harkinta", "x", "selvat-tavoitteet"])
def test_a_name_far_from_every_choice_or_among_them_gets_no_answer(word):
    assert closest(word, IDS) is None


def test_a_short_name_allows_one_typo_only():
    assert closest("tli", ["tili"]) == "tili"
    assert closest("ti", ["tili"]) is None


def check(rule, anchors):
    problems = Problems()
    data.check_rule(rule, anchors, "docs/data/checklists.yml", 1, None, problems)
    return [problem.message for problem in problems]


def test_an_id_on_the_same_page_comes_before_the_same_id_on_another_page():
    anchors = {"a.md": {"tyoaikana"}, "b.md": {"tyoaikaa"}}
    assert check("b.md#tyoaikan", anchors)[0].startswith(
        "sivulla b.md ei ole kohtaa '#tyoaikan'; tarkoititko '#tyoaikaa'?"
    )


def test_an_id_found_only_on_another_page_is_offered_with_its_page():
    anchors = {"a.md": {"tyoaikana"}, "b.md": {"muu"}}
    assert check("b.md#tyoaikana", anchors)[0].startswith(
        "sivulla b.md ei ole kohtaa '#tyoaikana'; tarkoititko 'a.md#tyoaikana'?"
    )
