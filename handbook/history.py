"""The guideline's approved versions and what changed, rule by rule, from
git: no history is kept by hand.

An approved version is an annotated git tag `ohje-<version>` (ohje-2.0)
whose message's first line is the approval ("Hyväksytty
kaupunginhallituksessa 1.2.2027"); its date is the tag's. The
communications team makes one when a version is approved (MUOKKAUSOHJE.md).

A rule is a paragraph or list item with an id in a guideline page's marked
text (between the guideline markers), known by page and id
("yksityishenkilona.md#oma-tyo") and named by the heading it is under. Each
version's rules are read from its pages as the site reads them (Markdown to
HTML to text), so a line break moved in the Markdown is no change. Between
two versions a rule is added, removed, reworded, or only corrected in its
wording: a change of punctuation or capital letters, or a typo fixed (every
changed word one letter away from what it was, both at least TYPO_MIN_LENGTH
letters, the difference before the word's ending: "julkaisemista" for
"julkaisemsita"; "on" for "ei" or "sivuilta" for "sivuilla" is a change of
meaning). When unsure it is a change: a reader is rather told once too
often. Text outside the markers (tools, tips, headings added for
navigation) is no rule and never listed.

Each rule also has a version for readers (`Rule.seen_as`): a hash of its
text when its meaning last changed, kept through wording-only corrections,
so a returning reader is told of a changed rule but not of a comma.

Reading costs three git calls whatever the number of versions and pages
(rev-parse: is the history whole; for-each-ref: the tags; cat-file --batch:
every page at every tag); a block of a page's text is read once however
many versions share it. Without full history (an exported archive, a
shallow clone, no git) or without a marked version, there is nothing to
compare: `read` says which, and the site says what it cannot know rather
than guess.
"""

import datetime
import difflib
import hashlib
import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

import markdown
from selectolax.lexbor import LexborHTMLParser

from handbook import dates, gate, text
from handbook import pages as page_checks
from handbook.problems import Problems

TAG_PREFIX = "ohje-"
# Both words of a one-letter correction are at least this long: in shorter
# words one letter often changes the meaning (on/ei, saa/saat)
TYPO_MIN_LENGTH = 5
# ... and differ before their last three letters, where Finnish endings are
ENDING = 3
ADDED, REMOVED, REWORDED, WORDING = "added", "removed", "reworded", "wording"
# Why a build has no history to show (History.unknown)
NO_GIT, SHALLOW, NO_VERSIONS = "no-git", "shallow", "no-versions"

# What the change history page and the editors' check call each change,
# and say when there is no history
KINDS = {
    ADDED: "Uusi kohta",
    REMOVED: "Poistettu kohta",
    REWORDED: "Muutettu kohta",
    WORDING: "Kirjoitusasun korjaus",
}
UNKNOWN = {
    NO_GIT: "Sivusto on rakennettu ilman versiohistoriaa (esimerkiksi pakatusta kopiosta), "
    "joten ohjeen hyväksyttyjä versioita ja niiden muutoksia ei voi näyttää.",
    SHALLOW: "Sivusto on rakennettu kopiosta, jossa on vain osa versiohistoriaa, joten ohjeen "
    "hyväksyttyjä versioita ja niiden muutoksia ei voi näyttää.",
    NO_VERSIONS: "Ohjeen hyväksyttyjä versioita ei ole vielä merkitty versiohistoriaan, "
    "joten muutoksia ei voi näyttää.",
}


@dataclass(frozen=True)
class Rule:
    page: str
    id: str
    heading: str
    text: str

    @property
    def key(self):
        return f"{self.page}#{self.id}"


@dataclass
class Change:
    """One rule's change between two versions; old/new: [(kind, text)] with
    kind "same", "removed" or "added", the words marked."""

    kind: str
    rule: Rule  # the new rule, or the old one if removed
    old: list = field(default_factory=list)
    new: list = field(default_factory=list)


@dataclass
class Version:
    name: str  # "2.0"; "" for the published text not yet approved
    approval: str
    date: str  # ISO date of the tag
    rules: dict  # {key: Rule}, in page order
    changes: list  # [Change] since the version before (none for the first)


@dataclass
class History:
    versions: list  # [Version], oldest first; the last may be unapproved
    rules: dict  # {key: Rule} of the guideline as published now
    seen_as: dict  # {rule key: hash of its text when its meaning last changed}
    unknown: str = ""  # NO_GIT, SHALLOW or NO_VERSIONS: why there are no versions

    @property
    def approved(self):
        return [version for version in self.versions if version.name]

    @property
    def unapproved(self):
        """The published text's changes since the latest approved version
        (a Version named ""), or None."""
        return self.versions[-1] if self.versions and not self.versions[-1].name else None


