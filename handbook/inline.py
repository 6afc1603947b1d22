"""Editors' Markdown in short texts, and the slips Markdown shows raw.

- `InlineMarkdown`: the texts of the editors' data (a quiz question, an
  option, a checklist item...) are Markdown, made into HTML with the
  extensions the pages use; raw HTML in them stays text. Only what fits in
  a line of text is allowed: bold, italics, code and links (to a page of
  the site, as `sivu.md#kohta` like a rule, or a whole address). A list, a
  heading or a second paragraph is refused: the templates put the text in
  a label, a legend or a paragraph.
- `slips()`: emphasis or a link Markdown could not read comes out as its
  raw characters (`**Tärkeää`, `[teksti](sivu.md`). Found in the made HTML,
  outside code and with what a backslash escapes set aside, so that valid
  Markdown is never refused: a `*` in ordinary text, `2 * 3`, `x**2` or
  `__init__` inside a word all read the same before and after. Only a run
  of two or three `*` or `_` that can only open emphasis (by CommonMark's
  flanking rules), before a letter or digit, and was left unmatched counts;
  a run that only closes is as often a footnote mark ("12 €**"), and a
  single `*` is ordinary text ("*) Lähde").

This module imports nothing from the site builder.
"""

import re
import unicodedata

import markdown
import markdown.treeprocessors
from selectolax.lexbor import LexborHTMLParser

from handbook import gate
from handbook.pages import CODE, ESCAPED, TooComplex, ancestors, convert, mark_escapes
from handbook.problems import closest

# What a text of the data may become: element -> its attributes
TEXT_HTML = {"em": set(), "strong": set(), "code": set(), "br": set(), "a": {"href", "title"}}
ALLOWED = (
    "lihavointia (**teksti**), kursiivia (*teksti*), koodia (`teksti`) ja linkkejä "
    "([teksti](sivu.md#kohta))"
)
SECONDS_PER_TEXT = 2
# What Markdown made of a construct a text may not hold, in Finnish
CONSTRUCTS = {
    "img": ("kuva", ""),
    **dict.fromkeys(
        ("h1", "h2", "h3", "h4", "h5", "h6"),
        (
            "otsikko",
            "otsikon tekee # rivin alussa tai seuraava rivi, jolla on vain --- tai ===",
        ),
    ),
    "ul": (
        "luettelo",
        "luettelon tekee rivin alussa -, + tai * ja välilyönti; jos tarkoitit tekstiä, kirjoita "
        "merkin eteen kenoviiva: \\* = pakollinen",
    ),
    "ol": (
        "numeroitu luettelo",
        "sen tekee rivin alussa numero ja piste; jos tarkoitit tekstiä, kirjoita pisteen eteen "
        "kenoviiva: 2026\\. vuonna",
    ),
    "blockquote": ("lainaus", "sen tekee > rivin alussa"),
    "pre": ("koodilohko", "sen tekevät ```-rivit tai sisennetty rivi"),
    "hr": ("vaakaviiva", ""),
    "div": ("laatikko", "sen tekee !!! rivin alussa"),
    "details": ("laatikko", "sen tekee ??? rivin alussa"),
    "table": ("taulukko", ""),
}
# A line after the first that starts a list: Markdown makes it part of the
# paragraph ("Muista: - yksi - kaksi"), but the editor meant a list
_LIST_LINE = re.compile(r"\n[ \t]*(?:[-+*]|\d+[.)])[ \t]")

_RUN = re.compile(r"\*{2,}|_{2,}")
# What a link's target looks like: a page of the site or a whole address
_TARGET = r"(?:[^()\[\]\s]+\.md(?:#[^()\[\]\s]*)?|https?://[^()\[\]\s]+|mailto:[^()\[\]\s]+)"
# A link Markdown could not read: "](" left as text (a bracket or the closing
# parenthesis missing), "[teksti(sivu.md)", "[teksti] (sivu.md)",
# "[teksti]sivu.md" and the two halves swapped, "(teksti)[sivu.md]"
_BROKEN_LINK = re.compile(
    rf"\]\(|\[[^\[\]]*\({_TARGET}\)|\]\s+\({_TARGET}\)|\]{_TARGET}|\)\[{_TARGET}\]"
)


# A text with none of these, on one line, not starting like a block (a
# list, a numbered list, a quote, a heading, an indented code block), is
# the same text in HTML: Markdown leaves it as it is. Most texts are such,
# and skip Markdown (a build renders a few hundred texts twice).
_MARKDOWN_CHARACTERS = set("*_`[]<>&\\{}\n\r\t")
_BLOCK_START = re.compile(r"\s|[-+>#!?]|\d+[.)]")


