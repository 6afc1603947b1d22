"""Whatever YAML an editor (or anyone with write access) puts in a data file
or a page's front matter, handbook/yamlfile.load gives data or Finnish
problems with a line, never a Python exception: tags, nesting that would
exhaust the stack, values the safe constructor refuses. The broken cases
(tests/broken/yaml-*, page-front-matter-tag) show the same in a build."""

import datetime
import subprocess
import sys
import textwrap

import pytest
import yaml
from helpers import ROOT

from handbook import yamlfile
from handbook.problems import Problems

TAGGED = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/object/new:os.system ['touch {marker}']",
    "!ENV [HOME]",
    "!include muu.yml",
    "!!binary aGVsbG8=",
    "!!str 12",
    "!!timestamp 2026-13-45",
    "!!set {{a}}",
    "!oma teksti",
    "! teksti",
    "!Tärkeää muista tämä",
    "!Huom, muista tämä",
]


@pytest.fixture(params=["C", "Python"])
def either_parser(request, monkeypatch):
    """The test runs with PyYAML's C parser and again with its pure-Python
    one: their errors differ, the editors' message must not."""
    if request.param == "Python":
        monkeypatch.setattr(yamlfile, "SafeLoader", yaml.SafeLoader)
    return request.param


def load(text):
    problems = Problems()
    data, _ = yamlfile.load(text, "docs/data/checklists.yml", problems)
    return data, [str(problem) for problem in problems]


@pytest.mark.parametrize("value", TAGGED)
def test_a_tag_is_refused_on_its_line_and_never_run(value, tmp_path):
    marker = tmp_path / "ran"
    value = value.format(marker=marker)
    data, problems = load(f"virka:\n  title: Otsikko\n  text: {value}\n")
    written = value.split(" ")[0].rstrip(",")
    assert data is None
    assert problems == [
        f"docs/data/checklists.yml, rivi 3: YAML-tageja (tässä '{written}') ei käytetä; jos "
        "teksti alkaa huutomerkillä (!), laita koko teksti lainausmerkkeihin"
    ]
    assert not marker.exists()


def test_text_that_starts_with_an_exclamation_mark_is_fine_in_quotes():
    assert load('text: "!Tärkeää: muista tämä"\nmuu: teksti !tässä\n') == (
        {"text": "!Tärkeää: muista tämä", "muu": "teksti !tässä"},
        [],
    )


def nested(depth):
    return "a: " + "[" * depth + "]" * depth + "\n"


def test_twenty_levels_are_read_and_the_twenty_first_is_refused():
    assert load(nested(19))[1] == []  # the mapping around them is the first level
    data, problems = load(nested(20))
    assert data is None
    assert problems == [
        "docs/data/checklists.yml, rivi 1: luetteloita ja kenttiä on sisäkkäin yli 20 tasoa "
        "(tavallisesti enintään 5); tarkista sisennykset ja hakasulkeet, tai jos teksti alkaa "
        "[ tai {, laita koko teksti lainausmerkkeihin"
    ]


