"""The search's Finnish word data (handbook/lemmas.py, hooks/search.py):
made at build time from the words of the search index with Voikko, saved
beside the index, fetched by search-fi.js only when the reader searches."""

import json
import os

import pytest
from helpers import ROOT

from builders import internals
from handbook import lemmas

VOIKKO = lemmas.analyser()
# CI installs Voikko (.ci/run); a machine without it builds a site whose
# search keeps its own stems, and these tests say why they do not run
needs_voikko = pytest.mark.skipif(
    VOIKKO is None and not os.environ.get("CI"),
    reason="Voikko not installed (apt-get install libvoikko1 voikko-fi)",
)


@pytest.fixture(scope="module")
def lookup(site):
    return json.loads((site / "search/lemmas.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site_words(site):
    return set(lemmas.words_of(internals.search_index_texts(site)))


def test_ci_has_voikko():
    """In CI a missing Voikko is a failure, never a skip."""
    assert VOIKKO is not None or not os.environ.get("CI")


@needs_voikko
def test_a_compound_gives_its_parts_and_their_joins():
    keys = lemmas.keys_of("sähköpostiosoitetta", VOIKKO.analyze("sähköpostiosoitetta"))
    assert {"sähköpostiosoite", "sähkö", "posti", "osoite", "sähköposti"} <= keys


@needs_voikko
def test_every_base_form_voikko_gives_leads_to_the_word(lookup, site_words):
    for word in site_words:
        for analysis in VOIKKO.analyze(word):
            base = analysis["BASEFORM"].lower()
            if base != word:
                assert word in lookup[base], (word, base)


@needs_voikko
def test_the_lookup_leads_only_to_words_on_the_pages(lookup, site_words):
    assert lookup
    assert {word for words in lookup.values() for word in words} <= site_words


@needs_voikko
def test_every_part_of_a_compound_on_the_pages_leads_to_it(lookup, site_words):
    compounds = 0
    for word in site_words:
        for analysis in VOIKKO.analyze(word):
            parts = lemmas._parts(analysis.get("WORDBASES", ""))
            compounds += bool(parts)
            for part in parts:
                if len(part) >= lemmas.MIN_PART:
                    assert word in lookup[part], (word, part)
    assert compounds


def test_without_voikko_no_word_data_is_written_and_the_build_goes_on(tmp_path, monkeypatch):
    from hooks import search

    (tmp_path / "search").mkdir()
    (tmp_path / internals.SEARCH_INDEX).write_text('{"docs": []}')
    monkeypatch.setattr(lemmas, "analyser", lambda: None)
    search.on_post_build({"site_dir": str(tmp_path)})
    assert not (tmp_path / search.LOOKUP).exists()


def test_the_readme_says_how_to_install_voikko():
    assert "libvoikko1 voikko-fi" in (ROOT / "README.md").read_text(encoding="utf-8")
