"""The guideline's versions and the change history come from git: real
repositories with approved versions marked as `ohje-<version>` tags and an
editor's changes between them (a rule added, removed, reworded, a typo
fixed, a tool page and a navigation heading changed, a change not yet
approved), built, and the history page, the page facts and `python
macros.py` checked; a shallow clone, an exported archive and a repository
without a marked version build and say what they cannot know.

The rules edited are read from the pages (handbook/history.py's reading of
them), so an editor's change to the guideline never needs a test edit."""

import datetime
import os
import re
import shutil
import subprocess
import sys

import pytest
from helpers import (
    ROOT,
    axe_violations,
    copy_project,
    mkdocs_build,
    mkdocs_config,
    page_calling,
    switchable_site,
)
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser

from handbook import Project, history

APPROVED = "docs/data/hyvaksytty-ohje.yml"
GIT_USER = {
    "GIT_AUTHOR_NAME": "Viestintä",
    "GIT_AUTHOR_EMAIL": "viestinta@example.invalid",
    "GIT_COMMITTER_NAME": "Viestintä",
    "GIT_COMMITTER_EMAIL": "viestinta@example.invalid",
}
TODAY = datetime.date.today()
MARKED = f"Merkitty versiohistoriaan {TODAY.day}.{TODAY.month}.{TODAY.year}."
APPROVALS = {
    "1.0": "Hyväksytty johtoryhmässä 1.2.2025",
    "1.1": "Hyväksytty johtoryhmässä 1.3.2025",
    "2.0": "Hyväksytty kaupunginhallituksessa 1.5.2025",
}
ADDED = ("Tämä on ohjeen uusi kohta.", "uusi-kohta")
GOING = ("Tämä kohta poistetaan seuraavassa versiossa.", "poistuva-kohta")
INSERTED = "ehdottomasti"


def git(repo, *args):
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **GIT_USER},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def rules_of(project_dir):
    """The guideline's history as the build reads it in project_dir."""
    config = load_config(str(project_dir / "mkdocs.yml"))
    return history.read(
        Project(
            docs_dir=project_dir / "docs",
            templates_dir=project_dir / "overrides/handbook",
            guideline_pages=config["extra"]["guideline"]["pages"],
            markdown_extensions=config["markdown_extensions"],
            markdown_configs=config["mdx_configs"],
        )
    )


class Editor:
    """Changes a project's guideline as MUOKKAUSOHJE.md §2 says: the page
    and the approved text (docs/data/hyvaksytty-ohje.yml) together."""

    def __init__(self, project):
        self.project = project
        self.pages = mkdocs_config(project)["extra"]["guideline"]["pages"]

    def read(self, path):
        return (self.project / path).read_text(encoding="utf-8")

    def write(self, path, text):
        (self.project / path).write_text(text, encoding="utf-8")

    def replace(self, path, old, new):
        text = self.read(path)
        assert text.count(old) == 1, (path, old)
        self.write(path, text.replace(old, new))

    def word_of(self, rule, taken):
        """A word of the rule found once in its page and once in the
        approved text, and not among the search synonyms' words (each
        must be in the guideline), so that changing it changes just this
        rule; None if there is none."""
        page = self.read(f"docs/{rule.page}")
        reference = self.read(APPROVED)
        synonyms = self.read("docs/data/synonyms.yml").lower()
        return next(
            (
                word
                for word in re.findall(r"\w{7,}", rule.text)
                if word not in taken
                and word.lower() not in synonyms
                and len(re.findall(rf"\b{word}\b", page)) == 1
                and len(re.findall(rf"\b{word}\b", reference)) == 1
            ),
            None,
        )

    def change_word(self, rule, word, new):
        self.replace(f"docs/{rule.page}", word, new)
        self.replace(APPROVED, word, new)

    def add_rule(self, sentence, rule_id, page=None):
        """A paragraph with an id at the end of a page's guideline text (by
        default the last page's)."""
        page = page or self.pages[-1]
        text = self.read(f"docs/{page}")
        end = text.rindex(history.gate.GUIDELINE_END)
        self.write(
            f"docs/{page}",
            text[:end].rstrip("\n") + f"\n\n{sentence}\n{{: #{rule_id} }}\n\n" + text[end:],
        )
        lines = self.read(APPROVED).split("\n")
        start = lines.index(f"{page}: |")
        last = start
        for number in range(start + 1, len(lines)):
            if lines[number] and not lines[number].startswith(" "):
                break
            if lines[number].strip():
                last = number
        lines.insert(last + 1, "  " + sentence)
        self.write(APPROVED, "\n".join(lines))

    def remove_rule(self, sentence, rule_id):
        self.replace(f"docs/{self.pages[-1]}", f"\n\n{sentence}\n{{: #{rule_id} }}\n", "\n")
        self.replace(APPROVED, f"\n  {sentence}", "")


