"""The content gate's rules for files (handbook/gate.py), where no broken
fixture can hold the case (a symbolic link, a size, a hidden file) or where
the rule must follow the theme: nothing is read through a link, docs/ has a
size limit, and the names kept for the theme and the build are the ones a
real build writes."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import copy_project, mkdocs_build

from handbook import gate, pages
from handbook.problems import Problems

SECRET = "SALAINEN_ARVO_123"


def quick_check(project):
    return subprocess.run(
        [sys.executable, "macros.py"], cwd=project, capture_output=True, text=True
    )


def test_data_file_that_is_a_link_is_refused_and_never_read(tmp_path):
    """A data file linked to a file outside docs/ (on CI, a secret) is named,
    and nothing of the target reaches the build's output or log."""
    secret = tmp_path / "salaisuus.yml"
    secret.write_text(f"virka:\n  title: {SECRET}\n  items: []\n", encoding="utf-8")
    project = copy_project(tmp_path / "project")
    (project / "docs/data/checklists.yml").unlink()
    (project / "docs/data/checklists.yml").symlink_to(secret)
    result = mkdocs_build(project, tmp_path / "site")
    checked = quick_check(project)
    assert result.returncode != 0 and checked.returncode == 1
    message = (
        "docs/data/checklists.yml: tiedosto on linkki toiseen paikkaan (symbolinen "
        "linkki); sivustolle saa lisätä vain tavallisia tiedostoja: kopioi tiedosto "
        "kansioon docs/ linkin tilalle"
    )
    assert message in result.stderr
    assert checked.stdout.splitlines() == [f"VIRHE: {message}"]
    assert SECRET not in result.stdout + result.stderr + checked.stdout + checked.stderr


