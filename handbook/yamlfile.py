"""Editors' YAML read safely: PyYAML's safe parser (its C version where
installed), with the line of every value kept for messages, and the YAML
traps an editor falls into turned into Finnish problems:

- the parser's English errors (a tab, a missing colon, a forgotten dash,
  an unclosed quote) translated, on the line where the mistake is;
- the same field twice in one item (often a forgotten dash);
- " #" inside unquoted text, which YAML silently cuts off as a comment;
- anchors and aliases (&, *), refused: nothing in the handbook needs them,
  and nested aliases can make a small file expand into gigabytes.
"""

import yaml
from yaml.constructor import SafeConstructor

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without its C part
    from yaml import SafeLoader

# An editor's file is a few kilobytes; anything this large is a mistake or an attack
MAX_CHARACTERS = 1_000_000

QUOTE_HINT = "laita koko teksti lainausmerkkeihin"

TAB = "rivillä on sarkain (tabulaattori); käytä sisennyksissä välilyöntejä"
START_HINT = "teksti ei voi alkaa merkillä @, ` tai %; " + QUOTE_HINT
BRACKETS = "tekstin alussa on [ tai {, jolloin YAML odottaa luetteloa; " + QUOTE_HINT

# PyYAML's messages (its C and Python parsers word them differently) (the start of error.problem) and what they mean for an editor
PARSER_MESSAGES = [
    ("found character '\\t'", TAB),
    ("found a tab character", TAB),
    ("could not find expected ':'", "riviltä puuttuu kaksoispiste: kirjoita muotoon "
                                    "nimi: arvo"),
    ("mapping values are not allowed", "tekstissä on kaksoispiste ja välilyönti (': '): "
                                       + QUOTE_HINT + "; tai rivin sisennys on eri kuin "
                                       "viereisillä riveillä"),
    ("did not find expected '-' indicator", "luettelon kohdan alusta puuttuu viiva (-) tai "
                                            "sisennys on eri kuin viereisillä kohdilla"),
    ("did not find expected key", "sisennys on eri kuin viereisillä riveillä, tai "
                                  "luettelon kohdan alusta puuttuu viiva (-)"),
    ("expected <block end>", "sisennys on eri kuin viereisillä riveillä, tai luettelon "
                             "kohdan alusta puuttuu viiva (-)"),
    ("found unexpected end of stream", "lainausmerkki jäi sulkematta: lisää tekstin loppuun "
                                       "sama lainausmerkki kuin alussa"),
    ("found unknown escape character", "lainausmerkkien sisällä on kenoviiva (\\); "
                                       "kirjoita se kahdesti (\\\\) tai käytä heittomerkkejä '...'"),
    ("found character '@'", START_HINT),
    ("found character '`'", START_HINT),
    ("found character that cannot start any token", START_HINT),
    ("found undefined alias", "YAML-viittauksia (&nimi, *nimi) ei käytetä; kirjoita arvo "
                              "auki tai laita teksti, jossa on *, lainausmerkkeihin"),
    ("found unexpected ':'", "tekstissä on kaksoispiste; " + QUOTE_HINT),
    ("expected ',' or ']'", BRACKETS),
    ("did not find expected ',' or ']'", BRACKETS),
    ("expected ',' or '}'", BRACKETS),
    ("did not find expected ',' or '}'", BRACKETS),
]
GENERIC = ("YAML-muoto on rikki: tarkista sisennykset (välilyönnein), kaksoispisteet ja "
           "lainausmerkit")


def parser_message(error, source):
    """(line, Finnish message) for a PyYAML error in the text source."""
    problem = error.problem or ""
    message = next((finnish for english, finnish in PARSER_MESSAGES
                    if problem.startswith(english)), GENERIC)
    # A missing colon is noticed on the next line; the key started where the
    # mistake is. The other errors are where the parser stopped.
    mark = error.context_mark if problem.startswith("could not find expected ':'") \
        else error.problem_mark or error.context_mark
    if mark is None:
        return None, message
    # A text that starts with [ or { reads as a list: the parser then
    # complains about what follows the closing bracket
    lines = source.splitlines()
    value = lines[mark.line].partition(": ")[2].lstrip() if mark.line < len(lines) else ""
    if value.startswith(("[", "{")) and message != TAB:
        message = BRACKETS
    return mark.line + 1, message


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
        problems.add(file, f"tiedosto on liian suuri (yli {MAX_CHARACTERS:,} merkkiä); "
                     "jaa se osiin tai poista ylimääräinen".replace(",", " "))
        return None, Lines()
    try:
        if not _no_anchors(text, file, problems):
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
    _walk(node, (), text.splitlines(), lines, file, problems)
    if len(problems) > before:
        return None, lines
    return SafeConstructor().construct_document(node), lines


def _no_anchors(text, file, problems):
    """False, with a problem, if the text uses anchors or aliases."""
    if "&" not in text and "*" not in text:
        return True  # no anchor or alias can be written without them: no second parse
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problems.add(file, "YAML-viittauksia (&nimi ja *nimi) ei sallita; kirjoita arvo "
                         "auki jokaiseen kohtaan, tai jos tekstissä on & tai *, "
                         + QUOTE_HINT, event.start_mark.line + 1)
            return False
    return True


def _walk(node, path, source, lines, file, problems):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        first_line = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in first_line:
                problems.add(file, f"kenttä '{key}' on kahdesti samassa kohdassa (ensin rivillä "
                             f"{first_line[key]}); poista toinen, tai jos tässä alkaa uusi "
                             "luettelon kohta, lisää sen ensimmäisen rivin alkuun viiva (-)",
                             line)
            first_line.setdefault(key, line)
            _walk(value_node, path + (key,), source, lines, file, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), source, lines, file, problems)
    elif not node.style and node.tag == "tag:yaml.org,2002:str":  # a plain (unquoted) text
        end = node.end_mark
        rest = source[end.line][end.column:] if end.line < len(source) else ""
        if rest.strip().startswith("#"):
            problems.add(file, "tekstissä on risuaita (#) välilyönnin jälkeen, ja YAML jättää "
                         f"sen ja loppurivin pois ('{rest.strip()[:30]}'); " + QUOTE_HINT,
                         end.line + 1)
