"""The pages under docs/, read the way the build reads them, and checked for
what MkDocs itself cannot see:

- every file is one the content gate allows (handbook/gate.py: its type,
  place and size; no symlinks: a link to /proc/self/environ would publish
  the build's secrets), and every page is UTF-8 text (a byte-order mark is
  fine, as in MkDocs);
- the front matter between the --- lines is valid YAML (MkDocs would show a
  broken one as text on the page) with only the keys the handbook uses;
- the page's HTML, Markdown and raw HTML alike, holds only what the gate
  allows;
- a page with `render_macros: true` holds only calls of the handbook's
  macros with literal arguments, found with Jinja's own parser; anything
  else Jinja would run ({{ config }}, {{ nimi }}, loops, filters) stops the
  build. A page without it must not try to call a macro;
- every image has alternative text.

Links, anchors and the nav are MkDocs' own `validation:` (mkdocs.yml).
This module imports nothing from MkDocs.
"""

import contextlib
import re
import signal
import threading
import time
from pathlib import Path

import jinja2
import jinja2.nodes
import jsonschema
import markdown
import markdown.treeprocessors
import markdown.util
from selectolax.lexbor import LexborHTMLParser

from handbook import gate, schema, yamlfile
from handbook.problems import did_you_mean

# The front matter block, exactly as MkDocs finds it (mkdocs/utils/meta.py)
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
EXAMPLE_CALL = '{{ checklist("virka") }}'
# The keys and values a page's front matter may have (handbook/gate.py)
FRONT_MATTER_KEYS = jsonschema.Draft202012Validator(gate.FRONT_MATTER)


class Page:
    """A Markdown page: its path under docs/, front matter, body and the
    line the body starts on."""

    def __init__(self, docs_dir, path, problems):
        self.src = path.relative_to(docs_dir).as_posix()
        self.shown = f"docs/{self.src}"
        self.meta, self.body, self.body_line, self.ok = {}, "", 1, False
        # What the builder makes HTML of: [(text, its first line)]; the body
        # itself, or what Jinja leaves of it (use_template)
        self.pieces = []
        try:
            # As MkDocs reads it: UTF-8, a byte-order mark dropped, any line ends
            with open(path, encoding="utf-8-sig", errors="strict") as file:
                text = file.read()
        except UnicodeDecodeError as error:
            line = path.read_bytes()[: error.start].count(b"\n") + 1
            problems.add(
                self.shown,
                "tiedosto ei ole UTF-8-muodossa (esimerkiksi ä tai ö on "
                "tallennettu toisella merkistöllä); tallenna se muokkaimessa "
                "merkistöllä UTF-8",
                line,
            )
            return
        self.body = text
        match = FRONT_MATTER.match(text)
        if match:
            found = _Offset(problems, 1)  # the block starts on the page's line 2
            meta, lines = yamlfile.load(match.group(1), self.shown, found)
            if found:
                return
            if meta is not None and not isinstance(meta, dict):
                problems.add(
                    self.shown,
                    "sivun alun tiedot (--- rivien välissä) eivät ole muotoa nimi: arvo",
                    2,
                )
                return
            # A key or value the handbook does not allow is reported, and the
            # page is still read, so its other mistakes show in the same run
            schema.check(
                FRONT_MATTER_KEYS,
                meta or {},
                lines,
                self.shown,
                found,
                lambda path: f"kenttä '{path[0]}'" if path else None,
            )
            self.meta = meta or {}
            rest = text[match.end() :]
            self.body = rest.lstrip("\n")
            self.body_line = text[: match.end()].count("\n") + len(rest) - len(self.body) + 1
        self.pieces = [(self.body, self.body_line)]
        self.ok = True

    @property
    def renders_macros(self):
        # As mkdocs-macros decides with render_by_default: false
        return self.meta.get("render_macros") == True  # noqa: E712 (1 and True alike)

    @property
    def text(self):
        """The Markdown the builder makes HTML of."""
        return "".join(text for text, _ in self.pieces)

    def use_template(self, environment):
        """With render_macros: true, the builder makes HTML of what Jinja
        leaves of the body: its {## comments ##} dropped and raw blocks
        opened, so '<{## ##}script' becomes a tag only then. Each macro call
        is left out here (its HTML is the templates', held to the site's
        check after the build). A body Jinja cannot parse is left as it is
        (macro_calls reports it)."""
        try:
            tree = environment.parse(self.body)
        except jinja2.TemplateSyntaxError:
            return
        self.pieces = [
            (node.data, node.lineno + self.body_line - 1)
            for output in tree.body
            if isinstance(output, jinja2.nodes.Output)
            for node in output.nodes
            if isinstance(node, jinja2.nodes.TemplateData)
        ]

    def line_of(self, needle, ignore_case=False, skip=()):
        """The line of the first occurrence of needle in the page, if any,
        not counting those that start one of the texts in skip; found in the
        body as written, or else in what the builder makes HTML of."""
        for text, first_line in [(self.body, self.body_line), (self.text, None)]:
            folded = text.lower() if ignore_case else text
            wanted = needle.lower() if ignore_case else needle
            index = folded.find(wanted)
            while index >= 0 and folded.startswith(tuple(skip), index):
                index = folded.find(wanted, index + 1)
            if index >= 0:
                return (
                    text[:index].count("\n") + first_line if first_line else self._piece_line(index)
                )
        return None

    def _piece_line(self, index):
        """The line of the body that index in self.text comes from."""
        for text, first_line in self.pieces:
            if index < len(text):
                return first_line + text[:index].count("\n")
            index -= len(text)
        return None


