"""The approved guideline text (docs/data/hyvaksytty-ohje.yml) against the
guideline pages: every approved sentence on its page, in order, and nothing
else in the page's guideline text.

The reference holds each guideline page's text one sentence (or list item)
a line, the page's title first. A page's guideline text is its title (its
# heading) and its marked text (between the guideline markers), made into
HTML with the site's Markdown and read back as text, whitespace folded,
invisible characters removed (handbook/text.py): what the reader sees, so
a line break moved in the Markdown is no change, and one letter is.

Every sentence found in order anchors the comparison; between two anchors,
the sentences not found are matched with difflib to the nearest text left
there: a sentence with a near match has been changed (both are quoted), one
without has been removed, and text left over has been added. Each is one
Finnish message on the page's line, with the two ways forward: undo the
change, or, for a new approved version, update the reference in the same
change (the version itself is marked in git: handbook/history.py)."""

import difflib
import itertools
import re

from selectolax.lexbor import LexborHTMLParser

from handbook import data, gate, text
from handbook import pages as page_checks

FILE = data.DataFile("data/hyvaksytty-ohje.yml", "approved-guideline", "sivu")
SHOWN = f"docs/{FILE.path}"
CONFIG = "mkdocs.yml-tiedoston extra: guideline: -kohdan"

