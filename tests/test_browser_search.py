"""Search works for Finnish: an inflected word or a base form typed into the
search box brings up the page that holds the word in another form. (Which
page comes first is measured by bench/search_recall.py.)"""

import pytest

from search_queries import INFLECTED_QUERIES
from helpers import SUB_PATH, search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_page(browser, servers):
    """The front page, served under the sub-path, with search ready."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(servers[SUB_PATH], wait_until="networkidle")
    yield page
    context.close()


@pytest.mark.parametrize("query,expected", INFLECTED_QUERIES,
                         ids=[query for query, _ in INFLECTED_QUERIES])
def test_finnish_word_finds_its_page(search_page, servers, query, expected):
    assert servers[SUB_PATH] + expected in search(search_page, query)


def test_word_absent_from_the_guideline_finds_nothing(search_page):
    assert search(search_page, "mopoauto") == []


def test_query_is_stemmed_in_materials_format_and_in_zensicals(search_page):
    """Material sends the typed text as the message's data; Zensical sends
    {input, filter}. Both reach the worker with the words stemmed."""
    material, zensical, stem = search_page.evaluate("""() => {
        const search = window.handbookSearch
        return [search.stemMessage({type: 2, data: "työajalla"}).data,
                search.stemMessage({type: 2, data: {input: "työajalla", filter: {}}}).data.input,
                search.stem("työajalla")]
    }""")
    assert material == zensical == stem != "työajalla"