def _plain(text):
    return not (
        _MARKDOWN_CHARACTERS.intersection(text) or _BLOCK_START.match(text) or text != text.strip()
    )


class _Links(markdown.treeprocessors.Treeprocessor):
    """Every link's href passed through `self.link` (set per text)."""

    link = staticmethod(lambda href: href)

    def run(self, root):
        for element in root.iter("a"):
            if element.get("href") is not None:
                element.set("href", self.link(element.get("href")))


class InlineMarkdown:
    """Short texts made into HTML with the pages' Markdown extensions."""

    def __init__(self, extensions, extension_configs):
        self._options = {"extensions": extensions, "extension_configs": extension_configs}
        self._markdown = None  # made when the first text needs it

    def _start(self):
        self._markdown = markdown.Markdown(**self._options)
        # Raw HTML in a text is shown as text (autoescaped, as it always was)
        self._markdown.preprocessors.deregister("html_block")
        self._markdown.inlinePatterns.deregister("html")
        self._links = _Links(self._markdown)
        self._markdown.treeprocessors.register(self._links, "handbook_links", 0)
        self._escapes = mark_escapes(self._markdown)

    def _convert(self, text, link, escapes_marked=False):
        if _plain(text):
            return f"<p>{text}</p>"
        if self._markdown is None:
            self._start()
        self._links.link = link
        self._escapes.active = escapes_marked
        self._markdown.reset()
        try:
            return convert(self._markdown, text, SECONDS_PER_TEXT)
        except TooComplex:
            raise TooComplex(
                "tekstin muuttaminen HTML:ksi ei onnistu (esimerkiksi satoja merkkejä "
                "[ tai * peräkkäin); lyhennä tekstiä tai poista merkit"
            ) from None

    def html(self, text, link=lambda href: href):
        """The text as inline HTML (no enclosing <p>), each link's href
        given by link(href). Only for a text check() passed."""
        made = self._convert(text, link)
        return made[len("<p>") : -len("</p>")] if made.startswith("<p>") else made

    def text(self, text):
        """What a reader sees of the text, as plain text."""
        if _plain(text):
            return text
        return LexborHTMLParser(self._convert(text, lambda href: href)).body.text()

    def check(self, text, check_link):
        """[Finnish problem] for a text of the data; check_link(href) gives
        a problem or None for each link."""
        if _plain(text):
            return []
        try:
            made = self._convert(text, lambda href: href, escapes_marked=True)
        except TooComplex as error:
            return [str(error)]
        tree = LexborHTMLParser(made)
        top = [node for node in tree.body.iter(include_text=False)]
        if len(top) != 1 or top[0].tag != "p":
            return [_block_problem(top)]
        if _LIST_LINE.search(text):
            return [_not_here(*CONSTRUCTS["ul"])]
        problems = []
        for node in list(top[0].traverse(include_text=False))[1:]:  # [0]: the <p>
            problems.extend(_element_problems(node, check_link))
        problems.extend(message for _, message in slips(_text_nodes(tree.body)))
        return problems


def _block_problem(top):
    kinds = [CONSTRUCTS.get(node.tag) for node in top if node.tag != "p"]
    return _not_here(*next((kind for kind in kinds if kind), ("useampi kappale", "")))


def _not_here(what, hint=""):
    return (
        f"{what} ei käy tähän tekstiin: teksti on yksi kappale, jossa voi käyttää vain "
        f"{ALLOWED}" + (f"; {hint}" if hint else "")
    )


def _element_problems(node, check_link):
    if node.tag not in TEXT_HTML:
        return [_not_here(*CONSTRUCTS.get(node.tag, (f"merkintä, josta tulee <{node.tag}>", "")))]
    problems = []
    if node.tag == "a" and not node.text(strip=True):
        problems.append(
            "linkillä ei ole tekstiä, joten ruudunlukija ei voi kertoa, minne se vie; kirjoita "
            "linkin teksti hakasulkeisiin: [linkin teksti](sivu.md#kohta)"
        )
    extra = set(node.attributes) - TEXT_HTML[node.tag]
    if extra:
        problems.append(
            "tekstissä on määre {: ... } (" + ", ".join(sorted(extra)) + "); "
            "määreitä ei voi käyttää tässä tekstissä, poista se"
        )
    href = node.attributes.get("href")
    if node.tag == "a" and href is not None:
        problem = check_link(href)
        if problem:
            problems.append(problem)
    return problems


def _text_nodes(root):
    """The texts a reader sees as written text (not inside code)."""
    return [
        node.text_content or ""
        for node in root.traverse(include_text=True)
        if node.tag == "-text" and not any(parent.tag in CODE for parent in ancestors(node))
    ]


