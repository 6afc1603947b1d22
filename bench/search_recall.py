"""Search recall for Finnish: how many of the queries in
tests/search_queries.py find their page, typed into the search box of

  plain     a plain Material site holding the same pages (theme language fi,
            search lang fi, Material's default pipeline and separator), and
  handbook  this project's site (whole-word index + search-fi.js).

It also types words exactly as the guideline writes them: if the plain site
misses even those, its prefix matching bypasses the stemmer (a typed word,
unstemmed, is compared with stemmed index entries).

The everyday words (synonyms, typos, compound parts) come in two fixed
halves: TUNING, which search-fi.js and docs/data/synonyms.yml were tuned on,
and HELD_OUT, which nobody tuned for. Both are reported; the held-out figure
is the one to quote for words readers will really type.

Run:  .venv/bin/python bench/search_recall.py [--project DIR]

--project DIR (e.g. `git worktree add /tmp/before main`) measures that
checkout too, as "before", with the same queries.
"""

import argparse
import functools
import json
import re
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from helpers import CHROMIUM, CHROMIUM_FLAGS, ROOT, mkdocs_build, search  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from search_queries import HELD_OUT, HELD_OUT_2, INFLECTED_QUERIES, TUNING  # noqa: E402
from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from handbook import lemmas  # noqa: E402

# Words as they stand in the guideline, with their page
EXACT_WORDS = [
    ("salassapitovelvollisuus", "salassapitovelvollisuus/"),
    ("virkaprofiileja", "kaupungin-edustajana/"),
    ("sananvapaus", "salassapitovelvollisuus/"),
    ("esimiehelle", "yksityishenkilona/"),
    ("kohderyhmä", "kaupungin-edustajana/"),
]

PLAIN_CONFIG = """site_name: Plain
theme:
  name: material
  language: fi
plugins:
  - search:
      lang: fi
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build_plain(work: Path) -> Path:
    project = work / "plain"
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG)
    site = work / "plain-site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def build_handbook(work: Path, project: Path = ROOT, name: str = "handbook") -> Path:
    site = work / f"{name}-site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


# A plain Material site's own Finnish texts in the results (theme language fi)
PLAIN_TEXTS = {
    "prompt": "Kirjoita aloittaaksesi haun",
    "count": re.compile(
        r"^(Ei täsmääviä dokumentteja|1 täsmäävä dokumentti|\d+ täsmäävää dokumenttia)$"
    ),
}


# The typed words' base forms and synonyms, by Voikko and synonyms.yml, for
# "holds": does the first result hold one of them (any inflected form, or
# as a part of a compound)? The ranking measure: a first result
# may rightly be another page than the one listed, if it is about the word.
VOIKKO = lemmas.analyser()
SYNONYMS = yaml.safe_load((ROOT / "docs/data/synonyms.yml").read_text(encoding="utf-8"))


def meant(query):
    """The base forms a query's words stand for, synonyms' included."""
    words = lemmas.words_of([query])
    words += [w for word in words for w in lemmas.words_of([SYNONYMS.get(word, "")])]
    return {key for word in words for key in lemmas.keys_of(word, VOIKKO.analyze(word))} - {""}


def holds(site: Path, page: str, query) -> bool:
    """Whether a page of the results (its sections too) holds what the
    query's words stand for."""
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    texts = [
        doc["title"] + " " + LexborHTMLParser(doc["text"]).text()
        for doc in docs
        if doc["location"].split("#")[0] == page
    ]
    keys = {
        key for word in lemmas.words_of(texts) for key in lemmas.keys_of(word, VOIKKO.analyze(word))
    }
    return bool(meant(query) & keys)


def measure(browser, site: Path, queries, texts=None):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    page = browser.new_page()
    page.goto(base, wait_until="networkidle")
    found = first = held = 0
    misses = []
    for query, expected in queries:
        results = search(page, query, **(texts or {}))
        found += base + expected in results
        first += bool(results) and results[0] == base + expected
        if results and holds(site, results[0].removeprefix(base), query):
            held += 1
        elif results:
            misses.append(f"({query})")  # found, but the first result lacks the word
        if base + expected not in results:
            misses.append(query)
    page.close()
    server.shutdown()
    return found, first, held, misses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--project", type=Path, help="another checkout (git worktree) measured as 'before'"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        sites = {"plain": build_plain(work)}
        if args.project:
            sites["before"] = build_handbook(work, args.project.resolve(), "before")
        sites["handbook"] = build_handbook(work, ROOT)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        for label, queries in [
            ("inflected and base forms", INFLECTED_QUERIES),
            ("words exactly as written", EXACT_WORDS),
            ("everyday words, TUNING half", TUNING),
            ("everyday words, HELD_OUT half", HELD_OUT),
            ("everyday words, HELD_OUT_2 (written cold)", HELD_OUT_2),
        ]:
            print(f"\n{label} ({len(queries)} queries)")
            for name, site in sites.items():
                texts = PLAIN_TEXTS if name == "plain" else None
                found, first, held, misses = measure(browser, site, queries, texts)
                print(
                    f"  {name:9} found {found:2}/{len(queries)}, first {first:2}/{len(queries)}, "
                    f"first holds the word {held:2}/{len(queries)}; "
                    f"missed (first lacks the word): {', '.join(misses) or '-'}"
                )
        browser.close()


if __name__ == "__main__":
    main()
