"""Editors' YAML read safely: PyYAML's safe parser (its C version where
installed), with the line of every value kept for messages, and the YAML
traps an editor falls into turned into Finnish problems:

- the parser's English errors (a tab, a missing colon, a forgotten dash,
  an unclosed quote) translated, on the line where the mistake is;
- a quoted text that goes on after its closing quote ("Kirjoita "tämä"
  näin", "Virka" tarkoittaa ...): YAML ends the text at the second quote
  mark and the parser then complains of indentation or a missing dash; the
  quote mark is named instead;
- a text that starts with a character YAML reads as a mark (* & | > ? @ `
  %), named by the character, and a line --- or ... that splits the file
  in parts: the parser's words for these (an alias, a block scalar, a
  second document) mean nothing to an editor;
- the same field twice in one item (often a forgotten dash);
- " #" inside unquoted text, which YAML silently cuts off as a comment;
- anchors and aliases (&, *), refused: nothing in the handbook needs them,
  and nested aliases can make a small file expand into gigabytes;
- tags (!ENV, !!python/..., any !name), refused: the safe loader knows
  none of them and would stop with an English traceback; an editor meets
  one by starting a text with "!";
- nesting deeper than MAX_DEPTH, refused while the parser's events stream
  by, before anything recursive runs: PyYAML's C composer recurses on the
  C stack (100 000 "[" crash the process) and the constructor and the
  checks here on Python's (10 000 "[" end in RecursionError);
- a value the safe constructor cannot build (a date like 2026-13-45, a
  number of thousands of digits, "=" or "<<" written bare), named with
  its line instead of ending in Python's ValueError.
"""

import re

import yaml
from yaml.constructor import SafeConstructor

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without its C part
    from yaml import SafeLoader

# An editor's file is a few kilobytes; anything this large is a mistake or an attack
MAX_CHARACTERS = 1_000_000
# Lists and fields inside each other: the handbook's files need 5 levels
# (quiz, questions, question, options, option); far below where any
# recursion in PyYAML or here could run out of stack
MAX_DEPTH = 20

QUOTE_HINT = "laita koko teksti lainausmerkkeihin"

TAB = "rivillä on sarkain (tabulaattori); käytä sisennyksissä välilyöntejä"
STARTS_WITH = "teksti ei voi alkaa merkillä {character}; " + QUOTE_HINT
BRACKETS = "tekstin alussa on [ tai {, jolloin YAML odottaa luetteloa; " + QUOTE_HINT
# A text that goes on after its closing quote mark, by the quote mark it uses
ENDED_EARLY = {
    '"': (
        'teksti alkaa lainausmerkillä ("), joten YAML lukee tekstiä vain seuraavaan '
        "lainausmerkkiin asti, ja loppu jää yli; laita koko teksti heittomerkkeihin ('…') "
        "tai kirjoita lainausmerkit tekstin sisällä typografisina (”…”); heittomerkkien "
        "sisällä heittomerkki kirjoitetaan kahdesti ('')"
    ),
    "'": (
        "teksti alkaa heittomerkillä ('), joten YAML lukee tekstiä vain seuraavaan "
        "heittomerkkiin asti, ja loppu jää yli; kirjoita heittomerkki tekstin sisällä "
        "kahdesti ('') tai laita koko teksti lainausmerkkeihin (\"…\")"
    ),
}

BACKSLASH = (
    "lainausmerkkien sisällä on kenoviiva (\\); "
    "kirjoita se kahdesti (\\\\) tai käytä heittomerkkejä '...'"
)
# A line "---" or "..." starts or ends a YAML document; the files hold one
MARKER = (
    "rivi {marker} jakaa YAML-tiedoston osiin, ja tässä tiedostossa saa olla vain "
    "yksi osa; poista rivi, tai jos se kuuluu tekstiin, " + QUOTE_HINT
)
# Where PyYAML stops at a character that marks something else than text at
# the start of a value (an alias *, an anchor &, a block text | or >, a
# key ?, a reserved @ ` %): the error names it, or its context does
INDICATOR_CONTEXTS = (
    "while scanning an alias",
    "while scanning an anchor",
    "while scanning a block scalar",
)
INDICATOR_PROBLEMS = ("found character", "mapping keys are not allowed")
MARKER_PROBLEMS = (
    "but found another document",
    "did not find expected <document start>",
    "expected '<document start>'",
)

