"""MkDocs hook: the pages' text normalised on the way in (handbook/text.py).

Text pasted from Word keeps soft hyphens and zero-width characters: the
page looks right, but the search index holds the word in pieces and a
search for it finds nothing. The handbook's Markdown extension removes them
from every page's Markdown before it is made into HTML (what the macros put
on a page included), so neither the page nor the search index holds them;
this hook adds it to the builder's Markdown extensions, and cleans the
front matter's title and description, which are not Markdown. The editors'
data is cleaned where it is read (handbook/data.py), for every builder.

Registered here rather than named in mkdocs.yml: MkDocs imports the
extensions listed there before any hook has made handbook/ importable."""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

# MkDocs loads hooks by their path: the project's packages beside this folder
# (builders/, handbook/) made importable
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from handbook import text  # noqa: E402


@event_priority(90)  # before the macros plugin checks the pages with these extensions
def on_config(config):
    if not any(isinstance(extension, text.CleanText) for extension in config.markdown_extensions):
        config.markdown_extensions.append(text.CleanText())
    return config


def on_page_markdown(markdown, page, **_):
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = text.clean(page.meta[key])
    return markdown
