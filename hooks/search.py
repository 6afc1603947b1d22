"""MkDocs hook: the search's Finnish word data (handbook/lemmas.py), made
from the words of the search index the build has just written, and saved
beside it as search/lemmas.json. search-fi.js fetches it only when the
reader opens the search, so a page loads no more than before.

Without Voikko installed (Debian: libvoikko1 and voikko-fi) no file is
written and the search works with its own stems, as before; the README
says how to install it, and CI does."""

import json
import logging
import sys
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

# MkDocs loads hooks by their path: the project's packages beside this folder
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from handbook import lemmas  # noqa: E402

INDEX = "search/search_index.json"
LOOKUP = "search/lemmas.json"
log = logging.getLogger("mkdocs.hooks.search")


def on_post_build(config, **kwargs):
    index = Path(config["site_dir"]) / INDEX
    if not index.is_file():
        return
    voikko = lemmas.analyser()
    if voikko is None:
        log.info(
            "Voikkoa ei ole asennettu, joten haku ei tunne sanojen perusmuotoja "
            "(asenna libvoikko1 ja voikko-fi, README)"
        )
        return
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    texts = [
        text
        for doc in docs
        for text in (doc.get("title", ""), LexborHTMLParser(doc.get("text", "")).text())
    ]
    found = lemmas.lookup(lemmas.words_of(texts), voikko)
    (Path(config["site_dir"]) / LOOKUP).write_text(
        json.dumps(found, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