# PyYAML's messages (the start of error.problem; its C and Python parsers
# word them differently) and what they mean for an editor
PARSER_MESSAGES = [
    ("found character '\\t'", TAB),
    ("found a tab character", TAB),
    ("could not find expected ':'", "riviltä puuttuu kaksoispiste: kirjoita muotoon nimi: arvo"),
    (
        "mapping values are not allowed",
        "tekstissä on kaksoispiste ja välilyönti (': '): "
        + QUOTE_HINT
        + "; tai rivin sisennys on eri kuin "
        "viereisillä riveillä",
    ),
    (
        "did not find expected '-' indicator",
        "luettelon kohdan alusta puuttuu viiva (-) tai sisennys on eri kuin viereisillä kohdilla",
    ),
    (
        "did not find expected key",
        "sisennys on eri kuin viereisillä riveillä, tai luettelon kohdan alusta puuttuu viiva (-)",
    ),
    (
        "expected <block end>",
        "sisennys on eri kuin viereisillä riveillä, tai luettelon kohdan alusta puuttuu viiva (-)",
    ),
    (
        "found unexpected end of stream",
        "lainausmerkki jäi sulkematta: lisää tekstin loppuun sama lainausmerkki kuin alussa",
    ),
    ("found unknown escape character", BACKSLASH),
    ("did not find expected hexdecimal number", BACKSLASH),  # "C:\x4"
    ("expected escape sequence of", BACKSLASH),
    (
        "found undefined alias",
        "YAML-viittauksia (&nimi, *nimi) ei käytetä; kirjoita arvo "
        "auki tai laita teksti, jossa on *, lainausmerkkeihin",
    ),
    ("found unexpected ':'", "tekstissä on kaksoispiste; " + QUOTE_HINT),
    ("expected ',' or ']'", BRACKETS),
    ("did not find expected ',' or ']'", BRACKETS),
    ("expected ',' or '}'", BRACKETS),
    ("did not find expected ',' or '}'", BRACKETS),
]
GENERIC = (
    "YAML-muoto on rikki: tarkista sisennykset (välilyönnein), kaksoispisteet ja lainausmerkit"
)
TAGS = "YAML-tageja (tässä '{tag}') ei käytetä; jos teksti alkaa huutomerkillä (!), " + QUOTE_HINT
TOO_DEEP = (
    f"luetteloita ja kenttiä on sisäkkäin yli {MAX_DEPTH} tasoa (tavallisesti "
    "enintään 5); tarkista sisennykset ja hakasulkeet, tai jos teksti alkaa [ tai {, " + QUOTE_HINT
)
NOT_A_DATE = (
    "'{value}' ei ole oikea päivämäärä (YAML lukee muodon vvvv-kk-pp päiväksi); "
    "korjaa päivä, tai jos tarkoitit tekstiä, " + QUOTE_HINT
)
NOT_A_VALUE = (
    "arvoa '{value}' ei voi lukea, koska YAML tulkitsee sen luvuksi tai "
    "erikoismerkinnäksi; " + QUOTE_HINT
)


