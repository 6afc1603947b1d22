"""Each heading's permalink (¶) has a name of its own: "<permalink_title>:
<the heading's text>" (handbook/permalinks.py), not "¶", so that a screen
reader's list of links tells them apart. The ¶ and the anchor stay, and the
names stay out of the search index."""

import json
import re

import markdown
import pytest
import yaml
from helpers import PAGES, SUB_PATH, mkdocs_config
from selectolax.lexbor import LexborHTMLParser

from builders import internals
from handbook.permalinks import PermalinkNames

TOC = next(
    extension["toc"]
    for extension in mkdocs_config()["markdown_extensions"]
    if isinstance(extension, dict) and "toc" in extension
)
PREFIX = TOC["permalink_title"]


def permalinks(text, **toc):
    """[(aria-label, title, link text, href)] of the permalinks of Markdown
    made into HTML with the site's toc settings and PermalinkNames."""
    html = markdown.markdown(
        text,
        extensions=["attr_list", "toc", PermalinkNames()],
        extension_configs={"toc": {**TOC, **toc}},
    )
    return [
        (
            link.attributes.get("aria-label"),
            link.attributes.get("title"),
            link.text(),
            link.attributes["href"],
        )
        for link in LexborHTMLParser(html).css("a.headerlink")
    ]


def test_a_permalink_is_named_after_its_heading():
    assert permalinks("## Some työvälineenä {#tyovaline}") == [
        (f"{PREFIX}: Some työvälineenä", f"{PREFIX}: Some työvälineenä", "¶", "#tyovaline")
    ]


def test_the_name_holds_the_headings_text_without_its_markup():
    [(name, *_)] = permalinks("## Kun *julkaiset* `kaupungin` [nimissä](#x) & muuta")
    assert name == f"{PREFIX}: Kun julkaiset kaupungin nimissä & muuta"


def test_headings_of_the_same_text_get_numbered_names():
    names = [name for name, *_ in permalinks("## Esimerkki\n\n## Muu\n\n## Esimerkki")]
    assert names == [f"{PREFIX}: Esimerkki", f"{PREFIX}: Muu", f"{PREFIX}: Esimerkki (2)"]


def test_without_permalinks_nothing_is_added():
    html = markdown.markdown(
        "## Otsikko", extensions=["toc", PermalinkNames()], extension_configs={"toc": {}}
    )
    assert "aria-label" not in html


def test_the_search_index_holds_no_permalink_name(site):
    texts = internals.search_index_texts(site)
    assert texts, "no search index: the test saw nothing"
    assert not [text for text in texts if PREFIX in text or "¶" in text]


# Each permalink of a page in the browser: its name as Chromium's
# accessibility tree gives it (added below), the text it shows, its
# heading's text (without the permalink) and id, and where it leads (the
# anchor, when on the same page)
PAGE_PERMALINKS = """() => [...document.querySelectorAll("article a.headerlink")].map(link => {
  const heading = link.parentElement.cloneNode(true)
  heading.querySelector("a.headerlink").remove()
  // Material's instant navigation makes the address absolute
  const target = new URL(link.href)
  return {shows: link.textContent, id: link.parentElement.id,
          leads: target.pathname === location.pathname ? target.hash : link.href,
          heading: heading.textContent.trim().replace(/\\s+/g, " ")}
})"""


@pytest.fixture
def named_permalinks(open_page, servers):
    def _open(page):
        watched = open_page(servers[SUB_PATH] + page.path)
        links = watched.page.evaluate(PAGE_PERMALINKS)
        for link, locator in zip(
            links, watched.page.locator("article a.headerlink").all(), strict=True
        ):
            # [{'link "Linkki tähän kohtaan: …"': [its url, its text]}]
            [tree] = yaml.safe_load(locator.aria_snapshot())
            link["name"] = json.loads(re.fullmatch(r"link (\".*\")", next(iter(tree))).group(1))
        return links

    return _open


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_every_permalink_is_named_after_its_heading(named_permalinks, page):
    links = named_permalinks(page)
    assert links, "no permalink on the page: the test saw nothing"
    for link in links:
        assert link["name"] != "¶"
        assert link["name"].startswith(f"{PREFIX}: {link['heading']}"), link


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_no_two_permalinks_of_a_page_share_a_name(named_permalinks, page):
    names = [link["name"] for link in named_permalinks(page)]
    assert len(set(names)) == len(names), names


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES, ids=[page.source for page in PAGES])
def test_every_permalink_still_shows_its_sign_and_leads_to_its_heading(named_permalinks, page):
    for link in named_permalinks(page):
        assert (link["shows"], link["leads"]) == ("¶", f"#{link['id']}")