def test_a_folder_linked_into_docs_is_refused_and_not_entered(tmp_path):
    outside = tmp_path / "muualla"
    outside.mkdir()
    (outside / "sivu.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    project = copy_project(tmp_path / "project")
    # a name no editor's folder has: docs/kuvat/ may exist (MUOKKAUSOHJE.md)
    (project / "docs/muualta").symlink_to(outside)
    checked = quick_check(project)
    assert checked.stdout.splitlines() == [
        "VIRHE: docs/muualta: tiedosto on linkki toiseen paikkaan (symbolinen linkki); sivustolle "
        "saa lisätä vain tavallisia tiedostoja: kopioi tiedosto kansioon docs/ linkin tilalle"
    ]


def test_docs_over_the_size_limit_is_refused(tmp_path):
    docs = tmp_path / "docs"
    (docs / "liitteet").mkdir(parents=True)
    per_file = gate.MAX_FILE_BYTES - 1
    for number in range(gate.MAX_TOTAL_BYTES // per_file + 1):
        with open(docs / f"liitteet/liite-{number}.pdf", "wb") as file:
            file.write(b"%PDF-1.4\n")
            file.truncate(per_file)
    problems = Problems()
    gate.docs_files(docs, problems)
    assert [str(problem) for problem in problems] == [
        "docs: kansion docs/ tiedostot ovat yhteensä 25.0 Mt, enemmän kuin sallitut 20 Mt; "
        "pienennä kuvia tai julkaise suuret liitteet muualla"
    ]


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    docs = tmp_path / "docs"
    (docs / "liitteet").mkdir(parents=True)
    with open(docs / "liitteet/suuri.pdf", "wb") as file:
        file.write(b"%PDF-1.4\n")
        file.truncate(gate.MAX_FILE_BYTES + 1)
    problems = Problems()
    gate.docs_files(docs, problems)
    assert [str(problem) for problem in problems] == [
        "docs/liitteet/suuri.pdf: tiedosto on liian suuri (yli 5 Mt); pienennä se tai julkaise "
        "se muualla"
    ]


def test_hidden_files_are_left_alone(tmp_path):
    """A file manager's .DS_Store is never published by any builder."""
    docs = tmp_path / "docs"
    (docs / "kuvat").mkdir(parents=True)
    (docs / "kuvat/.DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (docs / "index.md").write_text("# Etusivu\n")
    problems = Problems()
    pages, _ = gate.docs_files(docs, problems)
    assert (list(problems), pages) == ([], [docs / "index.md"])


def test_data_folder_holds_only_data_and_its_schemas(tmp_path):
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "data/quiz.yml").write_text("{}\n")
    (docs / "data/quiz.schema.json").write_text("{}\n")
    problems = Problems()
    gate.docs_files(docs, problems)
    assert [str(problem) for problem in problems] == [
        "docs/data/quiz.schema.json: kansiossa docs/data/ saa olla vain käsikirjan tiedot (.yml); "
        "siirrä tiedosto muualle tai poista se"
    ]


def test_reserved_names_are_what_the_theme_and_the_build_write(site):
    """Every top-level name of a real build that no page of docs/ made is
    in gate.RESERVED, so no file of docs/ can take its place. A theme
    update that writes somewhere new fails here."""
    docs = Path(__file__).resolve().parent.parent / "docs"
    from_docs = {
        path.relative_to(docs).parts[0].removesuffix(".md")
        for path in docs.rglob("*")
        if path.is_file()
    }
    written = {path.name for path in site.iterdir()} - from_docs - {"index.html"}
    assert written == set(gate.RESERVED)


def test_url_schemes_are_read_as_a_browser_reads_them():
    assert [
        gate.url_scheme(value)
        for value in [
            "kuvat/x.png",
            "#kohta",
            " JaVa\tScript:alert(1)",
            "\x01javascript:x",
            "//example.com/x",
            "\\\\example.com/x",
            "/\\example.com",
            "HTTPS://example.com",
            "sivu.md#kohta:2",
        ]
    ] == ["", "", "javascript", "javascript", "//", "//", "//", "https", ""]


def test_editors_html_is_read_as_a_browser_reads_it():
    """Python's html.parser ends a comment at '-->' after '<!-->'; a browser
    ends it at once, so the script that follows is real."""
    findings = [
        finding.what
        for finding in gate.editor_findings('<p>a<!--> <script src="x.js"></script> --></p>')
    ]
    assert "HTML-elementti <script> ei ole sallittu" in findings


def test_page_may_not_add_attributes_to_the_pages_own_body():
    findings = [finding.what for finding in gate.editor_findings('<body onload="x()"><p>a</p>')]
    assert findings == ["HTML-elementti <body> ei ole sallittu"]


def test_symbolic_link_check_covers_folders_on_the_way(tmp_path):
    (tmp_path / "docs/data").mkdir(parents=True)
    target = tmp_path / "muualla"
    target.mkdir()
    (target / "quiz.yml").write_text("{}")
    os.symlink(target, tmp_path / "docs/linkki")
    assert gate.through_link(tmp_path / "docs", tmp_path / "docs/linkki/quiz.yml")
    assert not gate.is_plain_file(tmp_path / "docs", tmp_path / "docs/linkki/quiz.yml")


def test_a_page_markdown_takes_too_long_on_is_refused_in_finnish(monkeypatch):
    """Markdown's time grows with the square of a run of unmatched [: the
    build would hang; the page is given a time and then refused."""
    monkeypatch.setattr(pages, "SECONDS_PER_PAGE", 0.2)
    with pytest.raises(pages.TooComplex) as refused:
        pages.to_html("[" * 20_000, [], {})
    assert str(refused.value) == (
        "sivun muuttaminen HTML:ksi kestäisi yli 0.2 s (esimerkiksi tuhansia merkkejä [ tai < "
        "peräkkäin); poista ne tai kirjoita ne koodina"
    )


def test_a_page_nested_too_deep_is_refused_in_finnish():
    nested = "".join("    " * level + "- kohta\n" for level in range(250))
    with pytest.raises(pages.TooComplex) as refused:
        pages.to_html(nested, [], {})
    assert str(refused.value) == (
        "sivulla on liian monta sisäkkäistä luetteloa tai lohkoa; vähennä sisennyksiä tai jaa "
        "sisältö osiin"
    )


def test_control_characters_in_a_file_name_are_shown_escaped(tmp_path):
    """An ESC sequence in a name could rewrite the line of the terminal or
    CI log the message is read in."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "z\x1b[2K\rOK\nx.txt").write_text("x")
    problems = Problems()
    gate.docs_files(docs, problems)
    assert str(problems[0]).startswith("docs/z\\x1b[2K\\rOK\\nx.txt: tiedostotyyppi '.txt'")


def test_a_time_limit_set_by_someone_else_goes_on_after_a_page_is_made():
    """The page's time limit borrows SIGALRM; a test runner's own, due
    later, is not lost."""
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        pages.to_html("# Otsikko\n\nTeksti.", [], {})
        assert 50 < signal.getitimer(signal.ITIMER_REAL)[0] <= 60
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