class _Offset(list):
    """Problems of a front matter block, moved to the page's own lines."""

    def __init__(self, problems, offset):
        super().__init__()
        self.problems, self.offset = problems, offset

    def add(self, file, message, line=None, item=None):
        self.problems.add(file, message, line + self.offset if line else None, item)
        self.append(message)


def read_pages(docs_dir, problems):
    """Every file under docs/ checked against the content gate's allow-lists
    (handbook/gate.py); the Markdown pages read."""
    docs_dir = Path(docs_dir)
    paths, _ = gate.docs_files(docs_dir, problems)
    return [Page(docs_dir, path, problems) for path in paths]


# Elements whose text is shown as written, Markdown characters and all
CODE = ("code", "pre", "kbd")

# Markdown's time on a page grows with the square of a run of unmatched [
# or <: 20 KB of them took minutes. A page is given this long.
SECONDS_PER_PAGE = 5


class TooComplex(Exception):
    """A page Markdown cannot make into HTML in time or without too deep a
    recursion; str() is the editors' message."""


class _OutOfTime(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds):
    """Stops the block after seconds (SIGALRM: only in the main thread,
    where builds and the quick check run; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    # Another alarm may be pending (a test runner's time limit): one due
    # sooner is left alone; a later one goes on afterwards with its time left
    pending, _ = signal.getitimer(signal.ITIMER_REAL)
    if pending and pending <= seconds:
        yield
        return

    def stop(*_):
        raise _OutOfTime

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if pending:
            left = pending - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


def to_html(markdown_text, extensions, extension_configs, escapes_marked=False):
    """Markdown made into HTML with the site's extensions, or TooComplex;
    escapes_marked: what a backslash escapes is ESCAPED in the text."""
    made = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
    if escapes_marked:
        mark_escapes(made)
    return convert(made, markdown_text)


# A character written with a backslash (\*, \[) as the checks read it: on
# purpose, never the start of a slip; the page itself shows the character
ESCAPED = "\ue000"
_ESCAPE = re.compile(re.escape(markdown.util.STX) + r"\d+" + re.escape(markdown.util.ETX))


class _MarkEscapes(markdown.treeprocessors.Treeprocessor):
    """Escaped characters' placeholders in the text made ESCAPED, before
    Markdown puts the characters back (its "unescape" step)."""

    active = True

    def run(self, root):
        for element in root.iter() if self.active else []:
            for name in ("text", "tail"):
                value = getattr(element, name)
                if value and markdown.util.STX in value:
                    setattr(element, name, _ESCAPE.sub(ESCAPED, value))


def mark_escapes(markdown_instance):
    """Has markdown_instance mark escaped characters (the returned step's
    `active` turns it on and off)."""
    step = _MarkEscapes(markdown_instance)
    markdown_instance.treeprocessors.register(step, "handbook_escapes", 1)
    return step


def convert(markdown_instance, markdown_text, seconds=None):
    """markdown_instance.convert(markdown_text) within seconds (a page's
    time by default), or TooComplex."""
    seconds = seconds or SECONDS_PER_PAGE
    try:
        with _time_limit(seconds):
            return markdown_instance.convert(markdown_text)
    except RecursionError:
        raise TooComplex(
            "sivulla on liian monta sisäkkäistä luetteloa tai lohkoa; vähennä sisennyksiä "
            "tai jaa sisältö osiin"
        ) from None
    except _OutOfTime:
        raise TooComplex(
            f"sivun muuttaminen HTML:ksi kestäisi yli {seconds} s (esimerkiksi "
            "tuhansia merkkejä [ tai < peräkkäin); poista ne tai kirjoita ne koodina"
        ) from None


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def heading_text(node):
    """A heading's text, without its permalink's mark (¶)."""
    link = node.css_first("a.headerlink")
    text = node.text(deep=True)
    return (text.removesuffix(link.text(deep=True)) if link else text).strip()


class Rendered:
    """A page's Markdown made into HTML with the site's extensions and read
    back with the gate's HTML5 parser."""

    def __init__(self, markdown_text, extensions, extension_configs):
        self.html = to_html(markdown_text, extensions, extension_configs, escapes_marked=True)
        self.ids, self.images_without_alt, self.rule_ids = set(), [], []
        self.links, self.empty_links = [], []
        # The heading each id is under (a rule is named by its section)
        self.sections, self._heading = {}, ""
        # The text a reader sees as written text, node by node (not code)
        self.texts = []
        tree = LexborHTMLParser(self.html)
        for node in tree.body.traverse(include_text=True) if tree.body else []:
            if node.tag != "-text":
                self._read_element(node)
            elif not any(parent.tag in CODE for parent in ancestors(node)):
                self.texts.append(node.text_content or "")
        self.text = "".join(self.texts)

    def _read_element(self, node):
        attributes = node.attributes
        if node.tag in HEADINGS:
            self._heading = heading_text(node)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
            self.sections[attributes["id"]] = self._heading
            if node.tag not in HEADINGS:
                self.rule_ids.append(attributes["id"])
        if node.tag == "img" and not (attributes.get("alt") or "").strip():
            self.images_without_alt.append(attributes.get("src") or "")
        if node.tag == "a" and attributes.get("href") is not None:
            self.links.append(attributes["href"])
            if not node.text(strip=True) and not node.css("img[alt]"):
                self.empty_links.append(attributes["href"])


def ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def inspect(page, extensions, extension_configs):
    """The page's Markdown made into HTML with the site's extensions, then
    read back: (Rendered, what the content gate does not allow [gate.Finding])."""
    rendered = Rendered(page.text, extensions, extension_configs)
    return rendered, gate.editor_findings(rendered.html)


def rule_ids(markdown_text, extensions, extension_configs):
    """The rules in a piece of the guideline: ids of its paragraphs and list
    items (a heading's id names a section, not a rule), in order."""
    return Rendered(markdown_text, extensions, extension_configs).rule_ids


def macro_calls(page, environment, signatures, problems):
    """The page's macro calls [(name, args, line)], found with Jinja's parser.
    Anything else Jinja would evaluate is a problem."""
    try:
        tree = environment.parse(page.body)
    except jinja2.TemplateSyntaxError as error:
        problems.add(
            page.shown,
            "makrokutsu on rikki: tarkista sulkeet, lainausmerkit ja "
            f"aaltosulkeet, esimerkiksi {EXAMPLE_CALL}; jos tarkoitit tekstiä, "
            "kirjoita se {% raw %} ja {% endraw %} väliin",
            error.lineno + page.body_line - 1,
        )
        return []
    calls = []
    for output in tree.body:
        if isinstance(output, jinja2.nodes.Output):
            for node in output.nodes:
                if isinstance(node, jinja2.nodes.TemplateData):
                    continue
                call = _literal_call(node, signatures)
                line = node.lineno + page.body_line - 1
                if isinstance(call, str):
                    problems.add(page.shown, call, line)
                else:
                    calls.append((*call, line))
        else:
            problems.add(
                page.shown,
                "sivulla voi käyttää vain käsikirjan makroja, esimerkiksi "
                f"{EXAMPLE_CALL}, ei muita {{% %}}-lauseita; jos tarkoitit tekstiä, "
                "kirjoita se {% raw %} ja {% endraw %} väliin",
                output.lineno + page.body_line - 1,
            )
    return calls


def _literal_call(node, signatures):
    """(name, bound arguments) of a call like checklist("virka"), or a
    Finnish problem for anything else."""
    names = ", ".join(signatures)
    if not (isinstance(node, jinja2.nodes.Call) and isinstance(node.node, jinja2.nodes.Name)):
        shown = node.name if isinstance(node, jinja2.nodes.Name) else "…"
        return (
            f"{{{{ {shown} }}}} ei ole käsikirjan makrokutsu; sivulla voi käyttää vain "
            f"makroja ({names}) muodossa {EXAMPLE_CALL}; jos tarkoitit tekstiä, kirjoita "
            "se {% raw %} ja {% endraw %} väliin"
        )
    name = node.node.name
    if name not in signatures:
        return f"tuntematon makro '{name}' (makrot: {names})" + did_you_mean(name, signatures)
    values = [*node.args, *(keyword.value for keyword in node.kwargs)]
    if (
        node.dyn_args
        or node.dyn_kwargs
        or not all(
            isinstance(value, jinja2.nodes.Const) and isinstance(value.value, str)
            for value in values
        )
    ):
        return (
            f"makron {name} tiedot pitää kirjoittaa lainausmerkkeihin, esimerkiksi {EXAMPLE_CALL}"
        )
    try:
        bound = signatures[name].bind(
            *(arg.value for arg in node.args), **{kw.key: kw.value.value for kw in node.kwargs}
        )
    except TypeError:
        return f"makrolle {name} annettiin väärät tiedot; muoto on {name}{signatures[name]}"
    return name, tuple(bound.arguments.values())


def template_rule_links(templates_dir):
    """[(template, rule, line)] for every rule_url("page.md#id") with a literal
    argument in the HTML templates, found with Jinja's parser."""
    environment = jinja2.Environment()
    links = []
    for path in sorted(Path(templates_dir).glob("*.html")):
        tree = environment.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(jinja2.nodes.Call):
            if (
                isinstance(call.node, jinja2.nodes.Name)
                and call.node.name == "rule_url"
                and call.args
                and isinstance(call.args[0], jinja2.nodes.Const)
            ):
                links.append((path.name, call.args[0].value, call.lineno))
    return links
