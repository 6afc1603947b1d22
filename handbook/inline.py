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
  outside code, so that valid Markdown is never refused: a `*` in ordinary
  text, `2 * 3`, `x**2` or `__init__` inside a word all read the same
  before and after, and only a run of two or three `*` or `_` that opens
  or closes emphasis (by CommonMark's flanking rules) and was left
  unmatched counts. A single `*` is left alone: "*) Lähde" is ordinary text.

This module imports nothing from the site builder.
"""

import re
import unicodedata

import markdown
import markdown.treeprocessors
from selectolax.lexbor import LexborHTMLParser

from handbook import gate
from handbook.pages import CODE, TooComplex, ancestors, convert
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
    "img": "kuva",
    "h1": "otsikko",
    "h2": "otsikko",
    "h3": "otsikko",
    "h4": "otsikko",
    "h5": "otsikko",
    "h6": "otsikko",
    "ul": "luettelo",
    "ol": "numeroitu luettelo (rivin alussa numero ja piste; jos tarkoitit tekstiä, kirjoita "
    "pisteen eteen kenoviiva: 2026\\. vuonna)",
    "blockquote": "lainaus (> rivin alussa)",
    "pre": "koodilohko (sisennetty rivi)",
    "hr": "vaakaviiva",
    "div": "laatikko (!!!)",
    "details": "laatikko (???)",
    "table": "taulukko",
}

_RUN = re.compile(r"\*{2,}|_{2,}")
_BROKEN_LINK = re.compile(
    r"\]\(|\]\[|\[[^\[\]]*\((?:[^()\s]+\.md(?:#[^()\s]*)?|https?://[^()\s]+|mailto:[^()\s]+)\)"
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

    def _convert(self, text, link):
        if _plain(text):
            return f"<p>{text}</p>"
        if self._markdown is None:
            self._start()
        self._links.link = link
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
            made = self._convert(text, lambda href: href)
        except TooComplex as error:
            return [str(error)]
        tree = LexborHTMLParser(made)
        top = [node for node in tree.body.iter(include_text=False)]
        if len(top) != 1 or top[0].tag != "p":
            return [_block_problem(top)]
        problems = []
        for node in list(top[0].traverse(include_text=False))[1:]:  # [0]: the <p>
            problems.extend(_element_problems(node, check_link))
        problems.extend(message for _, message in slips(_text_nodes(tree.body)))
        return problems


def _block_problem(top):
    kinds = [CONSTRUCTS.get(node.tag) for node in top if node.tag != "p"]
    return _not_here(next((kind for kind in kinds if kind), "useampi kappale (tyhjä rivi)"))


def _not_here(what):
    return f"{what} ei käy tähän tekstiin; teksti on yksi kappale, jossa voi käyttää vain {ALLOWED}"


def _element_problems(node, check_link):
    if node.tag not in TEXT_HTML:
        return [_not_here(CONSTRUCTS.get(node.tag, f"merkintä, josta tulee <{node.tag}>"))]
    problems = []
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
            "kokonaiseen https://-osoitteeseen"
        )
    page, _, anchor = href.partition("#")
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
            side = _open_or_close(text, match.start(), match.end())
            if side:
                found.append(_emphasis_slip(text, match, side))
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


def _open_or_close(text, start, end):
    """Whether a delimiter run can only "open" or only "close"
    emphasis (CommonMark's left- and right-flanking); None if both or neither."""
    before = _kind(text[start - 1]) if start else "space"
    after = _kind(text[end]) if end < len(text) else "space"
    left = after != "space" and (after == "other" or before != "other")
    right = before != "space" and (before == "other" or after != "other")
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return None


def _emphasis_slip(text, match, side):
    run = match.group()
    what = "lihavoitu kursiivi" if len(run) == 3 else "lihavointi"
    if side == "open":
        piece = _around(text, match.start(), match.end() + 20)
        message = (
            f"{what} alkaa merkeillä {run}, mutta ei pääty: '{piece}' näkyy sivulla "
            f"merkkeineen; lisää korostettavan tekstin loppuun {run} (esimerkiksi "
            f"{run}tärkeää{run}) tai poista merkit"
        )
    else:
        piece = _around(text, match.start() - 20, match.end())
        message = (
            f"{what} päättyy merkkeihin {run}, mutta ei ala: '{piece}' näkyy sivulla "
            f"merkkeineen; lisää korostettavan tekstin alkuun {run} (esimerkiksi "
            f"{run}tärkeää{run}) tai poista merkit"
        )
    return piece, message


def _around(text, start, end):
    """text[start:end] widened to whole words, on one line."""
    start, end = max(start, 0), min(end, len(text))
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return " ".join(text[start:end].split())