def read(project, sections=None):
    """The history of the guideline (a handbook.Project): its marked
    versions, and its pages now as the site publishes them, saved or not.
    sections: {page.md: {id: heading}} of the pages now, if the content
    layer has read them already (handbook.Content.sections)."""
    docs_dir, guideline_pages = Path(project.docs_dir), project.guideline_pages
    reader = _RuleReader(guideline_pages, project.markdown_extensions, project.markdown_configs)
    current = {
        page: text.clean((docs_dir / page).read_text(encoding="utf-8"))
        for page in guideline_pages
        if (docs_dir / page).is_file()
    }
    tags, unknown = _tags(docs_dir, guideline_pages)
    reader.read_all([current, *(pages for *_, pages in tags)])
    now = {
        key: replace(rule, heading=sections[rule.page].get(rule.id, ""))
        if sections and rule.page in sections
        else reader.named(rule, current)
        for key, rule in reader.rules(current).items()
    }
    versions, texts = [], []
    for name, approval, date, pages in tags:
        rules = reader.rules(pages)
        versions.append(Version(name, approval, date, rules, compare(versions, rules)))
        texts.append(pages)
    if versions and _differs(versions[-1].rules, now):
        versions.append(Version("", "", "", now, compare(versions, now)))
        texts.append(current)
    # A changed rule is named as it is now; a removed one as it was
    for number, version in enumerate(versions):
        for change in version.changes:
            change.rule = now.get(change.rule.key) or reader.named(
                change.rule, texts[number - 1 if change.kind == REMOVED else number]
            )
    return History(
        versions, now, seen_as(versions, now), "" if versions else unknown or NO_VERSIONS
    )


def _differs(old, new):
    return [(key, rule.text) for key, rule in old.items()] != [
        (key, rule.text) for key, rule in new.items()
    ]


def compare(versions, rules):
    """[Change] from the last of versions to rules (nothing for the first)."""
    if not versions:
        return []
    old = versions[-1].rules
    changes = [
        Change(REMOVED, rule, old=[("removed", rule.text)])
        for key, rule in old.items()
        if key not in rules
    ]
    for key, rule in rules.items():
        if key not in old:
            changes.append(Change(ADDED, rule, new=[("added", rule.text)]))
        elif old[key].text != rule.text:
            before, after = marked_words(old[key].text, rule.text)
            kind = WORDING if wording_only(old[key].text, rule.text) else REWORDED
            changes.append(Change(kind, rule, before, after))
    order = {}
    for key in [*rules, *old]:
        order.setdefault(key, len(order))
    return sorted(changes, key=lambda change: order[change.rule.key])


def seen_as(versions, now):
    """{key: hash} of each rule now: of its text when its meaning last
    changed, through the versions and on to now."""
    meaning = {}
    for rules in [*(version.rules for version in versions), now]:
        meaning = {
            key: meaning[key]
            if key in meaning and meaning[key][-1] == rule.text
            else meaning[key][0:1] + (rule.text,)
            if key in meaning and wording_only(meaning[key][-1], rule.text)
            else (rule.text,)
            for key, rule in rules.items()
        }
    return {key: _hash(texts[0]) for key, texts in meaning.items() if key in now}


def _hash(value):
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]


# Words and what is between them, so that the marked text reads as written
_TOKENS = re.compile(r"\w+|\W+")
_WORD = re.compile(r"\w")


def _words(value):
    return _TOKENS.findall(value)


def marked_words(old, new):
    """Both texts as [(kind, text)]: "same" runs and the words "removed"
    from old / "added" to new."""
    a, b = _words(old), _words(new)
    before, after = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            before.append(("same", "".join(a[i1:i2])))
            after.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            before.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            after.append(("added", "".join(b[j1:j2])))
    return _joined(before), _joined(after)


def _joined(parts):
    """Neighbours of one kind joined; the spaces around a marked piece
    left unmarked, so that only words are marked."""
    spaced = []
    for kind, piece in parts:
        if kind == "same":
            spaced.append((kind, piece))
            continue
        words = piece.strip()
        start = piece.index(words) if words else len(piece)
        spaced += [("same", piece[:start]), (kind, words), ("same", piece[start + len(words) :])]
    joined = []
    for kind, piece in spaced:
        if not piece:
            continue
        if joined and joined[-1][0] == kind:
            joined[-1] = (kind, joined[-1][1] + piece)
        else:
            joined.append((kind, piece))
    return joined