def swapped(word):
    """The word with two different neighbouring letters swapped in its
    stem, not its ending: a typo."""
    at = next(i for i in range(1, len(word) - 4) if word[i] != word[i + 1])
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A project in git: ohje-1.0, ohje-1.1, ohje-2.0 and a change after it;
    returns (repo, what was changed)."""
    repo = copy_project(tmp_path_factory.mktemp("history") / "project")
    editor = Editor(repo)
    editor.add_rule(*GOING)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Ohje 1.0")
    git(repo, "tag", "-a", "ohje-1.0", "-m", APPROVALS["1.0"])

    edited, words = [], []
    for rule in rules_of(repo).rules.values():
        word = editor.word_of(rule, words)
        if rule.page != editor.pages[-1] and word and len(edited) < 4:
            edited.append(rule)
            words.append(word)
    reworded, typo, later, unapproved = zip(edited, words, strict=True)

    editor.remove_rule(*GOING)
    editor.add_rule(*ADDED)
    editor.change_word(reworded[0], reworded[1], f"{INSERTED} {reworded[1]}")
    editor.change_word(typo[0], typo[1], swapped(typo[1]))
    tool_page = "docs/ennen-julkaisua.md"
    editor.write(tool_page, editor.read(tool_page) + "\nUusi vinkki ennen julkaisua.\n")
    # A heading the site adds for navigation (outside the guideline's text)
    page, heading = next(
        (page, found.group())
        for page in editor.pages
        if (found := re.search(r"^## .+\{#", editor.read(f"docs/{page}"), re.M))
    )
    editor.replace(f"docs/{page}", heading, heading.replace(" {#", " ja muuta {#"))
    git(repo, "commit", "-qam", "Ohje 1.1")
    git(repo, "tag", "-a", "ohje-1.1", "-m", APPROVALS["1.1"])

    editor.change_word(later[0], later[1], f"{INSERTED} {later[1]}")
    git(repo, "commit", "-qam", "Ohje 2.0")
    git(repo, "tag", "-a", "ohje-2.0", "-m", APPROVALS["2.0"])

    editor.change_word(unapproved[0], unapproved[1], f"{INSERTED} {unapproved[1]}")
    git(repo, "commit", "-qam", "Muutos, ei vielä hyväksytty")
    return repo, {
        "reworded": reworded,
        "typo": typo,
        "later": later,
        "unapproved": unapproved,
    }


def built(project, site):
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def site(repository, tmp_path_factory):
    repo, _ = repository
    return built(repo, tmp_path_factory.mktemp("history-site") / "site")


def history_outline(site):
    """The history page as [(h2, approval line, [change])], a change as
    (h3, old text, new text, words marked removed, words marked added)."""
    tree = LexborHTMLParser((site / "muutoshistoria/index.html").read_text(encoding="utf-8"))

    def read(node, marks):
        if node is None:
            return "", []
        marked = [" ".join(mark.text(deep=True).split()) for mark in node.css(marks)]
        for hidden in node.css(".handbook-visually-hidden"):
            hidden.decompose()
        return node.text(deep=True), [
            " ".join(mark.text().split()) for mark in node.css(marks)
        ] or marked

    outline = []
    for version in tree.css(".handbook-history__version"):
        changes = []
        for change in version.css(".handbook-change"):
            texts = change.css(".handbook-change__text")
            by_label = {text.css_first(".handbook-change__label").text(): text for text in texts}
            old = by_label.get("Vanha teksti")
            new = by_label.get("Uusi teksti")
            old_text, removed = read(old.css("p")[1] if old else None, "del")
            new_text, added = read(new.css("p")[1] if new else None, "ins")
            changes.append(
                (change.css_first("h3").text(deep=True), old_text, new_text, removed, added)
            )
        outline.append(
            (
                version.css_first("h2").text(deep=True).removesuffix("¶").strip(),
                version.css_first(".handbook-history__approval").text(deep=True),
                changes,
            )
        )
    return outline


def title(kind, rule):
    return f"{history.KINDS[kind]}: {rule.heading} ({rule.key})"


def test_the_history_page_shows_every_version_and_its_changes_rule_by_rule(repository, site):
    repo, edits = repository
    now = rules_of(repo).rules
    rule = {name: now[edit[0].key] for name, edit in edits.items()}
    added = now[f"{Editor(repo).pages[-1]}#{ADDED[1]}"]
    going = history.Rule(added.page, GOING[1], added.heading, GOING[0])

    def reworded(name):
        word = edits[name][1]
        old = rule[name].text.replace(f"{INSERTED} {word}", word)
        return (title(history.REWORDED, rule[name]), old, rule[name].text, [], [INSERTED])

    typo_word = edits["typo"][1]
    typo_now = rule["typo"].text
    assert history_outline(site) == [
        (
            "Muutokset version 2.0 jälkeen",
            "Julkaistu ohje poikkeaa versiosta 2.0 seuraavasti. "
            "Uutta versiota ei ole vielä merkitty versiohistoriaan.",
            [reworded("unapproved")],
        ),
        ("Versio 2.0", f"{APPROVALS['2.0']}. {MARKED}", [reworded("later")]),
        (
            "Versio 1.1",
            f"{APPROVALS['1.1']}. {MARKED}",
            [
                reworded("reworded"),
                (
                    title(history.WORDING, rule["typo"]),
                    typo_now.replace(swapped(typo_word), typo_word),
                    typo_now,
                    [typo_word],
                    [swapped(typo_word)],
                ),
                (title(history.ADDED, added), "", ADDED[0], [], [ADDED[0]]),
                (title(history.REMOVED, going), GOING[0], "", [GOING[0]], []),
            ],
        ),
        ("Versio 1.0", f"{APPROVALS['1.0']}. {MARKED}", []),
    ]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_history_page_with_marked_words_is_accessible(site, browser, tmp_path, scheme):
    """axe in both palettes, on a page that shows every kind of change."""
    with switchable_site(tmp_path) as (base_url, show):
        show(site)
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(base_url + "muutoshistoria/")
        assert (
            page.locator(".handbook-change del").count()
            and page.locator(".handbook-change ins").count()
        )
        assert axe_violations(page) == []
        context.close()


def test_the_first_version_says_how_many_rules_it_has(repository, site):
    html = (site / "muutoshistoria/index.html").read_text(encoding="utf-8")
    first = html[html.index('id="versio-1-0"') :]
    repo, _ = repository
    count = len(rules_of(repo).versions[0].rules)
    assert f"Ensimmäinen versiohistoriaan merkitty versio. Ohjeen kohtia: {count}." in first


def test_pages_state_the_latest_approved_version_and_that_the_text_is_newer(site):
    facts = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8")).css_first(
        ".handbook-facts"
    )
    text = " ".join(facts.text(deep=True).split())
    assert (
        f"Ohjeen versio 2.0. {APPROVALS['2.0']}. {MARKED} Ohjeen tekstiä on muutettu version "
        "2.0 jälkeen, eikä uutta versiota ole vielä merkitty versiohistoriaan (katso sivu "
        "Ohjeen muutoshistoria)." in text
    )


def test_the_printable_guideline_states_the_version_and_what_it_changed(repository, site):
    repo, edits = repository
    printable = page_calling("whole_guideline(", repo).path
    tree = LexborHTMLParser((site / printable / "index.html").read_text(encoding="utf-8"))
    facts = tree.css_first(".handbook-print-facts")
    later = rules_of(repo).rules[edits["later"][0].key]
    assert f"Ohjeen versio 2.0. {APPROVALS['2.0']}. {MARKED}" in " ".join(
        facts.text(deep=True).split()
    )
    assert [item.text(deep=True) for item in facts.css(".handbook-print-changes li")] == [
        f"{history.KINDS[history.REWORDED]}: {later.heading}"
    ]


def test_a_wording_fix_keeps_the_rules_version_for_readers_and_a_rewording_changes_it(
    repository, tmp_path
):
    repo, edits = repository
    first = tmp_path / "first"
    git(repo, "worktree", "add", "-q", str(first), "ohje-1.0")
    try:
        before, after = rules_of(first).seen_as, rules_of(repo).seen_as
    finally:
        git(repo, "worktree", "remove", "--force", str(first))
    assert after[edits["typo"][0].key] == before[edits["typo"][0].key]
    assert after[edits["reworded"][0].key] != before[edits["reworded"][0].key]


def test_the_quick_check_lists_the_rules_changed_since_the_latest_approved_version(repository):
    repo, edits = repository
    rule = rules_of(repo).rules[edits["unapproved"][0].key]
    output = subprocess.run(
        [sys.executable, "macros.py"], cwd=repo, capture_output=True, text=True
    ).stdout
    assert output.split("\n\n")[-1].strip().splitlines() == [
        "Ohjeen kohdat, jotka ovat muuttuneet viimeisimmän hyväksytyn version 2.0 jälkeen "
        "(1 kpl). Nämä muutokset tulisivat uuteen versioon:",
        f"  {history.KINDS[history.REWORDED]}: {rule.key} ({rule.heading})",
    ]


def test_history_is_read_with_the_same_three_git_calls_however_many_versions(
    repository, monkeypatch
):
    repo, _ = repository
    calls = []
    real = subprocess.run

    def counted(command, *args, **kwargs):
        if command[0] == "git":
            calls.append(command[1])
        return real(command, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counted)
    assert len(rules_of(repo).approved) == 3
    assert calls == ["rev-parse", "for-each-ref", "cat-file"]


@pytest.mark.parametrize("kind", ["shallow", "archive", "no-versions"])
def test_without_history_the_page_says_what_it_cannot_know(repository, tmp_path, kind):
    repo, _ = repository
    copy = tmp_path / "copy"
    if kind == "shallow":
        git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(copy))
        expected = history.UNKNOWN[history.SHALLOW]
    elif kind == "archive":
        copy.mkdir()
        archive = subprocess.run(
            ["git", "archive", "HEAD"], cwd=repo, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(copy)], input=archive, check=True)
        expected = history.UNKNOWN[history.NO_GIT]
    else:
        shutil.copytree(repo, copy)
        for tag in git(copy, "tag").split():
            git(copy, "tag", "-d", tag)
        expected = history.UNKNOWN[history.NO_VERSIONS]
    page = built(copy, tmp_path / "site") / "muutoshistoria/index.html"
    section = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first(".handbook-history")
    assert " ".join(section.text(deep=True).split()) == expected
    facts = " ".join(
        LexborHTMLParser((tmp_path / "site/index.html").read_text(encoding="utf-8"))
        .css_first(".handbook-facts")
        .text(deep=True)
        .split()
    )
    assert "Ohjeen versio" not in facts and "hyväksytty" not in facts


REMAKE = (
    "tee tagi uudelleen samaan committiin ja lähetä se: git tag -a -f {tag} {tag}^{{}} "
    '-m "<hyväksyntä: kuka hyväksyi ja milloin>" ja git push -f origin {tag} '
    "(MUOKKAUSOHJE.md, kohta 2)"
)


@pytest.mark.parametrize(
    "tag,message,expected",
    [
        (
            "ohje-3.0",
            None,
            "versiohistoria (ohje-3.0): tagi on kevyt (ilman viestiä), joten se ei kerro, kuka "
            "ohjeen hyväksyi ja milloin; " + REMAKE.format(tag="ohje-3.0"),
        ),
        (
            "ohje-kevät",
            "Hyväksytty 1.2.2027",
            "versiohistoria (ohje-kevät): tagin nimen pitää olla muotoa ohje-<versionumero>, "
            "esimerkiksi ohje-2.0; nimeä se uudelleen: git tag -a ohje-<versio> ohje-kevät^{} "
            '-m "<hyväksyntä>", git tag -d ohje-kevät, git push origin ohje-<versio> ja '
            "git push --delete origin ohje-kevät",
        ),
        (
            "ohje-3.0",
            "",
            "versiohistoria (ohje-3.0): tagin viestin ensimmäisen rivin pitää olla ohjeen "
            "hyväksyntä, mutta rivi on tyhjä; " + REMAKE.format(tag="ohje-3.0"),
        ),
    ],
    ids=["lightweight", "not-a-version", "no-approval"],
)
def test_a_tag_that_marks_no_version_stops_the_build_naming_it(
    repository, tmp_path, tag, message, expected
):
    repo, _ = repository
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy)
    git(copy, "tag", *(["-a", "-m", message] if message is not None else []), tag)
    result = mkdocs_build(copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"ERROR   -  {expected}" in result.stderr + result.stdout
    output = subprocess.run(
        [sys.executable, "macros.py"], cwd=copy, capture_output=True, text=True
    ).stdout
    assert f"VIRHE: {expected}" in output.splitlines()


@pytest.mark.parametrize(
    "old,new,wording_only",
    [
        ("Käytä harkintaa päivityksissäsi.", "Käytä harkintaa päivityksisäsi.", True),
        ("Käytä harkintaa päivityksissäsi.", "Käytä harkintaa päivitykissäsi.", True),
        ("Käytä harkintaa!", "käytä harkintaa.", True),
        ("Käytä  harkintaa", "Käytä harkintaa", True),
        ("Tieto on julkinen.", "Tieto ei julkinen.", False),
        ("Saa kertoa.", "Saat kertoa.", False),
        (
            "Profiilit päivitetään vapaa-ajalla.",
            "Profiilit päivitetään yleensä vapaa-ajalla.",
            False,
        ),
        ("Kaupungin sivuilla.", "Kaupungin sivuilta.", False),
        ("Kaupungin sivuilla.", "Kaupungin kanavilla.", False),
    ],
)
def test_only_spelling_punctuation_and_one_letter_typos_count_as_wording(old, new, wording_only):
    assert history.wording_only(old, new) is wording_only


def test_the_real_project_builds_its_history_from_its_own_repository():
    found = rules_of(ROOT)
    assert found.rules and set(found.seen_as) == set(found.rules)


TRICKY_PARTS = [
    # a loose list: items apart stay one list, the id on the item's paragraph
    "Muista:\n{: #muista }\n\n- yksi\n\n- kaksi\n  {: #kaksi }\n\nLoppu.\n{: #loppu }",
    # a lead-in, a heading and a paragraph that continues a list item
    "Ensin tämä:\n\n## Otsikko\n\nSääntö.\n{: #saanto }\n\n1. kohta\n\n    jatkuu\n\nUusi.",
    # an admonition, a quote, and text after them at the margin
    '!!! note "Huom"\n\n    Sisällä.\n\n> Lainaus\n\n> jatkuu\n\n'
    "”Lainattu” sääntö.\n{: #lainattu }",
    # raw HTML and a link reference tie blocks together: read whole
    "<div markdown>\n\nSisällä.\n{: #sisalla }\n\n</div>\n\nKatso [ohje][o].\n\n[o]: #x",
    "Alku *korostus\n\njatkuu* ja `koodi`\n{: #koodi }\n\n```\nkoodia\n\nlisää\n```",
    # two empty lines: what follows still continues the list, the quote, the note
    "Muista:\n{: #muista }\n\n- yksi\n\n\n- kaksi\n  {: #kaksi }\n\n> Lainaus\n\n\n> jatkuu\n"
    '{: #a }\n\n!!! note "Huom"\n    Sisällä.\n\n\n    Lisää.\n    {: #s }',
    # a line holding a no-break space is no empty line to Markdown
    "Nolla\n{: #z }\n\nEka\n\xa0\nToka\n{: #b }\n\n- kohta\n- toinen\n\u2003\nJatkuu\n{: #c }",
    # a table of contents lists the headings of every block
    "Sääntö.\n{: #a }\n\n[TOC]\n\n## Otsikko\n\n## Otsikko\n",
]


def _reader():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return history._RuleReader(["sivu.md"], config["markdown_extensions"], config["mdx_configs"])


def _project_parts():
    """{page.md:N: the Nth marked part of a guideline page} of this project."""
    pages = load_config(str(ROOT / "mkdocs.yml"))["extra"]["guideline"]["pages"]
    return {
        f"{page}:{number}": part
        for page in pages
        for number, part in enumerate(
            (ROOT / "docs" / page)
            .read_text(encoding="utf-8")
            .split(history.gate.GUIDELINE_START)[1:]
        )
    }


@pytest.mark.parametrize(
    "part",
    TRICKY_PARTS + list(_project_parts().values()),
    ids=[f"tricky-{number}" for number in range(len(TRICKY_PARTS))] + list(_project_parts()),
)
def test_a_part_read_block_by_block_has_the_rules_it_has_read_whole(part, monkeypatch):
    page = {"sivu.md": f"{history.gate.GUIDELINE_START}\n\n{part}"}
    by_blocks = _reader().rules(page)
    monkeypatch.setattr(history, "_blocks", lambda part: [part])
    assert by_blocks == _reader().rules(page)