def parser_message(error, source):
    """(line, Finnish message) for a PyYAML error in the text source."""
    problem = error.problem or ""
    lines = source.splitlines()
    if error.context in ("while scanning a tag", "while parsing a tag") and error.context_mark:
        # A text that starts with "!" and a letter YAML does not take in a
        # tag (!Tärkeää, !Huom,): the same mistake as a tag it reads
        return error.context_mark.line + 1, TAGS.format(
            tag=_written_tag(lines, error.context_mark) or "!"
        )
    message = next(
        (finnish for english, finnish in PARSER_MESSAGES if problem.startswith(english)), GENERIC
    )
    # A missing colon is noticed on the next line; the key started where the
    # mistake is. The other errors are where the parser stopped.
    mark = (
        error.context_mark
        if problem.startswith("could not find expected ':'")
        else error.problem_mark or error.context_mark
    )
    if mark is None:
        return None, message
    quote = _ended_early(source, error.problem_mark) if message != TAB else None
    if quote:
        return error.problem_mark.line + 1, ENDED_EARLY[quote]
    named = _mark_named(error, message, lines, mark)
    if named:
        return named
    # A text that starts with [ or { reads as a list: the parser then
    # complains about what follows the closing bracket
    value = lines[mark.line].partition(": ")[2].lstrip() if mark.line < len(lines) else ""
    if value.startswith(("[", "{")) and message != TAB:
        message = BRACKETS
    return mark.line + 1, message


def _mark_named(error, message, lines, mark):
    """(line, message) for a line --- or ... or a value that starts with a
    YAML mark (* & | > ? @ ` %), where the parser stopped at one; else None."""
    problem = error.problem or ""
    if message == GENERIC and problem.startswith(MARKER_PROBLEMS):
        for number in range(min(mark.line, len(lines) - 1), -1, -1):
            if lines[number].rstrip() in ("---", "..."):
                return number + 1, MARKER.format(marker=lines[number].rstrip())
    at = (
        error.context_mark
        if error.context in INDICATOR_CONTEXTS
        else error.problem_mark
        if problem.startswith(INDICATOR_PROBLEMS) and message != TAB
        else None
    )
    character = lines[at.line][at.column : at.column + 1] if at and at.line < len(lines) else ""
    if character == "\t":  # libyaml's words for a tab that starts a line
        return at.line + 1, TAB
    if character and character in "*&|>?@`%":
        return at.line + 1, STARTS_WITH.format(character=character)
    return None


def _ended_early(source, mark):
    """The quote mark (" or ') of a quoted value (a field's or a list
    item's) that the parser found more text right after, on the line where
    it closes: the text went on past a quote mark inside it; else None."""
    if mark is None:
        return None
    before = []
    try:
        for token in yaml.scan(source, Loader=SafeLoader):
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            before.append(token)
    except yaml.YAMLError:
        pass  # the scanner's own error is at the mark or after it
    if len(before) < 2:
        return None
    placed, quoted = before[-2:]
    end = quoted.end_mark
    if (
        isinstance(quoted, yaml.ScalarToken)
        and quoted.style in ('"', "'")
        and isinstance(placed, (yaml.ValueToken, yaml.BlockEntryToken))
        and end.line == mark.line
        and not source.splitlines()[end.line][end.column : mark.column].strip()
    ):
        return quoted.style
    return None


class Lines(dict):
    """{path of keys and indexes: line} for every value in a file."""

    def of(self, *path):
        """The line of the nearest value along path that has one."""
        while path and path not in self:
            path = path[:-1]
        return self.get(path)


def load(text, file, problems):
    """(data, lines) of a YAML text, or (None, Lines()) after adding
    problems; file is the path shown in messages."""
    if len(text) > MAX_CHARACTERS:
        problems.add(
            file,
            f"tiedosto on liian suuri (yli {MAX_CHARACTERS:,} merkkiä); "
            "jaa se osiin tai poista ylimääräinen".replace(",", " "),
        )
        return None, Lines()
    source = text.splitlines()
    try:
        if not _events_allowed(text, source, file, problems):
            return None, Lines()
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        line, message = parser_message(error, text)
        problems.add(file, message, line)
        return None, Lines()
    if node is None:
        return None, Lines()
    lines = Lines()
    before = len(problems)
    _walk(node, (), source, lines, file, problems)
    if len(problems) > before:
        return None, lines
    try:
        return _Constructor().construct_document(node), lines
    except _Refused as refused:
        node = refused.node
        value = node.value if isinstance(node.value, str) else ""
        shown = value if len(value) <= 30 else value[:30] + "…"
        message = NOT_A_DATE if node.tag == "tag:yaml.org,2002:timestamp" else NOT_A_VALUE
        problems.add(file, message.format(value=shown), node.start_mark.line + 1)
    except yaml.MarkedYAMLError as error:
        # Raised while a mapping is filled, outside construct_object: PyYAML's
        # merge key "<<" with a value that is no mapping (the other error
        # there, a list as a key, _walk has refused)
        mark = error.problem_mark or error.context_mark
        problems.add(file, NOT_A_VALUE.format(value="<<"), mark.line + 1 if mark else None)
    return None, lines