def wording_only(old, new):
    """Is the change only in punctuation, capitals or spaces, or typos
    corrected (each changed word one letter away, TYPO_MIN_LENGTH)?"""
    a = [word.lower() for word in _words(old) if _WORD.search(word)]
    b = [word.lower() for word in _words(new) if _WORD.search(word)]
    if len(a) != len(b):
        return False
    return all(x == y or _one_letter_apart(x, y) for x, y in zip(a, b, strict=True))


def _one_letter_apart(x, y):
    """One letter wrong, missing, extra, or two neighbours swapped, before
    the word's last ENDING letters (a Finnish case ending one letter
    apart, sivuilla/sivuilta, is another meaning)."""
    if min(len(x), len(y)) < TYPO_MIN_LENGTH or abs(len(x) - len(y)) > 1:
        return False
    pairs = enumerate(zip(x, y, strict=False))
    start = next((i for i, (p, q) in pairs if p != q), min(len(x), len(y)))
    if start >= max(len(x), len(y)) - ENDING:
        return False
    if len(x) == len(y):
        return x[start + 1 :] == y[start + 1 :] or (
            x[start : start + 2] == y[start : start + 2][::-1] and x[start + 2 :] == y[start + 2 :]
        )
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    return longer[start + 1 :] == shorter[start:]


# Between two blocks read in one conversion (a comment: its own block)
_PART = "<!-- handbook-part -->"
# A part holding any of these is read whole: raw HTML, fenced code, link
# references and a table of contents tie blocks together that _blocks would
# read apart
_READ_WHOLE = ("<", "```", "~~~", "]:", "[TOC]")
# What Markdown counts as an empty line: nothing but spaces and tabs (a
# no-break space pasted from a word processor is text to it)
_BLANK = " \t"


def _blocks(part):
    """A marked part cut where Markdown itself starts afresh, so that a
    version that changes one paragraph of a part reads only that paragraph
    again: before a line at the margin, after an empty line, that starts a
    paragraph or a heading (a letter, a quote mark, ( or #). A list item, a quote
    or an indented line there can continue what came before, and stays with
    it. The cuts change no rule: tests read every page both ways."""
    if any(mark in part for mark in _READ_WHOLE):
        return [part]
    blocks, lines = [], part.split("\n")
    start = 0
    for number in range(1, len(lines)):
        first = lines[number][:1]
        starts = first and (first.isalpha() or first in '#"”“(')
        if starts and not lines[number - 1].strip(_BLANK):
            if "\n".join(lines[start:number]).strip(_BLANK + "\n"):
                blocks.append("\n".join(lines[start:number]))
                start = number
    blocks.append("\n".join(lines[start:]))
    return blocks


def _text(node):
    return " ".join(node.text(deep=True).split())


def _rules_in(blocks):
    """[(id, text)] of the rules in a marked part's blocks. Guideline text
    with no id of its own belongs to a rule beside it, so that a change to
    it is a change to that rule: a list under "voivat olla joko" to the rule
    before it, a lead-in ("Muista seuraavat asiat:") before any rule to the
    first rule after it. Headings are not rules."""
    rules, lead = [], ""
    for block in blocks:
        if block.tag in page_checks.HEADINGS or block.tag == "-comment":
            continue
        inside = [block] if "id" in block.attributes else block.css("[id]")
        inside = [node for node in inside if node.tag not in page_checks.HEADINGS]
        if inside:
            rules += [[node.attributes["id"], _text(node)] for node in inside]
            if lead:
                rules[-len(inside)][1] = f"{lead} {rules[-len(inside)][1]}"
                lead = ""
        elif rules:
            rules[-1][1] += f" {_text(block)}"
        else:
            lead = f"{lead} {_text(block)}".strip()
    return [tuple(rule) for rule in rules]


