"""Text normalised on the way in: the invisible characters that text pasted
from Word or a web page brings along, removed from pages and editors' data.

A soft hyphen (U+00AD) or a zero-width space inside a word looks right on
the page, but the search index then holds "some\\xadtili" and a reader's
"somtili" finds nothing; an approved sentence no longer matches either.
Removed: soft hyphens, zero-width spaces and non-joiners (U+200B, U+200C),
word joiners (U+2060) and byte-order marks inside text (U+FEFF); a
zero-width joiner (U+200D) only where it does not join two emoji (👩‍⚕️,
🏳️‍🌈 keep theirs).

clean(text) is the function; CleanText is the same as a Python-Markdown
extension, run first on a page's Markdown (macro output included), so that
what the builder renders and indexes is clean."""

import re

import markdown
from markdown.preprocessors import Preprocessor

INVISIBLE = re.compile("[\u00ad\u200b\u200c\u2060\ufeff]")
JOINER = "\u200d"
# What may stand on either side of a joiner inside an emoji sequence: the
# emoji blocks, the symbols and dingbats that take an emoji form, the emoji
# variation selector, skin tones and tag characters
EMOJI = re.compile(
    "[\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2900-\u297f\u2b00-\u2bff"
    "\u3030\u303d\u3297\u3299\ufe0f\U0001f000-\U0001faff\U000e0020-\U000e007f]"
)


def clean(text):
    """text without soft hyphens and zero-width characters (a joiner between
    two emoji kept)."""
    text = INVISIBLE.sub("", text)
    if JOINER not in text:
        return text
    return "".join(
        character
        for index, character in enumerate(text)
        if character != JOINER
        or (
            0 < index < len(text) - 1
            and EMOJI.match(text[index - 1])
            and EMOJI.match(text[index + 1])
        )
    )


class _Clean(Preprocessor):
    def run(self, lines):
        return clean("\n".join(lines)).split("\n")


class CleanText(markdown.Extension):
    """clean() on the Markdown before anything else reads it."""

    def extendMarkdown(self, md):
        # Above every built-in preprocessor (normalize_whitespace is 30)
        md.preprocessors.register(_Clean(md), "handbook_clean_text", 40)
