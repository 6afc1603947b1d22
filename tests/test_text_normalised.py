"""Soft hyphens and zero-width characters pasted from Word are taken out on
the way in (handbook/text.py): a page and the editors' data with them
inside a word build into pages and a search index that hold the clean word,
so a search for it finds it. One copy of the project gets them all and is
built once."""

import html
import json
import re

import pytest
import yaml
from helpers import (
    GUIDELINE_PAGES,
    ROOT,
    copy_project,
    editors_data,
    mkdocs_build,
    page_calling,
    page_url,
)

from handbook import approved
from handbook.text import clean

SOFT_HYPHEN, ZERO_WIDTH_SPACE, JOINER = "\u00ad", "\u200b", "\u200d"
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u2060\ufeff]")
# 👩‍⚕️: woman, joiner, staff of Aesculapius, emoji form; the joiner belongs there
HEALTH_WORKER = "\U0001f469\u200d\u2695\ufe0f"


def longest_word(text):
    return max(re.findall(r"\w+", text), key=len)


def split(word, mark):
    """The word with mark inside it, as pasted."""
    return word[: len(word) // 2] + mark + word[len(word) // 2 :]


# Where each invisible character goes: a guideline page's approved word, a
# quiz prompt and a checklist item (the first of each)
PAGE = GUIDELINE_PAGES[-1]
PAGE_WORD = longest_word(
    yaml.safe_load((ROOT / "docs" / approved.FILE.path).read_text(encoding="utf-8"))[PAGE]
)
QUIZ_NAME, QUIZ = next(iter(editors_data("quiz").items()))
PROMPT_WORD = longest_word(QUIZ["questions"][0]["prompt"])
CHECKLIST_NAME, CHECKLIST = next(iter(editors_data("checklists").items()))
ITEM_WORD = longest_word(CHECKLIST["items"][0]["text"])

# ... and a page's description in its front matter (the first page's)
DESCRIBED = GUIDELINE_PAGES[0]
DESCRIPTION = yaml.safe_load(
    re.match(r"---\n(.*?)\n---", (ROOT / "docs" / DESCRIBED).read_text(encoding="utf-8"), re.S)[1]
)["description"]
DESCRIPTION_WORD = longest_word(DESCRIPTION)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(site folder, search index entries) of a copy with the characters pasted in."""
    project = copy_project(tmp_path_factory.mktemp("project") / "project")
    page = project / "docs" / PAGE
    text = page.read_text(encoding="utf-8")
    pasted = re.sub(rf"(?<![#\w]){PAGE_WORD}", split(PAGE_WORD, SOFT_HYPHEN), text)
    assert pasted != text
    page.write_text(pasted, encoding="utf-8")
    quiz = project / "docs/data/quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    prompt = QUIZ["questions"][0]["prompt"]
    assert prompt in text
    pasted = prompt.replace(PROMPT_WORD, split(PROMPT_WORD, SOFT_HYPHEN)) + " " + HEALTH_WORKER
    quiz.write_text(text.replace(prompt, pasted, 1), encoding="utf-8")
    checklists = project / "docs/data/checklists.yml"
    text = checklists.read_text(encoding="utf-8")
    item = CHECKLIST["items"][0]["text"]
    assert item in text
    checklists.write_text(
        text.replace(item, item.replace(ITEM_WORD, split(ITEM_WORD, ZERO_WIDTH_SPACE)), 1),
        encoding="utf-8",
    )
    front = project / "docs" / DESCRIBED
    text = front.read_text(encoding="utf-8")
    assert DESCRIPTION in text
    front.write_text(
        text.replace(
            DESCRIPTION, DESCRIPTION.replace(DESCRIPTION_WORD, split(DESCRIPTION_WORD, SOFT_HYPHEN))
        ),
        encoding="utf-8",
    )
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return site, index["docs"]


def page_html(site, source):
    return (site / page_url(source) / "index.html").read_text(encoding="utf-8")


def indexed(docs, source):
    """The search index's text of a page and its sections."""
    return " ".join(
        entry["title"] + " " + entry["text"]
        for entry in docs
        if entry["location"].split("#")[0] == page_url(source)
    )


def test_a_soft_hyphen_in_a_page_word_leaves_the_page_and_the_search_index(built):
    site, docs = built
    assert PAGE_WORD in page_html(site, PAGE) and SOFT_HYPHEN not in page_html(site, PAGE)
    assert PAGE_WORD in indexed(docs, PAGE) and SOFT_HYPHEN not in indexed(docs, PAGE)


def test_a_soft_hyphen_in_a_quiz_prompt_leaves_the_page(built):
    """(The questions are not in the search index: the answers would be.)"""
    site, _ = built
    source = page_calling("quiz(").source
    assert PROMPT_WORD in page_html(site, source)
    assert SOFT_HYPHEN not in page_html(site, source)


def test_the_search_index_holds_none_of_them(built):
    _, docs = built
    assert not INVISIBLE.search(json.dumps(docs, ensure_ascii=False))


def test_a_zero_width_space_in_a_checklist_item_leaves_the_page_and_the_search_index(built):
    site, docs = built
    source = page_calling(f'checklist("{CHECKLIST_NAME}")').source
    assert ITEM_WORD in page_html(site, source)
    assert ZERO_WIDTH_SPACE not in page_html(site, source)
    assert ITEM_WORD in indexed(docs, source) and ZERO_WIDTH_SPACE not in indexed(docs, source)


def test_a_soft_hyphen_in_a_page_description_leaves_the_page_head(built):
    site, _ = built
    head = page_html(site, DESCRIBED).split("</head>")[0]
    assert f'<meta name="description" content="{html.escape(DESCRIPTION)}">' in head
    assert SOFT_HYPHEN not in head


def test_a_joiner_inside_an_emoji_is_kept(built):
    site, _ = built
    assert HEALTH_WORKER in page_html(site, page_calling("quiz(").source)


@pytest.mark.parametrize(
    "pasted, clean_text",
    [
        ("some\u00adtili", "sometili"),
        ("some\u200btili", "sometili"),
        ("some\u200ctili", "sometili"),
        ("some\u2060tili", "sometili"),
        ("some\ufefftili", "sometili"),
        ("some\u200dtili", "sometili"),
        (f"hoitaja {HEALTH_WORKER}", f"hoitaja {HEALTH_WORKER}"),
        ("\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001f3f3\ufe0f\u200d\U0001f308"),
        (f"a{JOINER}\U0001f308", "a\U0001f308"),
        ("rivi\nrivi", "rivi\nrivi"),
    ],
)
def test_clean_removes_invisible_characters_and_keeps_emoji_joiners(pasted, clean_text):
    assert clean(pasted) == clean_text


def test_the_real_content_has_none_of_them():
    for path in sorted((ROOT / "docs").rglob("*")):
        if path.suffix in (".md", ".yml"):
            assert not INVISIBLE.search(path.read_text(encoding="utf-8")), path
