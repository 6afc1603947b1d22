"""The content gate's rules (handbook/gate.py) that no broken fixture
holds: the only comments a page may hold are the two guideline markers
exactly, and every image and attachment type is checked by its content,
not only by its name."""

import pytest

from handbook import gate
from handbook.problems import Problems

# The words inside each marker comment, as the gate compares them
MARKER_WORDS = [marker[4:-3].strip() for marker in (gate.GUIDELINE_START, gate.GUIDELINE_END)]
# Every type docs/ may hold besides pages: images and attachments
BINARY_SUFFIXES = [suffix for suffix, (what, _) in gate.FILE_TYPES.items() if what != "sivu"]


def comment_findings(html):
    return [
        finding.what
        for finding in gate.editor_findings(html)
        if finding.what.startswith("HTML-kommentti")
    ]


def test_the_two_guideline_markers_are_allowed_comments():
    assert comment_findings(f"{gate.GUIDELINE_START}\n<p>Teksti</p>\n{gate.GUIDELINE_END}") == []


@pytest.mark.parametrize("words", MARKER_WORDS)
def test_a_comment_that_only_holds_a_markers_words_is_refused(words):
    assert len(comment_findings(f"<p>Teksti</p><!-- {words}: luonnos, ei julkaista -->")) == 1


@pytest.mark.parametrize("suffix", BINARY_SUFFIXES)
def test_a_file_whose_content_is_not_of_its_type_is_refused(tmp_path, suffix):
    docs = tmp_path / "docs"
    (docs / "liitteet").mkdir(parents=True)
    (docs / f"liitteet/tiedosto{suffix}").write_bytes(b"<html><script>alert(1)</script></html>")
    problems = Problems()
    gate.docs_files(docs, problems)
    assert [problem.file for problem in problems] == [f"docs/liitteet/tiedosto{suffix}"]
    assert problems[0].message.startswith(f"tiedosto ei ole sisällöltään {suffix[1:].upper()}-")


def test_an_editors_html_may_not_carry_inline_style():
    """The policy (style-src 'self') would drop it: the page would not
    look as its editor saw it."""
    found = [finding.what for finding in gate.editor_findings('<p style="color: red">Teksti</p>')]
    assert found == ["elementin <p> määre style= ei ole sallittu"]


@pytest.mark.parametrize("identifier", ["kohta.2", "kohta-Ä", "kohta:sivu"])
def test_an_id_that_starts_well_but_goes_on_with_other_characters_is_refused(identifier):
    found = [finding.what for finding in gate.editor_findings(f'<p id="{identifier}">Teksti</p>')]
    assert found == [f"tunniste '{identifier}' ei käy"]
