"""The search's Finnish word data, made at build time from the site's own
words with Voikko (libvoikko and Debian's voikko-fi: a maintained Finnish
morphology, also the one LibreOffice spell-checks with).

Each word the search index holds is analysed: its base forms (kuvia ->
kuva) and, for a compound, its parts (sähköpostiosoitetta -> sähkö, posti,
osoite, and the joins sähköposti, postiosoite). The lookup maps each of
those keys to the words on the pages that have it:

    {"kuva": ["kuvia"], "velvollisuus": ["lojaliteettivelvollisuus",
     "salassapitovelvollisuus"], ...}

search-fi.js fetches it when the reader opens the search and turns a typed
word into those words: a base form finds its inflected forms (kuva ->
kuvia), a part finds the compounds holding it, and a typed compound its
parts (työsähköposti -> työ, sähköposti).

This module imports nothing from the site builder.
"""

import functools
import re

# Voikko is a C library (Debian: libvoikko1, voikko-fi); libvoikko on PyPI
# is its ctypes binding. Without the library the search keeps its own stems.
try:
    from libvoikko import Voikko
except ImportError:  # pragma: no cover - the binding is in requirements.txt
    Voikko = None

# Letters of a word as the search index splits its text (search: separator
# in mkdocs.yml splits at spaces, hyphens and slashes)
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A part shorter than this is not a key of its own ("esi" of esimies)
MIN_PART = 3
# Each word's keys, once analysed: the preview's rebuilds analyse only new words
_KEYS = {}


@functools.cache
def analyser():
    """Voikko's Finnish analyser, or None if the library is not installed
    (one for the process: the preview rebuilds with it)."""
    if Voikko is None:
        return None
    try:
        return Voikko("fi")
    except OSError:  # libvoikko.so.1 or the Finnish dictionary missing
        return None


def words_of(texts):
    """The distinct lower-case words of texts, as the search index holds them."""
    return sorted({word.lower() for text in texts for word in WORD.findall(text)})


def keys_of(word, analyses):
    """The base forms, compound parts and joins of parts of one word, from
    Voikko's analyses of it (BASEFORM, WORDBASES)."""
    keys = {word}
    for analysis in analyses:
        keys.add(analysis.get("BASEFORM", word).lower())
        parts = _parts(analysis.get("WORDBASES", ""))
        keys.update(part for part in parts if len(part) >= MIN_PART)
        keys.update(
            "".join(parts[start:end])
            for start in range(len(parts))
            for end in range(start + 2, len(parts) + 1)
        )
    return keys


def _parts(wordbases):
    """The parts of a compound from WORDBASES ("+sähkö(sähkö)+posti(posti)+
    osoite(osoite)"): each part's base form ("työn(työ)" -> työ; "salassapito
    (salassa=pito)" -> salassa, pito), a derivational ending ("+us(+us)")
    joined to the part before it as written (velvollisu+us -> velvollisuus).
    A word of one part is no compound: []."""
    parts = []  # [base, as written]
    for written, base in re.findall(r"\+([^+(]*)(?:\(([^)]*)\))?", wordbases.lower()):
        if not written.strip("-"):
            continue  # the hyphen of vapaa-aika
        if base.startswith("+"):
            if parts:
                parts[-1] = [parts[-1][1] + written] * 2
            continue
        pieces = [piece for piece in (base or written).split("=") if piece]
        parts.extend([piece, piece] for piece in pieces[:-1])
        parts.append([pieces[-1], written] if len(pieces) > 1 else [pieces[0], written])
    return [base for base, _ in parts] if len(parts) > 1 else []


def lookup(words, voikko):
    """{key: [the words on the pages with that base form or part]}, sorted,
    for the words the search index holds; keys that are only the word
    itself are left out (the search finds a word as typed anyway)."""
    found = {}
    for word in words:
        if word not in _KEYS:
            _KEYS[word] = keys_of(word, voikko.analyze(word))
        for key in _KEYS[word]:
            found.setdefault(key, set()).add(word)
    return {key: sorted(holders) for key, holders in sorted(found.items()) if holders != {key}}