class _RuleReader:
    """The rules of the guideline's pages, with one Markdown converter.
    Each block of a marked part (between the guideline markers, cut by
    _blocks) is read once however many versions share it; a rule is named
    by the heading it is under, read from the whole page (headings outside
    the marked text too), only for the pages a rule is named from."""

    def __init__(self, guideline_pages, extensions, configs):
        self.pages = guideline_pages
        self.converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self.parts, self.blocks, self.headings = {}, {}, {}

    def read_all(self, versions):
        """Every marked part of versions ([{page.md: Markdown}]) read, at once."""
        self._read_parts(
            [
                part
                for pages in versions
                for _, part in self._marked(pages)
                if part not in self.parts
            ]
        )

    def _marked(self, pages):
        return [
            (page, part.split(gate.GUIDELINE_END)[0])
            for page in self.pages
            if pages.get(page) is not None
            for part in page_checks.FRONT_MATTER.sub("", pages[page], count=1).split(
                gate.GUIDELINE_START
            )[1:]
        ]

    def rules(self, pages):
        """{key: Rule} of {page.md: Markdown} (a page missing has none),
        not yet named (heading "")."""
        marked = self._marked(pages)
        self._read_parts([part for _, part in marked if part not in self.parts])
        return {
            f"{page}#{rule_id}": Rule(page, rule_id, "", rule_text)
            for page, part in marked
            for rule_id, rule_text in self.parts[part]
        }

    def named(self, rule, pages):
        """The rule with the heading it is under in pages ({page.md: Markdown})."""
        text = pages.get(rule.page) or ""
        if (rule.page, text) not in self.headings:
            self.headings[rule.page, text] = self._headings(text)
        return replace(rule, heading=self.headings[rule.page, text].get(rule.id, ""))

    def _html(self, text):
        # In a <div>, so that what comes first stays in order
        return LexborHTMLParser(f"<div>{self.converter.reset().convert(text)}</div>").css_first(
            "div"
        )

    def _read_parts(self, parts):
        """[(id, text)] of each part's rules into self.parts, its blocks
        read by _read_blocks."""
        parts = [part for part in dict.fromkeys(parts) if part not in self.parts]
        blocks = {part: _blocks(part) for part in parts}
        self._read_blocks([block for part in parts for block in blocks[part]])
        for part in parts:
            self.parts[part] = _rules_in(
                [node for block in blocks[part] for node in self.blocks[block]]
            )

    def _read_blocks(self, blocks):
        """The HTML nodes of each block not yet read into self.blocks: all in
        one conversion, each block between PART comments (one by one if a
        block does not end where it began)."""
        blocks = [block for block in dict.fromkeys(blocks) if block not in self.blocks]
        if not blocks:
            return
        pieces = [[]]
        for node in self._html(f"\n\n{_PART}\n\n".join(blocks)).iter(include_text=False):
            if node.tag == "-comment" and node.html == _PART:
                pieces.append([])
            else:
                pieces[-1].append(node)
        if len(pieces) != len(blocks):
            pieces = [list(self._html(block).iter(include_text=False)) for block in blocks]
        self.blocks.update(zip(blocks, pieces, strict=True))

    def _headings(self, text):
        """{id: the heading it is under} on a page."""
        headings, heading = {}, ""
        body = page_checks.FRONT_MATTER.sub("", text, count=1)
        for node in self._html(body).css("h1, h2, h3, h4, h5, h6, [id]"):
            if node.tag in page_checks.HEADINGS:
                heading = page_checks.heading_text(node)
            else:
                headings[node.attributes["id"]] = heading
        return headings


def _tags(docs_dir, guideline_pages):
    """([(version, approval, ISO date, {page.md: Markdown or None})], why
    none): every annotated ohje-* tag, by version number."""
    try:
        lines = dates.git(docs_dir, "rev-parse", "--is-shallow-repository", "--show-prefix")
        shallow, prefix = (lines.decode().splitlines() + [""])[:2]
        if shallow != "false":
            return [], SHALLOW
        listed = dates.git(
            docs_dir,
            "for-each-ref",
            "--sort=v:refname",
            "--format=%(objecttype)%00%(refname:strip=2)%00%(creatordate:short)%00%(contents:subject)",
            f"refs/tags/{TAG_PREFIX}*",
        )
    except (OSError, subprocess.CalledProcessError):
        return [], NO_GIT
    tags = [
        (kind, tag, date, subject.strip())
        for kind, tag, date, subject in (
            line.split("\0") for line in listed.decode("utf-8", "replace").splitlines()
        )
    ]
    _check_tags(tags)
    tags = [(tag, date, subject) for _, tag, date, subject in tags]
    if not tags:
        return [], NO_VERSIONS
    wanted = [(tag, page) for tag, _, _ in tags for page in guideline_pages]
    batch = "".join(f"{tag}:{prefix}{page}\n" for tag, page in wanted).encode("utf-8")
    blobs = _batch(dates.git(docs_dir, "cat-file", "--batch", stdin=batch), len(wanted))
    pages = {}
    for (tag, page), blob in zip(wanted, blobs, strict=True):
        pages.setdefault(tag, {})[page] = blob
    return [
        (tag.removeprefix(TAG_PREFIX), subject, date, pages[tag]) for tag, date, subject in tags
    ], ""


