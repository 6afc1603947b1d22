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

# MkDocs loads hooks by their path: the project's packages beside this folder
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from builders import internals  # noqa: E402
from handbook import lemmas  # noqa: E402

LOOKUP = "search/lemmas.json"
log = logging.getLogger("mkdocs.hooks.search")


def on_post_build(config, **kwargs):
    texts = internals.search_index_texts(config["site_dir"])
    if texts is None:
        return
    voikko = lemmas.analyser()
    if voikko is None:
        log.info(
            "Voikkoa ei ole asennettu, joten haku ei tunne sanojen perusmuotoja "
            "(asenna libvoikko1 ja voikko-fi, README)"
        )
        return
    found = lemmas.lookup(lemmas.words_of(texts), voikko)
    (Path(config["site_dir"]) / LOOKUP).write_text(
        json.dumps(found, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
