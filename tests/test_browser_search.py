"""Search works for Finnish and for the words people type: an inflected word
or a base form, a synonym editors list in docs/data/synonyms.yml, a word
inside a compound and a word with one typo bring up the page that answers
it; a search that finds nothing offers the decision helper and the whole
guideline; the quiz's and tools' options and buttons stay out of the index.
(Which page comes first, and the held-out half of the everyday words, are
measured by bench/search_recall.py, not held here.)"""

import html
import json
import re

import pytest
from helpers import ROOT, SUB_PATH, editors_data, page_calling, page_url, quiz_on_site, search
from search_queries import INFLECTED_QUERIES, TUNING

from handbook import lemmas

browser = pytest.mark.browser
NO_RESULTS = "mopoauto"


@pytest.fixture(scope="module")
def search_page(browser, servers):
    """The front page, served under the sub-path, with search ready."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(servers[SUB_PATH], wait_until="networkidle")
    yield page
    context.close()


@browser
@pytest.mark.parametrize(
    "query,expected", INFLECTED_QUERIES, ids=[query for query, _ in INFLECTED_QUERIES]
)
def test_finnish_word_finds_its_page(search_page, servers, query, expected):
    assert servers[SUB_PATH] + expected in search(search_page, query)


@browser
@pytest.mark.parametrize("query,expected", TUNING, ids=[query for query, _ in TUNING])
def test_everyday_word_finds_its_page(search_page, servers, query, expected):
    assert servers[SUB_PATH] + expected in search(search_page, query)


@browser
@pytest.mark.parametrize("typed,words", editors_data("synonyms").items())
def test_synonym_finds_what_its_guideline_words_find(search_page, typed, words):
    found_by_words = search(search_page, words)
    assert found_by_words, f"the guideline words '{words}' find nothing"
    assert set(found_by_words) <= set(search(search_page, typed))


@browser
def test_inflected_synonym_is_recognised(search_page, servers):
    typed, words = next(iter(editors_data("synonyms").items()))
    assert search(search_page, typed) and set(search(search_page, words)) <= set(
        search(search_page, typed.upper())
    )


@browser
def test_word_inside_a_compound_is_found(search_page, servers):
    assert servers[SUB_PATH] + "salassapitovelvollisuus/" in search(search_page, "velvollisuus")


@browser
def test_one_typo_in_a_long_word_is_forgiven(search_page, servers):
    assert servers[SUB_PATH] + "salassapitovelvollisuus/" in search(
        search_page, "salasapitovelvollisuus"
    )


@browser
def test_word_absent_from_the_guideline_finds_nothing(search_page):
    assert search(search_page, NO_RESULTS) == []


def no_results_offer(page):
    page.wait_for_selector(".handbook-search-none a")
    return page.locator(".handbook-search-none a").evaluate_all("as => as.map(a => a.href)")


@browser
@pytest.mark.parametrize("where", ["/", SUB_PATH])
def test_no_results_offers_the_decision_helper_and_the_whole_guideline(browser, servers, where):
    helper, whole = page_calling("posting_helper("), page_calling("whole_guideline(")
    page = browser.new_page()
    page.goto(servers[where] + helper.path, wait_until="networkidle")
    search(page, NO_RESULTS)
    assert no_results_offer(page) == [
        servers[where] + helper.path + "#posting-helper",
        servers[where] + whole.path,
    ]
    page.close()


@browser
def test_no_results_offer_leaves_when_results_come(search_page):
    search(search_page, NO_RESULTS)
    no_results_offer(search_page)
    assert search(search_page, "salassapitovelvollisuus")
    assert search_page.locator(".handbook-search-none").count() == 0


@browser
def test_decision_helper_link_opens_the_helper(browser, servers):
    page = browser.new_page()
    page.goto(servers[SUB_PATH], wait_until="networkidle")
    search(page, NO_RESULTS)
    page.wait_for_selector(".handbook-search-none a")
    # The address says #posting-helper when the link opens it; then Material's
    # navigation.tracking may move it on to the heading scrolled to
    with page.expect_event("framenavigated", lambda frame: frame.url.endswith("#posting-helper")):
        page.locator(".handbook-search-none a").first.click()
    page.locator("#posting-helper").wait_for()
    page.close()


def index_text(site, source):
    """All the search index holds for one page (its sections), as plain text."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    path = page_url(source)
    text = " ".join(
        doc["title"] + " " + doc["text"]
        for doc in index["docs"]
        if doc["location"].split("#")[0] == path
    )
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def button_labels(template):
    source = (ROOT / "overrides/handbook" / template).read_text(encoding="utf-8")
    return [
        html.unescape(label.strip())
        for label in re.findall(r"<button[^>]*>([^<{]+)</button>", source)
    ]


def test_quiz_options_and_answers_are_not_in_the_search_index(site):
    page, _, quiz = quiz_on_site()
    text = index_text(site, page.source)
    assert text.strip(), "the quiz page is not in the index at all"
    for question in quiz["questions"]:
        for option in question.get("options") or []:
            assert option["text"] not in text
        assert question["explanation"] not in text


