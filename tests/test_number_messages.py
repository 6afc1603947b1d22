"""A number field (pass_mark, draw, a page's search boost) written as text
that holds a number ("80 %", "12 kpl", "0,5", "80" in quotes) is answered
with the number as it should be written. The broken cases
quiz-pass-mark-with-unit, quiz-draw-in-quotes and front-matter-decimal-comma
show the messages in a build."""

import pytest
from helpers import editors_data

from handbook import pages, schema


def quiz_messages(**fields):
    """The schema's messages for the real first quiz with fields set."""
    name, quiz = next(iter(editors_data("quiz").items()))
    data = {name: {**quiz, **fields}}
    return [schema.finnish(error) for error in schema.validator("quiz").iter_errors(data)]


@pytest.mark.parametrize(
    "written, fix",
    [
        ("80 %", "kirjoita pelkkä luku ilman yksikköä tai muuta tekstiä: pass_mark: 80"),
        ("80%", "kirjoita pelkkä luku ilman yksikköä tai muuta tekstiä: pass_mark: 80"),
        ("80 prosenttia", "kirjoita pelkkä luku ilman yksikköä tai muuta tekstiä: pass_mark: 80"),
        ("noin 80", "kirjoita pelkkä luku ilman yksikköä tai muuta tekstiä: pass_mark: 80"),
        ("80", "kirjoita luku ilman lainausmerkkejä: pass_mark: 80"),
    ],
)
def test_a_whole_number_written_as_text_is_answered_with_the_number(written, fix):
    assert quiz_messages(pass_mark=written) == [
        f"kentän 'pass_mark' pitää olla kokonaisluku; {fix}"
    ]


@pytest.mark.parametrize("written", ["kahdeksankymmentä", "80,5", "1–100", "80 tai 90"])
def test_text_without_one_whole_number_gets_no_number_offered(written):
    assert quiz_messages(pass_mark=written) == ["kentän 'pass_mark' pitää olla kokonaisluku"]


def test_a_count_with_a_unit_is_answered_with_the_count():
    assert quiz_messages(draw="12 kpl") == [
        "kentän 'draw' pitää olla kokonaisluku; kirjoita pelkkä luku ilman yksikköä tai "
        "muuta tekstiä: draw: 12"
    ]


@pytest.mark.parametrize(
    "written, fix",
    [
        ("0,5", "kirjoita desimaalit pisteellä: boost: 0.5"),
        ("0,5 %", "kirjoita pelkkä luku ilman yksikköä tai muuta tekstiä: boost: 0.5"),
        ("2", "kirjoita luku ilman lainausmerkkejä: boost: 2"),
    ],
)
def test_a_decimal_number_written_as_text_is_answered_with_the_number(written, fix):
    errors = list(pages.FRONT_MATTER_KEYS.iter_errors({"search": {"boost": written}}))
    assert [schema.finnish(error) for error in errors] == [f"kentän 'boost' pitää olla luku; {fix}"]


def test_numbers_written_as_numbers_are_fine():
    assert quiz_messages(pass_mark=80, draw=1) == []
