"""Checklists are made by macros from docs/data/checklists.yml: every item
a labelled checkbox with a link to the rule it comes from; without
JavaScript both lists simply show."""

import itertools
import re
from urllib.parse import urljoin

import pytest
import yaml
from helpers import (
    GUIDELINE_PAGES,
    ROOT,
    editors_data,
    page_calling,
    page_url,
    rule_anchors,
    source_text,
    text_of,
)

CHECKLISTS = editors_data("checklists")
CHECKS = page_calling("posting_helper(").path
# Guideline pages that close with a checklist: (page.md, list name)
CLOSING_CHECKLISTS = [
    (source, name)
    for source in GUIDELINE_PAGES
    for name in re.findall(r'\{\{\s*checklist\(\s*"([^"]+)"', source_text(source))
]


def html(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def checklist_section(source, name):
    match = re.search(
        rf'<section class="handbook-checklist" data-checklist="{name}".*?</section>', source, re.S
    )
    assert match, f"no checklist {name!r} on the page"
    return match.group(0)


def test_the_lists_the_decision_helper_chooses_are_in_editors_data():
    helper = (ROOT / "overrides/handbook/posting-helper.html").read_text(encoding="utf-8")
    shown = set(re.findall(r'data-shows="([^"]+)"', helper))
    assert shown and shown <= set(CHECKLISTS)


@pytest.mark.parametrize("name", list(CHECKLISTS))
def test_every_item_is_a_labelled_checkbox(site, name):
    section = checklist_section(html(site, CHECKS), name)
    for item in CHECKLISTS[name]["items"]:
        box_id = f"checklist-{name}--{item['id']}"
        assert f'<input type="checkbox" id="{box_id}" data-item="{item["id"]}">' in section
        label = re.search(rf'<label for="{box_id}">(.*?)</label>', section, re.S)
        assert label and label.group(1) == item["text"]


@pytest.mark.parametrize("name", list(CHECKLISTS))
def test_every_item_links_to_an_existing_rule(site, name):
    base = "http://site/" + CHECKS
    section = checklist_section(html(site, CHECKS), name)
    links = re.findall(r'class="handbook-checklist__rule" href="([^"]+)"', section)
    assert len(links) == len(CHECKLISTS[name]["items"])
    for link, item in zip(links, CHECKLISTS[name]["items"], strict=True):
        target = urljoin(base, link)
        path, _, anchor = target.removeprefix("http://site/").partition("#")
        assert anchor == item["rule"].partition("#")[2]
        assert f'id="{anchor}"' in html(site, path), f"{link} points nowhere"


def test_each_checklist_closes_a_guideline_page():
    assert sorted(name for _, name in CLOSING_CHECKLISTS) == sorted(CHECKLISTS)


@pytest.mark.parametrize("page,name", CLOSING_CHECKLISTS)
def test_guideline_page_closes_with_its_checklist(site, page, name):
    source = html(site, page_url(page))
    checklist_section(source, name)
    last_rule = rule_anchors(page)[-1]
    assert source.index(f'data-checklist="{name}"') > source.index(f'id="{last_rule}"')


# data-js-only: shown only when scripts run (handbook.css; the browser tests
# check it with JavaScript off)


def test_without_javascript_both_lists_show_and_the_helper_hides(site):
    source = html(site, CHECKS)
    assert re.search(r'<form class="handbook-posting-helper"[^>]* data-js-only', source)
    for name in CHECKLISTS:
        tag = re.search(
            rf'<section class="handbook-checklist" data-checklist="{name}"[^>]*>', source
        ).group(0)
        assert " hidden" not in tag and "data-js-only" not in tag


def test_progress_and_reset_wait_for_javascript(site):
    section = checklist_section(html(site, CHECKS), "virka")
    assert re.search(r'class="handbook-checklist__progress"[^>]* data-js-only', section)
    assert re.search(r'class="md-button handbook-checklist__reset" data-js-only', section)


def plan_requirements():
    """The questions the guideline says a plan must answer: the sentences
    after 'seuraavat seikat:' in the approved text, while they ask."""
    approved = yaml.safe_load((ROOT / "docs/data/hyvaksytty-ohje.yml").read_text(encoding="utf-8"))
    lines = [line.strip() for text in approved.values() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.endswith("seuraavat seikat:")) + 1
    return list(itertools.takewhile(lambda line: line.endswith("?"), lines[start:]))


def test_account_plan_form_asks_what_the_guideline_requires(site):
    source = html(site, "kaupungin-edustajana/")
    plan = re.search(r'<section class="handbook-account-plan".*?</section>', source, re.S).group(0)
    labels = re.findall(r'<label for="plan-[a-z]+">(.*?)</label>', plan)
    for question in plan_requirements():
        assert question in labels


def test_account_plan_marks_optional_every_field_the_guideline_does_not_require(site):
    source = html(site, "kaupungin-edustajana/")
    plan = re.search(r'<section class="handbook-account-plan".*?</section>', source, re.S).group(0)
    labels = [
        text_of(label) for label in re.findall(r'<label for="plan-[a-z]+">(.*?)</label>', plan)
    ]
    required = plan_requirements()
    assert required, "no questions after 'seuraavat seikat:' in the approved text"
    assert [label for label in labels if not label.endswith("(vapaaehtoinen)")] == required


def test_account_plan_is_no_form_so_nothing_can_submit_it(site):
    source = html(site, "kaupungin-edustajana/")
    plan = re.search(r'<section class="handbook-account-plan".*?</section>', source, re.S).group(0)
    assert "<form" not in plan
    assert not re.search(r"<form[^>]*>(?:(?!</form>).)*data-account-plan", source, re.S)