def link_problem(href, anchors):
    """A Finnish problem with a link in a text of the data, or None: links
    lead to a page of the site (sivu.md or sivu.md#kohta, from docs/ like a
    rule) or to a whole http(s), mailto: or tel: address."""
    scheme = gate.url_scheme(href)
    if scheme in gate.LINK_SCHEMES:
        return None
    if scheme:
        return (
            f"linkin osoite '{href[:40]}' ei ole sallittu; linkitä sivuun (sivu.md#kohta) tai "
            "kokonaiseen http(s)://-, mailto:- tai tel:-osoitteeseen"
        )
    page, _, anchor = href.partition("#")
    if not href:
        return "linkin osoite puuttuu: kirjoita se kaarisulkeisiin, esimerkiksi (sivu.md#kohta)"
    if page.startswith(("/", "../", "./")):
        return (
            f"linkki '{href}' alkaa merkeillä '/', './' tai '../'; kirjoita sivu kansiosta docs/ "
            "alkaen, kuten kentässä rule, esimerkiksi index.md#kohta"
        )
    if not page:
        return (
            f"linkistä '{href}' puuttuu sivu: sama teksti voi näkyä eri sivuilla, joten "
            f"kirjoita sivun tiedosto eteen, esimerkiksi [linkin teksti](sivu.md{href})"
        )
    # A page name with a typo, or without .md: the page meant, with the link's anchor
    near = closest(page, anchors) if page not in anchors else None
    meant = f"; tarkoititko '{near}{f'#{anchor}' if anchor else ''}'?" if near else ""
    if not page.endswith(".md"):
        return (
            f"linkki '{href}' ei osoita sivuun; kirjoita linkki sivun tiedostoon, "
            "esimerkiksi [linkin teksti](salassapitovelvollisuus.md#kohta)" + meant
        )
    if page not in anchors:
        return (
            f"linkin '{href}' sivua '{page}' ei ole kansiossa docs/; korjaa tiedoston nimi "
            "(sivu kirjoitetaan kansiosta docs/ alkaen, kuten kentässä rule)" + meant
        )
    if anchor and anchor not in anchors[page]:
        near = closest(anchor, sorted(anchors[page]))
        return f"linkki '{href}': sivulla {page} ei ole kohtaa '#{anchor}'; korjaa tunniste" + (
            f"; tarkoititko '#{near}'?" if near else ""
        )
    return None


def slips(texts):
    """[(piece of text, Finnish problem)] for emphasis or links Markdown
    left as raw characters in texts (the text nodes outside code)."""
    found = []
    for text in texts:
        for match in _RUN.finditer(text):
            if len(match.group()) > 3:
                continue  # a line to write on: "Nimi: ______"
            # Only an opening run followed by a letter or digit: a run that
            # only closes is as often a footnote mark ("Kesäkurssi**")
            following = text[match.end() : match.end() + 1]
            if _opens_only(text, match.start(), match.end()) and following.isalnum():
                found.append(_emphasis_slip(text, match))
        for match in _BROKEN_LINK.finditer(text):
            piece = _around(text, match.start(), match.end())
            found.append(
                (
                    piece,
                    f"linkki on rikki: '{piece}' näkyy sivulla merkkeineen; linkin muoto on "
                    "[linkin teksti](sivu.md#kohta): hakasulkeet tekstin ympärille, heti "
                    "perään kaarisulkeet osoitteen ympärille",
                )
            )
    return found


def _kind(character):
    if character is None or character.isspace():
        return "space"
    return "punctuation" if unicodedata.category(character)[0] in "PS" else "other"


def _opens_only(text, start, end):
    """Whether a delimiter run can only open emphasis, not close it
    (CommonMark's left- but not right-flanking run)."""
    before = _kind(text[start - 1]) if start else "space"
    after = _kind(text[end]) if end < len(text) else "space"
    left = after != "space" and (after == "other" or before != "other")
    right = before != "space" and (before == "other" or after != "other")
    return left and not right


def _emphasis_slip(text, match):
    run = match.group()
    what = "lihavoitu kursiivi" if len(run) == 3 else "lihavointi"
    piece = _around(text, match.start(), match.end() + 20)
    return piece, (
        f"{what} alkaa merkeillä {run}, mutta ei pääty: '{piece}' näkyy sivulla merkkeineen; "
        f"lisää korostettavan tekstin loppuun {run} (esimerkiksi {run}tärkeää{run}), tai jos "
        f"merkit kuuluvat tekstiin, kirjoita ne koodina (`{run}`) tai kenoviivan kanssa "
        f"({_escaped(run)})"
    )


def _escaped(run):
    return "".join("\\" + character for character in run)


def _around(text, start, end):
    """text[start:end] widened to whole words, on one line."""
    start, end = max(start, 0), min(end, len(text))
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return " ".join(text[start:end].replace(ESCAPED, "").split())
