"""Each heading's permalink (the ¶ the toc extension adds) named after its
heading.

A screen reader's list of links otherwise holds a row of links all named
"¶" (a title is not a name when the link has text), and nothing tells them
apart. Each gets the name "<permalink_title>: <the heading's text>", e.g.
"Linkki tähän kohtaan: Sosiaalisen median kanavat", as aria-label and as
its tooltip (title: a description equal to the name is not read twice).
The ¶ stays as it is, and so do the link and its anchor. Two headings of
the same text on a page are told apart by a number: "…: Esimerkki (2)".

The toc extension has no option for this (the pinned Python-Markdown: permalink,
permalink_class, permalink_title, permalink_leading), so PermalinkNames
is a Markdown extension whose tree processor runs right after toc's, with
toc's own settings (the class and title from mkdocs.yml)."""

import html
from copy import deepcopy

import markdown
from markdown.extensions import toc
from markdown.treeprocessors import Treeprocessor

HEADINGS = {f"h{level}" for level in range(1, 7)}


def _heading_text(heading, permalink, md):
    """The heading's text as the reader sees it, without its permalink."""
    copy = deepcopy(heading)
    for child in copy:
        if child.tag == "a" and child.get("href") == permalink.get("href"):
            copy.remove(child)
    return html.unescape(toc.strip_tags(toc.render_inner_html(copy, md)))


class _NamePermalinks(Treeprocessor):
    def run(self, root):
        settings = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None
        if settings is None or settings.use_permalinks in (False, None):
            return
        seen = {}
        for heading in root.iter():
            if heading.tag not in HEADINGS or "id" not in heading.attrib:
                continue
            permalink = next(
                (
                    child
                    for child in heading
                    if child.tag == "a"
                    and child.get("class") == settings.permalink_class
                    and child.get("href") == "#" + heading.get("id")
                ),
                None,
            )
            if permalink is None:
                continue
            text = _heading_text(heading, permalink, self.md)
            seen[text] = seen.get(text, 0) + 1
            if seen[text] > 1:
                text = f"{text} ({seen[text]})"
            name = f"{settings.permalink_title}: {text}" if settings.permalink_title else text
            permalink.set("aria-label", name)
            permalink.set("title", name)


class PermalinkNames(markdown.Extension):
    """Names each heading's permalink after its heading (toc's, run after it)."""

    def extendMarkdown(self, md):
        # After toc (5), which adds the permalinks; before unescape (0)
        md.treeprocessors.register(_NamePermalinks(md), "handbook_permalink_names", 4)
