"""The whole guideline is on the site, sentence by sentence, in correct
Finnish: nothing dropped, and nothing left of the OCR. The approved text is
docs/data/hyvaksytty-ohje.yml, which the build itself holds the pages to
(handbook/approved.py; tests/broken/guideline-sentence-*); it changes only
with a new approved version of the guideline (MUOKKAUSOHJE.md). These tests
look at the built site: each page and the printable handbook."""

import re

import pytest
import yaml
from helpers import GUIDELINE_PAGES, PAGES, ROOT, page_calling, page_text, page_url

from handbook import approved


def approved_guideline() -> dict:
    """{page.md: [its sentences in order]} from the reference file."""
    reference = yaml.safe_load((ROOT / "docs" / approved.FILE.path).read_text(encoding="utf-8"))
    return {
        source: [line.strip() for line in sentences.splitlines() if line.strip()]
        for source, sentences in reference.items()
    }


GUIDELINE = approved_guideline()

# Forms the OCR produced (../shared/seed/README.md gives the first ones)
OCR_RESIDUE = [
    "kayttéon",
    "yleis64a",
    "Tydbaikana",
    "kayttaa",
    "tyontekijan",
    "tyévalineena",
    "henkild",
    "Kaytté6n",
    "myds",
    "viestinnasta",
    "paivityksissasi",
    "esiintymien",
    "¢",
    "é",
    "“",
]


def site_text(site):
    """Every page's text but the editorial note's, which quotes the original."""
    return " ".join(page_text(site, page.path) for page in PAGES if page.source != editorial_page())


def in_order(text, sentences):
    """The sentences not found in text after the one before them."""
    missing, position = [], 0
    for sentence in sentences:
        found = text.find(sentence, position)
        if found == -1:
            missing.append(sentence)
        else:
            position = found + len(sentence)
    return missing


def test_reference_file_names_the_guideline_pages():
    assert GUIDELINE and all(GUIDELINE.values())
    assert set(GUIDELINE) == set(GUIDELINE_PAGES)


@pytest.mark.parametrize("source", list(GUIDELINE))
def test_every_sentence_of_the_guideline_is_on_its_page_in_order(site, source):
    assert in_order(page_text(site, page_url(source)), GUIDELINE[source]) == []


@pytest.mark.parametrize("residue", OCR_RESIDUE)
def test_no_ocr_residue(site, residue):
    assert residue not in site_text(site)


def test_no_word_is_written_without_its_umlauts(site):
    """A word with ä or ö must not also appear folded to a and o
    (käyttää / kayttaa), which is what the OCR did everywhere."""
    words = set(re.findall(r"\w+", site_text(site).lower()))
    folded = {w.translate(str.maketrans("äöå", "aoa")) for w in words if re.search("[äöå]", w)}
    assert sorted(words & folded) == []


def test_no_digit_inside_a_word(site):
    assert re.findall(r"[^\W\d_]+\d+[^\W\d_]+", site_text(site)) == []


def test_printable_handbook_holds_every_sentence_in_order(site):
    text = page_text(site, page_calling("whole_guideline(").path)
    sentences = [sentence for source in GUIDELINE_PAGES for sentence in GUIDELINE[source]]
    assert in_order(text, sentences) == []


def test_printable_handbook_states_its_date_once_at_the_top(site):
    text = page_text(site, page_calling("whole_guideline(").path)
    dates = re.findall(r"Sivun sisältöä muutettu viimeksi \d{1,2}\.\d{1,2}\.\d{4}\.", text)
    assert len(dates) == 1
    first_sentence = GUIDELINE[GUIDELINE_PAGES[0]][1]  # [0] is the title
    assert text.index(dates[0]) < text.index(first_sentence)


def editorial_page():
    """The page with the table of corrections ('Alkuperäisessä | Sivustolla')."""
    return next(
        page.source
        for page in PAGES
        if "| Alkuperäisessä | Sivustolla |"
        in (ROOT / "docs" / page.source).read_text(encoding="utf-8")
    )


def editorial_corrections():
    """(original, corrected) rows of the corrections table on the editorial page."""
    source = editorial_page()
    rows = [
        line.strip("|").split("|")
        for line in (ROOT / "docs" / source).read_text(encoding="utf-8").splitlines()
        if line.startswith("|") and not line.startswith(("| Alkuperäisessä", "|---"))
    ]
    return [(original.strip(), corrected.strip()) for original, corrected, _ in rows]


@pytest.mark.parametrize("original, corrected", editorial_corrections())
def test_every_correction_listed_on_the_editorial_page_is_in_the_guideline(
    site, original, corrected
):
    text = page_text(site, page_calling("whole_guideline(").path)
    for part in corrected.split("…"):
        assert part.strip() in text
    if original.lower() != corrected.lower():
        assert " ".join(part.strip() for part in original.split("…")) not in text


@pytest.mark.parametrize("source", GUIDELINE_PAGES)
def test_headings_the_site_adds_are_marked_and_left_out_of_the_printout(site, source):
    """A heading outside the marked guideline text is the site's: it carries
    .handbook-added on a guideline page and is not in the printable guideline."""
    text = (ROOT / "docs" / source).read_text(encoding="utf-8")
    printout = page_text(site, page_calling("whole_guideline(").path)
    outside = re.split(
        r"<!-- ohjeen teksti alkaa -->.*?<!-- ohjeen teksti päättyy -->", text, flags=re.S
    )
    for part in outside:
        for title, attributes in re.findall(r"^##+ (.+?) \{([^}]*)\}$", part, re.M):
            if "handbook-added" in attributes:
                assert title not in printout