# A version: numbers with dots between (2, 2.0, 2.0.1)
VERSION_NAME = re.compile(r"\d+(\.\d+)*")
WHERE = "versiohistoria"
REMAKE = (
    "tee tagi uudelleen samaan committiin ja lähetä se: git tag -a -f {tag} {tag}^{{}} "
    '-m "<hyväksyntä: kuka hyväksyi ja milloin>" ja git push -f origin {tag} '
    "(MUOKKAUSOHJE.md, kohta 2)"
)


def _check_tags(tags):
    """Each ohje-* tag marks a version: annotated, named by a version
    number, its message the approval; otherwise the build stops."""
    problems = Problems()
    for kind, tag, _, subject in tags:
        remake = REMAKE.format(tag=tag)
        if kind != "tag":
            problems.add(
                WHERE,
                "tagi on kevyt (ilman viestiä), joten se ei kerro, kuka ohjeen hyväksyi ja "
                f"milloin; {remake}",
                item=tag,
            )
        elif not VERSION_NAME.fullmatch(tag.removeprefix(TAG_PREFIX)):
            problems.add(
                WHERE,
                f"tagin nimen pitää olla muotoa {TAG_PREFIX}<versionumero>, esimerkiksi "
                f"{TAG_PREFIX}2.0; nimeä se uudelleen: git tag -a {TAG_PREFIX}<versio> {tag}^{{}} "
                f'-m "<hyväksyntä>", git tag -d {tag}, git push origin {TAG_PREFIX}<versio> ja '
                f"git push --delete origin {tag}",
                item=tag,
            )
        elif not subject:
            problems.add(
                WHERE,
                "tagin viestin ensimmäisen rivin pitää olla ohjeen hyväksyntä, mutta rivi on "
                f"tyhjä; {remake}",
                item=tag,
            )
    problems.raise_any()


def _batch(output, count):
    """The texts `git cat-file --batch` gave, None for a missing one."""
    texts, at = [], 0
    for _ in range(count):
        end = output.index(b"\n", at)
        header = output[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            texts.append(None)
            continue
        size = int(header[2])
        texts.append(text.clean(output[at : at + size].decode("utf-8", "replace")))
        at += size + 1
    return texts


# What the templates are given: plain values (for Jinja and MiniJinja alike)

UNAPPROVED_ANCHOR = "uusimmat-muutokset"


def version_anchor(version):
    return f"versio-{version.name.replace('.', '-')}" if version.name else UNAPPROVED_ANCHOR


def change_anchor(version, rule):
    return f"{version_anchor(version)}-{rule.page.removesuffix('.md').replace('/', '-')}-{rule.id}"


def as_data(history, rule_url):
    """The history for the change history page, newest version first;
    rule_url(key): the address of a rule that is in the guideline now."""
    versions = []
    for version in reversed(history.versions):
        versions.append(
            {
                "name": version.name,
                "approval": version.approval.rstrip("."),
                "date": dates.finnish(datetime.date.fromisoformat(version.date))
                if version.date
                else "",
                "anchor": version_anchor(version),
                "rules": len(version.rules),
                "first": version is history.versions[0],
                "changes": [
                    {
                        "kind": change.kind,
                        "label": KINDS[change.kind],
                        "key": change.rule.key,
                        "page": change.rule.page,
                        "id": change.rule.id,
                        "heading": change.rule.heading,
                        "anchor": change_anchor(version, change.rule),
                        "url": rule_url(change.rule.key)
                        if change.rule.key in history.rules
                        else "",
                        "old": [list(piece) for piece in change.old],
                        "new": [list(piece) for piece in change.new],
                    }
                    for change in version.changes
                ],
            }
        )
    return {"unknown": UNKNOWN.get(history.unknown, ""), "versions": versions}


def last_changes(history):
    """{rule key: anchor of the newest change of its meaning} on the history page."""
    anchors = {}
    for version in history.versions:
        for change in version.changes:
            if change.kind != WORDING:
                anchors[change.rule.key] = change_anchor(version, change.rule)
    return anchors