# A changed sentence is matched to the page's text at least this close
# (difflib's ratio); below it the sentence is taken as removed
NEAR = 0.6
# Elements that start a line of text: their texts are never one sentence
BLOCKS = {
    *("p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "summary", "blockquote"),
    *("div", "pre", "ul", "ol", "dl", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6"),
}
NEW_VERSION = (
    "tai jos ohjeesta on hyväksytty uusi versio, päivitä samassa muutoksessa tiedosto "
    f"{SHOWN}; viestintä merkitsee uuden version versiohistoriaan git-tagilla "
    "(MUOKKAUSOHJE.md, kohta 2)"
)


def check(docs_dir, pages, guideline, project, problems):
    """The reference read (its schema checked) and compared with the
    guideline pages whose marked text was found (guideline: {page.md: parts})."""
    by_src = {page.src: page for page in pages}
    data.load(
        docs_dir,
        FILE,
        {},
        problems,
        check=lambda approved, lines, file, found: _compare(
            approved, lines, by_src, guideline, project, found
        ),
    )


def _compare(approved, lines, by_src, guideline, project, problems):
    if all(src in by_src for src in project.guideline_pages):
        _compare_pages(approved, lines, project, problems)
    # (a guideline page missing from docs/ is reported already, with the name meant)
    for src, written in approved.items():
        if src in guideline and src in by_src and src in project.guideline_pages:
            first = (lines.of(src) or 0) + 1  # the line after "page.md: |"
            sentences = [
                (_folded(sentence), first + index)
                for index, sentence in enumerate(written.splitlines())
                if sentence.strip()
            ]
            _compare_page(by_src[src], sentences, project, problems)


def _compare_pages(approved, lines, project, problems):
    """The reference's pages are the guideline pages."""
    for src in approved:
        if src not in project.guideline_pages:
            problems.add(
                SHOWN,
                f"sivu '{src}' ei ole ohjeen sivu (mkdocs.yml, kohta extra: guideline: pages:); "
                "korjaa sivun nimi, tai jos se on uusi ohjeen sivu, lisää se myös sinne",
                lines.of(src),
            )
    for src in project.guideline_pages:
        if src not in approved:
            problems.add(
                SHOWN,
                f"ohjeen sivun '{src}' hyväksytty teksti puuttuu tästä tiedostosta; lisää "
                f"sen virkkeet omaksi kohdakseen ({src}: | ja virkkeet sen alle), kun ohjeesta "
                f"on hyväksytty uusi versio, tai poista sivu {CONFIG} pages-luettelosta",
            )


def _folded(value):
    """value as compared: invisible characters removed, whitespace folded."""
    return " ".join(text.clean(value).split())


def _compare_page(page, sentences, project, problems):
    try:
        shown = _Shown(page, project)
    except page_checks.TooComplex:  # reported with the page's own checks
        return
    found, position = [], 0
    for index, (sentence, _) in enumerate(sentences):
        start = shown.text.find(sentence, position)
        if start >= 0:
            found.append((index, start, start + len(sentence)))
            position = start + len(sentence)
    anchors = [(-1, 0, 0), *found, (len(sentences), len(shown.text), len(shown.text))]
    for before, after in itertools.pairwise(anchors):
        gap_start, gap_end = before[2], after[1]
        missing = list(range(before[0] + 1, after[0]))
        gap = shown.text[gap_start:gap_end]
        matches = _nearest([sentences[index][0] for index in missing], gap)
        taken = 0
        for index, window in zip(missing, matches, strict=True):
            sentence, line = sentences[index]
            if window is None:
                problems.add(
                    page.shown,
                    f"hyväksytyn ohjeen virke puuttuu sivulta: '{sentence}' ({SHOWN}, rivi "
                    f"{line}){_neighbour(sentences, found, index)}; palauta se, {NEW_VERSION}",
                    _place(shown, before, after, len(sentences)),
                )
                continue
            start, end = window
            for piece_start, piece in _pieces(gap, taken, start):
                _added(page, shown, gap_start + piece_start, piece, problems)
            taken = end
            problems.add(
                page.shown,
                f"hyväksytyn ohjeen virke on muuttunut: sivulla on nyt '{_short(gap[start:end])}', "
                f"hyväksytty teksti on '{sentence}' ({SHOWN}, rivi {line}); palauta "
                f"hyväksytty teksti, {NEW_VERSION}",
                shown.line_at(gap_start + start),
            )
        for piece_start, piece in _pieces(gap, taken, len(gap)):
            _added(page, shown, gap_start + piece_start, piece, problems)


def _added(page, shown, position, piece, problems):
    problems.add(
        page.shown,
        f"ohjeen tekstiin on lisätty teksti, jota hyväksytyssä ohjeessa ei ole: "
        f"'{_short(piece)}'; se muuttaa hyväksyttyä ohjetta: poista se, tai jos se on "
        f"sivuston oma lisäys, siirrä se ohjeen tekstin merkintöjen ({gate.GUIDELINE_START} "
        f"… {gate.GUIDELINE_END}) ulkopuolelle, {NEW_VERSION}",
        shown.line_at(position),
    )


def _place(shown, before, after, count):
    """The page's line for a removed sentence: where the approved sentence
    before it ends, or where the one after it starts, or the text's start."""
    if before[0] >= 0:
        return shown.line_after(before[2])
    return shown.line_at(after[1] if after[0] < count else 0)


def _neighbour(sentences, found, index):
    """Where a removed sentence was: after the approved sentence before it
    that is still on the page, or before the one after it."""
    earlier = [i for i, _, _ in found if i < index]
    later = [i for i, _, _ in found if i > index]
    if earlier:
        return f"; sen paikka on virkkeen '{_short(sentences[earlier[-1]][0], 50)}' jälkeen"
    if later:
        return f"; sen paikka on ennen virkettä '{_short(sentences[later[0]][0], 50)}'"
    return ""


def _short(value, length=160):
    """value on one line, cut at a space to at most length characters."""
    value = " ".join(value.split())
    if len(value) <= length:
        return value
    return value[: length - 1].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _pieces(gap, start, end):
    """[(offset in gap, text)]: each line (block) of gap[start:end] with
    letters or digits in it, stripped."""
    pieces, offset = [], start
    for line in gap[start:end].split("\n"):
        if any(character.isalnum() for character in line):
            pieces.append((offset + len(line) - len(line.lstrip()), line.strip()))
        offset += len(line) + 1
    return pieces


def _nearest(missing, gap):
    """For each missing sentence, in order, the (start, end) in gap of the
    text nearest to it (difflib's ratio at least NEAR), or None: windows
    between sentence and block boundaries, in order, not overlapping, their
    ratios' sum the greatest."""
    bounds = sorted(
        {0, len(gap)}
        | {match.end() for match in re.finditer(r"[.!?:;]\s|\n", gap)}
        | {match.start() for match in re.finditer(r"\n", gap)}
    )
    windows = [_windows(sentence, gap, bounds) for sentence in missing]
    best = {}

    def align(index, after):
        """(score, [window or None]) for missing[index:], windows after `after`."""
        if index == len(missing):
            return 0.0, []
        if (index, after) not in best:
            score, rest = align(index + 1, after)
            choice = (score, [None, *rest])
            for ratio, start, end in windows[index]:
                if start >= after:
                    score, rest = align(index + 1, end)
                    if ratio + score > choice[0]:
                        choice = (ratio + score, [(start, end), *rest])
            best[index, after] = choice
        return best[index, after]

    return align(0, 0)[1]


def _windows(sentence, gap, bounds):
    """[(ratio, start, end)] of the texts in gap between two bounds (spaces
    around left out) at least NEAR to sentence."""
    found = []
    for i, start in enumerate(bounds):
        for end in bounds[i + 1 :]:
            window = gap[start:end]
            stripped = window.strip()
            if not len(sentence) / 2 <= len(stripped) <= 2 * len(sentence) + 20:
                continue
            matcher = difflib.SequenceMatcher(None, sentence, stripped, autojunk=False)
            if min(matcher.real_quick_ratio(), matcher.quick_ratio(), matcher.ratio()) >= NEAR:
                lead = len(window) - len(window.lstrip())
                found.append((matcher.ratio(), start + lead, start + lead + len(stripped)))
    return found


class _Shown:
    """A guideline page's text as the reader sees it (text: its parts, one
    line per block, whitespace folded) and where each part is written."""

    def __init__(self, page, project):
        body = page.body
        segments, index = [], 0
        while (start := body.find(gate.GUIDELINE_START, index)) >= 0:
            begin = start + len(gate.GUIDELINE_START)
            end = body.find(gate.GUIDELINE_END, begin)
            segments.append((begin, end))
            index = end + len(gate.GUIDELINE_END)
        title = re.search(r"^#[ \t]+.*$", body, re.M)
        if title and not any(begin <= title.start() < end for begin, end in segments):
            segments.insert(0, (title.start(), title.end()))
        self.parts, offset = [], 0  # [(offset in text, shown, Markdown, its first line)]
        for begin, end in segments:
            written = text.clean(body[begin:end])
            html = page_checks.to_html(
                written, project.markdown_extensions, project.markdown_configs
            )
            shown = _text(html)
            self.parts.append((offset, shown, written, page.body_line + body[:begin].count("\n")))
            offset += len(shown) + 1
        self.text = "\n".join(shown for _, shown, _, _ in self.parts)

    def line_at(self, position):
        """The page's line where the text at position starts."""
        return self._line(position, first=True)

    def line_after(self, position):
        """The page's line where the text ending at position ends."""
        return self._line(position, first=False)

    def _line(self, position, first):
        """The line of the first (or last) words of the text from (or up
        to) position, found in the part's Markdown where they stand nearest
        to where they are in its text."""
        offset, shown, written, first_line = next(
            (part for part in reversed(self.parts) if part[0] <= max(position - (not first), 0)),
            self.parts[0],
        )
        at = min(max(position - offset, 0), len(shown))
        words = re.findall(r"\w+", shown[at:] if first else shown[:at])
        words = words[:4] if first else words[-4:]
        expected = at / max(len(shown), 1) * len(written)
        while words:
            pattern = r"(?:\W|\]\([^)]*\))+".join(map(re.escape, words))
            places = [
                match.start() if first else match.end()
                for match in re.finditer(rf"(?<!\w){pattern}(?!\w)", written)
            ]
            if places:
                place = min(places, key=lambda index: abs(index - expected))
                return first_line + written[:place].count("\n")
            words = words[:-1] if first else words[1:]
        return first_line


def _text(html):
    """The text of HTML as the reader sees it: one line per block,
    whitespace folded, the headings' permalinks (¶) left out."""
    tree = LexborHTMLParser(html)
    for link in tree.css("a.headerlink"):
        link.decompose()
    pieces = []
    for node in tree.body.traverse(include_text=True) if tree.body else []:
        if node.tag == "-text":
            pieces.append(re.sub(r"\s+", " ", node.text_content or ""))
        elif node.tag in BLOCKS:
            pieces.append("\n")
    lines = (" ".join(line.split()) for line in text.clean("".join(pieces)).split("\n"))
    return "\n".join(line for line in lines if line)
