"""The build holds the guideline pages to the approved text
(docs/data/hyvaksytty-ohje.yml, handbook/approved.py): the real pages pass,
one letter changed in any approved sentence is named on its line, and what
does not change the text as read (a line break moved, bold, a soft hyphen)
passes. The messages are asserted exactly below (how the approved text
file itself may be broken: tests/broken/guideline-*)."""

import re
import shutil

import pytest
import yaml
from helpers import GUIDELINE_PAGES, ROOT
from mkdocs.config import load_config

from handbook import Problems, Project, approved, content
from handbook.pages import FRONT_MATTER, read_pages

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
PROJECT = Project(
    docs_dir=ROOT / "docs",
    templates_dir=ROOT / "overrides/handbook",
    guideline_pages=GUIDELINE_PAGES,
    markdown_extensions=CONFIG["markdown_extensions"],
    markdown_configs=CONFIG["mdx_configs"],
)
REFERENCE = yaml.safe_load((ROOT / "docs" / approved.FILE.path).read_text(encoding="utf-8"))
SENTENCES = [
    (source, sentence.strip())
    for source, sentences in REFERENCE.items()
    for sentence in sentences.splitlines()
    if sentence.strip()
]


def problems_in(docs):
    """The approved-text check's messages for a docs folder."""
    problems = Problems()
    pages = [page for page in read_pages(docs, problems) if page.ok]
    guideline = content._guideline_parts(pages, PROJECT.guideline_pages, problems)
    approved.check(docs, pages, guideline, PROJECT, problems)
    return [str(problem) for problem in problems]


@pytest.fixture
def docs(tmp_path):
    return shutil.copytree(ROOT / "docs", tmp_path / "docs")


def written(text, sentence):
    """The sentence as written in a page's Markdown (its line breaks kept),
    after the front matter."""
    body = FRONT_MATTER.match(text).end()
    return re.compile(r"\s+".join(map(re.escape, sentence.split()))).search(text, body)


def changed_page(text, sentence, change):
    """The page with change(word) made to the longest word of the sentence."""
    found = written(text, sentence)
    word = max(re.finditer(r"\w+", found.group(0)), key=lambda match: len(match.group(0)))
    start, end = found.start() + word.start(), found.start() + word.end()
    return text[:start] + change(word.group(0)) + text[end:]


def line_of(text, sentence):
    """The line of a page's Markdown where the sentence starts."""
    return text[: written(text, sentence).start()].count("\n") + 1


def test_the_real_pages_are_the_approved_text():
    assert problems_in(ROOT / "docs") == []


@pytest.mark.parametrize("source, sentence", SENTENCES)
def test_one_letter_changed_in_any_approved_sentence_is_named_on_its_line(docs, source, sentence):
    page = docs / source
    text = page.read_text(encoding="utf-8")
    changes = []

    def one_letter(word):
        changes.append(word[:-1] + ("x" if word[-1] != "x" else "y"))
        return changes[0]

    page.write_text(changed_page(text, sentence, one_letter), encoding="utf-8")
    found = problems_in(docs)
    assert len(found) == 1, found
    assert found[0].startswith(
        f"docs/{source}, rivi {line_of(text, sentence)}: hyväksytyn ohjeen virke on muuttunut"
    )
    assert f"hyväksytty teksti on '{sentence}'" in found[0]
    assert changes[0] in found[0].split("hyväksytty teksti on")[0]


def test_a_line_break_moved_and_bold_are_no_change(docs):
    source, sentence = next((s, t) for s, t in SENTENCES[1:] if len(t.split()) > 4)
    page = docs / source
    text = page.read_text(encoding="utf-8")
    first, second, rest = sentence.split(" ", 2)
    page.write_text(
        text.replace(written(text, sentence).group(0), f"{first}\n**{second}** {rest}", 1),
        encoding="utf-8",
    )
    assert problems_in(docs) == []


def test_a_soft_hyphen_inside_an_approved_word_is_no_change(docs):
    source, sentence = SENTENCES[-1]
    page = docs / source
    text = page.read_text(encoding="utf-8")
    page.write_text(
        changed_page(text, sentence, lambda word: word[:3] + "\u00ad" + word[3:]), encoding="utf-8"
    )
    assert problems_in(docs) == []