def _events_allowed(text, source, file, problems):
    """False, with a problem, if the text uses anchors, aliases or tags or
    nests deeper than MAX_DEPTH. Events come one at a time (libyaml keeps
    its own stacks, no recursion), so a file nested 100 000 deep stops at
    level MAX_DEPTH + 1."""
    depth = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problems.add(
                file,
                "YAML-viittauksia (&nimi ja *nimi) ei sallita; kirjoita arvo "
                "auki jokaiseen kohtaan, tai jos tekstissä on & tai *, " + QUOTE_HINT,
                line,
            )
            return False
        if getattr(event, "tag", None):  # only a tag written in the text: "!..."
            problems.add(
                file, TAGS.format(tag=_written_tag(source, event.start_mark) or event.tag), line
            )
            return False
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problems.add(file, TOO_DEEP, line)
                return False
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return True


def _written_tag(source, mark):
    """The tag as written at mark ("!ENV", "!!python/name:os.system"), or
    None; the event's own tag is expanded (tag:yaml.org,2002:...)."""
    written = re.match(
        r"![^\s,\[\]{}]{0,40}", source[mark.line][mark.column :] if mark.line < len(source) else ""
    )
    return written.group(0) if written else None


class _Refused(Exception):
    """The node the safe constructor could not build."""

    def __init__(self, node):
        super().__init__(node.start_mark)
        self.node = node


class _Constructor(SafeConstructor):
    """PyYAML's safe constructor; what it refuses (a ValueError from a date
    or a number, its own ConstructorError) names the innermost node."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except _Refused:
            raise
        except (yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError) as error:
            raise _Refused(node) from error


def _walk(node, path, source, lines, file, problems):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        first_line = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):  # "[Huom]: ..." makes a list the key
                problems.add(file, BRACKETS, line)
                continue
            key = key_node.value
            if key in first_line:
                problems.add(
                    file,
                    f"kenttä '{key}' on kahdesti samassa kohdassa (ensin rivillä "
                    f"{first_line[key]}); poista toinen, tai jos tässä alkaa uusi "
                    "luettelon kohta, lisää sen ensimmäisen rivin alkuun viiva (-)",
                    line,
                )
            first_line.setdefault(key, line)
            _walk(value_node, path + (key,), source, lines, file, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), source, lines, file, problems)
    else:
        _check_scalar(node, source, file, problems)


def _check_scalar(node, source, file, problems):
    """A value that YAML reads otherwise than an editor meant."""
    if node.tag == "tag:yaml.org,2002:float" and node.value.lower().lstrip("+-") in (
        ".nan",
        ".inf",
    ):  # not a number anything in the handbook can use (search: boost: .nan broke search)
        problems.add(
            file,
            f"arvo '{node.value}' ei ole tavallinen luku; kirjoita luku, esimerkiksi 0.5, "
            "tai jos tarkoitit tekstiä, laita se lainausmerkkeihin",
            node.start_mark.line + 1,
        )
    elif not node.style and node.tag == "tag:yaml.org,2002:str":  # a plain (unquoted) text
        end = node.end_mark
        rest = source[end.line][end.column :] if end.line < len(source) else ""
        if rest.strip().startswith("#"):
            problems.add(
                file,
                "tekstissä on risuaita (#) välilyönnin jälkeen, ja YAML jättää "
                f"sen ja loppurivin pois ('{rest.strip()[:30]}'); " + QUOTE_HINT,
                end.line + 1,
            )