@pytest.mark.parametrize(
    "macro,template",
    [
        ("quiz(", "quiz.html"),
        ("checklist(", "checklist.html"),
        ("posting_helper(", "posting-helper.html"),
        ("account_plan_form(", "account-plan.html"),
    ],
)
def test_buttons_are_not_in_the_search_index(site, macro, template):
    labels = button_labels(template)
    assert labels, f"no buttons found in {template}"
    text = index_text(site, page_calling(macro).source)
    assert [label for label in labels if label in text] == []


def test_query_reaches_materials_worker_expanded_and_zensicals_stemmed(search_page):
    """Material sends the typed text as the message's data (to Lunr: words
    expanded); Zensical sends {input, filter} to its own engine (stems)."""
    material, zensical, expanded, stem = search_page.evaluate("""() => {
        const search = window.handbookSearch
        return [search.expandMessage({type: 2, data: "työajalla"}).data,
                search.expandMessage({type: 2, data: {input: "työajalla", filter: {}}}).data.input,
                search.expandQuery("työajalla"), search.stem("työajalla")]
    }""")
    assert material == expanded != "työajalla"
    assert zensical == stem != "työajalla"


# Base forms and compounds (search/lemmas.json, hooks/search.py), picked
# from the built site's own word data


@pytest.fixture(scope="module")
def word_pages(site):
    """{word on the pages: the site paths of the pages that hold it}."""
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {}
    for doc in docs:
        text = doc["title"] + " " + re.sub(r"<[^>]+>", " ", doc["text"])
        for word in lemmas.words_of([text]):
            pages.setdefault(word, set()).add(doc["location"].split("#")[0])
    return pages


@pytest.fixture(scope="module")
def word_data(site):
    path = site / "search/lemmas.json"
    if not path.exists():
        pytest.skip("the site was built without Voikko")
    return json.loads(path.read_text(encoding="utf-8"))


def base_forms_not_on_the_pages(word_data, word_pages):
    """Base forms (no word on the pages as such) whose words are all on one page."""
    return [
        (key, next(iter(pages)))
        for key, words in word_data.items()
        if key not in word_pages
        and len(key) > 4
        and len(pages := set().union(*(word_pages[word] for word in words))) == 1
    ]


@browser
def test_the_word_data_comes_with_the_search_not_with_the_page(browser, servers, word_data):
    context = browser.new_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(servers[SUB_PATH], wait_until="networkidle")
    assert not [url for url in asked if url.endswith("/search/lemmas.json")]
    search(page, next(iter(word_data)))
    assert [url for url in asked if url.endswith("/search/lemmas.json")] == [
        servers[SUB_PATH] + "search/lemmas.json"
    ]
    context.close()


@browser
def test_the_pages_words_are_read_at_the_first_word_searched_not_as_the_page_loads(
    browser, servers
):
    """Reading every page's words is a long task on a phone: a reader who
    never searches does not pay for it, not even for the empty query
    Material's search sends as the page loads."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        """{
        const post = Worker.prototype.postMessage
        window.queriesPosted = []
        Worker.prototype.postMessage = function (message, ...rest) {
          if (message && message.type === 2) queriesPosted.push(message.data)
          return post.call(this, message, ...rest)
        }
        }"""
    )
    page.goto(servers[SUB_PATH], wait_until="networkidle")
    page.wait_for_function("window.queriesPosted.length > 0")
    assert not page.evaluate("handbookSearch.indexRead()")
    search(page, "kuvat")
    assert page.evaluate("handbookSearch.indexRead()")
    context.close()


@browser
def test_a_base_form_finds_the_page_of_its_inflected_forms(
    search_page, servers, word_data, word_pages
):
    found = base_forms_not_on_the_pages(word_data, word_pages)
    assert found
    for key, page in found[:: max(1, len(found) // 5)]:
        assert servers[SUB_PATH] + page in search(search_page, key), key


@browser
def test_a_compound_typed_whole_finds_the_page_of_its_last_part(
    search_page, servers, word_data, word_pages
):
    key, page = base_forms_not_on_the_pages(word_data, word_pages)[0]
    typed = "työ" + key
    assert typed not in word_data and typed not in word_pages
    assert servers[SUB_PATH] + page in search(search_page, typed)


@browser
def test_search_reads_the_pages_words_when_materials_index_went_by_before_our_script(
    browser, servers
):
    """Our script loads after Material's bundle: on a slow page Material may
    have posted its index to the search worker before our script could see
    it. The first search then reads the index from the browser's cache, and
    a typo is still forgiven."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        """{
        const post = Worker.prototype.postMessage
        Worker.prototype.postMessage = function (message, ...rest) {
          if (message && message.type === 0) window.indexBeforeOurScript = !window.handbookSearch
          return post.call(this, message, ...rest)
        }
        }"""
    )

    def late(route):
        page.wait_for_timeout(1500)  # Material's search sets itself up meanwhile
        route.continue_()

    page.route("**/assets/javascripts/handbook.bundle.*.js", late)
    page.goto(servers[SUB_PATH], wait_until="networkidle")
    page.wait_for_function("window.handbook && handbook.started")
    assert page.evaluate("window.indexBeforeOurScript") is True
    assert servers[SUB_PATH] + "salassapitovelvollisuus/" in search(page, "salasapitovelvollisuus")
    assert page.evaluate("handbookSearch.indexRead()")
    context.close()