# The messages, exact. Made here from the real pages rather than kept as
# copies of them under tests/broken/, so that a new approved version of the
# guideline needs no change to the tests.
SHOWN = f"docs/{approved.FILE.path}"
NEW_VERSION = (
    f"tai jos ohjeesta on hyväksytty uusi versio, päivitä samassa muutoksessa tiedosto {SHOWN}; "
    "viestintä merkitsee uuden version versiohistoriaan git-tagilla (MUOKKAUSOHJE.md, kohta 2)"
)
# A sentence of the body (not a page's title) with words enough to change
BODY = [(s, t) for s, t in SENTENCES if len(t.split()) > 5 and SENTENCES.index((s, t)) > 0]


def reference_line(sentence):
    lines = (ROOT / SHOWN).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip() == sentence)


def line_of_end(text, sentence):
    return text[: written(text, sentence).end()].count("\n") + 1


def test_a_changed_sentence_is_quoted_beside_the_approved_one_with_the_ways_forward(docs):
    source, sentence = BODY[len(BODY) // 2]
    page = docs / source
    text = page.read_text(encoding="utf-8")
    word = max(re.findall(r"\w+", sentence), key=len)
    now = sentence.replace(word, word[:-1] + "x", 1)
    page.write_text(changed_page(text, sentence, lambda w: w[:-1] + "x"), encoding="utf-8")
    assert problems_in(docs) == [
        f"docs/{source}, rivi {line_of(text, sentence)}: hyväksytyn ohjeen virke on muuttunut: "
        f"sivulla on nyt '{now}', hyväksytty teksti on '{sentence}' ({SHOWN}, rivi "
        f"{reference_line(sentence)}); palauta hyväksytty teksti, {NEW_VERSION}"
    ]


def followed_in_its_paragraph(source, sentence):
    """Whether more of the paragraph follows the sentence on its page (so
    that deleting it leaves the paragraph)."""
    text = (ROOT / "docs" / source).read_text(encoding="utf-8")
    return re.match(r"[ \n]\w", text[written(text, sentence).end() :]) is not None


def test_a_deleted_sentence_is_quoted_with_its_place_and_the_ways_forward(docs):
    source, sentence = next((s, t) for s, t in reversed(BODY) if followed_in_its_paragraph(s, t))
    before = SENTENCES[SENTENCES.index((source, sentence)) - 1][1]
    page = docs / source
    text = page.read_text(encoding="utf-8")
    found = written(text, sentence)
    page.write_text(text[: found.start()] + text[found.end() :], encoding="utf-8")
    [message] = problems_in(docs)
    assert message.startswith(
        f"docs/{source}, rivi {line_of_end(text, before)}: hyväksytyn ohjeen virke puuttuu "
        f"sivulta: '{sentence}' ({SHOWN}, rivi {reference_line(sentence)}); sen paikka on "
        f"virkkeen '{' '.join(before.split()[:3])}"
    )
    assert message.endswith(f" jälkeen; palauta se, {NEW_VERSION}")


def test_an_added_sentence_is_quoted_with_the_ways_forward(docs):
    source, sentence = SENTENCES[-1]
    page = docs / source
    text = page.read_text(encoding="utf-8")
    end = written(text, sentence).end()
    added = "Kysy epäselvissä tapauksissa esimieheltä."
    page.write_text(f"{text[:end]} {added}{text[end:]}", encoding="utf-8")
    assert problems_in(docs) == [
        f"docs/{source}, rivi {line_of_end(text, sentence)}: ohjeen tekstiin on lisätty teksti, "
        f"jota hyväksytyssä ohjeessa ei ole: '{added}'; se muuttaa hyväksyttyä ohjetta: poista "
        "se, tai jos se on sivuston oma lisäys, siirrä se ohjeen tekstin merkintöjen "
        "(<!-- ohjeen teksti alkaa --> … <!-- ohjeen teksti päättyy -->) ulkopuolelle, "
        f"{NEW_VERSION}"
    ]