@pytest.mark.parametrize(
    "text",
    [
        nested(490_000),  # the C composer's stack: a segfault
        "- " * 490_000 + "x\n",  # block lists in one line
        "a:\n" + "".join(" " * level + "b:\n" for level in range(1, 1300)),  # indented fields
        "a: " + "{b: " * 240_000 + "\n",  # an unclosed flow mapping
    ],
    ids=["brackets", "dashes", "indents", "unclosed"],
)
def test_nesting_is_refused_before_anything_recursive_runs(text):
    """In a process of its own: before the check, the first one crashed
    Python (PyYAML's C composer recursing on the C stack)."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from handbook import yamlfile
        from handbook.problems import Problems
        problems = Problems()
        data, _ = yamlfile.load(sys.stdin.read(), "f.yml", problems)
        print(data, *problems, sep="\\n")
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], input=text, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines()[0] == "None"
    assert "sisäkkäin yli 20 tasoa" in result.stdout


def test_the_real_files_are_far_from_the_limit():
    for path in sorted((ROOT / "docs/data").glob("*.yml")):
        assert load(path.read_text(encoding="utf-8"))[1] == [], path


@pytest.mark.parametrize(
    "value, message",
    [
        ("2026-13-45", "'2026-13-45' ei ole oikea päivämäärä"),
        ("2026-02-30", "'2026-02-30' ei ole oikea päivämäärä"),
        ("2026-01-01 25:00:00", "'2026-01-01 25:00:00' ei ole oikea päivämäärä"),
        ("=", "arvoa '=' ei voi lukea"),
        ("9" * 5000, "arvoa '" + "9" * 30 + "…' ei voi lukea"),
    ],
)
def test_a_value_the_safe_constructor_refuses_is_named_on_its_line(value, message):
    data, problems = load(f"virka:\n  title: Otsikko\n  text: {value}\n")
    assert data is None
    assert len(problems) == 1
    assert problems[0].startswith(f"docs/data/checklists.yml, rivi 3: {message}")
    assert problems[0].endswith("laita koko teksti lainausmerkkeihin")


def test_a_merge_key_without_a_mapping_is_named():
    assert load("a: 1\n<<: 3\n")[1] == [
        "docs/data/checklists.yml, rivi 2: arvoa '<<' ei voi lukea, koska YAML tulkitsee sen "
        "luvuksi tai erikoismerkinnäksi; laita koko teksti lainausmerkkeihin"
    ]


@pytest.mark.parametrize(
    "text, line", [("[Huom]: teksti\n", 1), ("a: 1\n{b: 1}: teksti\n", 2), ("? [a]\n: b\n", 1)]
)
def test_a_list_as_a_field_name_is_named(text, line):
    assert load(text) == (
        None,
        [
            f"docs/data/checklists.yml, rivi {line}: tekstin alussa on [ tai {{, jolloin YAML "
            "odottaa luetteloa; laita koko teksti lainausmerkkeihin"
        ],
    )


def test_plain_values_are_read_as_today():
    """Only explicit tags are refused: YAML's own reading of plain values
    (numbers, yes/no, dates) stays as the build has always had it."""
    assert load("a: 2026-01-01\nb: 80\nc: true\nd: ~\ne: 1.5\nf: teksti\n") == (
        {"a": datetime.date(2026, 1, 1), "b": 80, "c": True, "d": None, "e": 1.5, "f": "teksti"},
        [],
    )


@pytest.mark.parametrize(
    "text, line, quote",
    [
        ('a:\n  text: "Kirjoita "tämä" näin: näin"\n  rule: x\n', 2, '"'),
        ('a:\n  text: "Virkaprofiili" tarkoittaa profiilia\n  rule: x\n', 2, '"'),
        ("a:\n  text: 'Kaupungin 'oma' tili'\n  rule: x\n", 2, "'"),
        ("a:\n  text: 'Virka' tarkoittaa\n", 2, "'"),
        ('a:\n  - "Virka" tarkoittaa\n  - b\n', 2, '"'),
        ('a:\n  - text: "Virka" tarkoittaa\n    correct: true\n', 2, '"'),
        ('a:\n  text: "Virka": tarkoittaa\n', 2, '"'),
        ('a:\n  text: "Pitkä teksti\n    "Virka" tarkoittaa"\n  rule: x\n', 3, '"'),
        ('title: "Virka" ohje', 1, '"'),
    ],
)
def test_a_quote_mark_that_ends_a_quoted_text_early_is_named(text, line, quote, either_parser):
    """YAML ends a quoted text at its next quote mark; the words after it
    are no indentation or dash mistake, whichever parser reads them."""
    assert load(text) == (
        None,
        [f"docs/data/checklists.yml, rivi {line}: {yamlfile.ENDED_EARLY[quote]}"],
    )


def test_quote_marks_written_as_the_message_says_are_read():
    assert load(
        "a: 'Kirjoita \"tämä\" näin: näin'\n"
        'b: "Kirjoita ”tämä” näin: näin"\n'
        "c: 'Kaupungin ''oma'' tili'\n"
        "d: \"Kaupungin 'oma' tili\"\n"
        'e: "Virka" # kommentti\n'
    ) == (
        {
            "a": 'Kirjoita "tämä" näin: näin',
            "b": "Kirjoita ”tämä” näin: näin",
            "c": "Kaupungin 'oma' tili",
            "d": "Kaupungin 'oma' tili",
            "e": "Virka",
        },
        [],
    )


def test_a_quoted_field_name_followed_by_text_is_not_taken_for_a_quoted_text():
    assert load('"a" b: c\n')[1] == [
        "docs/data/checklists.yml, rivi 1: sisennys on eri kuin viereisillä riveillä, tai "
        "luettelon kohdan alusta puuttuu viiva (-)"
    ]


@pytest.mark.parametrize(
    "value, character",
    [
        ("* Muista tämä", "*"),
        ("& muut", "&"),
        ("> Lainaus ohjeesta", ">"),
        ("| putki", "|"),
        ("? Kysymys", "?"),
        ("@naantali", "@"),
        ("`koodi`", "`"),
        ("%-osuus", "%"),
    ],
)
def test_a_text_that_starts_with_a_yaml_mark_is_named_by_the_mark(value, character, either_parser):
    assert load(f"a:\n  text: {value}\n  rule: x\n")[1] == [
        f"docs/data/checklists.yml, rivi 2: teksti ei voi alkaa merkillä {character}; laita "
        "koko teksti lainausmerkkeihin"
    ]


@pytest.mark.parametrize("marker", ["---", "..."])
def test_a_line_that_splits_the_file_in_parts_is_named(marker, either_parser):
    assert load(f"a:\n  text: x\n{marker}\nb:\n  text: y\n")[1] == [
        f"docs/data/checklists.yml, rivi 3: rivi {marker} jakaa YAML-tiedoston osiin, ja tässä "
        "tiedostossa saa olla vain yksi osa; poista rivi, tai jos se kuuluu tekstiin, laita koko "
        "teksti lainausmerkkeihin"
    ]


def test_a_backslash_before_x_or_u_in_quotes_is_named_as_a_backslash(either_parser):
    assert load('a: "C:\\x4 ja C:\\u12"\n')[1] == [
        "docs/data/checklists.yml, rivi 1: lainausmerkkien sisällä on kenoviiva (\\); kirjoita se "
        "kahdesti (\\\\) tai käytä heittomerkkejä '...'"
    ]


def test_a_tab_that_starts_a_line_is_named_as_a_tab(either_parser):
    assert load("a:\n\ttext: x\n")[1] == [
        "docs/data/checklists.yml, rivi 2: rivillä on sarkain (tabulaattori); käytä "
        "sisennyksissä välilyöntejä"
    ]


def test_block_texts_and_marks_inside_a_text_are_read():
    assert load("a: |\n  rivi 1\n  rivi 2\nb: >\n  yksi\n  rivi\nc: teksti * & | > ? @ %\n") == (
        {"a": "rivi 1\nrivi 2\n", "b": "yksi rivi\n", "c": "teksti * & | > ? @ %"},
        [],
    )
