"""Every change MUOKKAUSOHJE.md §2–4 describes, made in a copy of the
project the way an editor makes it, builds with --strict and shows on the
site: questions and options, checklist items, a guideline sentence, a new
page, an image and an attachment. One build per change."""

import re

import pytest
import yaml
from helpers import (
    GUIDELINE_PAGES,
    copy_project,
    mkdocs_build,
    page_calling,
    page_text,
    page_url,
    quiz_on_site,
    rule_anchors,
    source_text,
)

# A one-pixel PNG, written from its bytes
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a1f1b36b0000000049454e44ae426082"
)
# A one-page PDF
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

QUIZ_PAGE, QUIZ_NAME, _ = quiz_on_site()
# Ids the changes add: unused in today's data, whatever editors have added
NEW_ID = "lisatty-muokkausohjeen-mukaan"


class Copy:
    """A copy of the project and the editor's tools on it."""

    def __init__(self, root):
        self.root = root

    def text(self, path):
        return (self.root / path).read_text(encoding="utf-8")

    def write(self, path, text):
        (self.root / path).write_text(text, encoding="utf-8")

    def append(self, path, text):
        self.write(path, self.text(path).rstrip("\n") + "\n" + text)

    def data(self, name):
        return yaml.safe_load(self.text(f"docs/data/{name}.yml"))

    def save_data(self, name, data):
        """Rewrite a data file (the editor moved or deleted lines)."""
        self.write(
            f"docs/data/{name}.yml",
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
        )

    def quiz(self):
        return self.data("quiz")[QUIZ_NAME]

    def edit_quiz(self, change):
        data = self.data("quiz")
        change(data[QUIZ_NAME]["questions"])
        self.save_data("quiz", data)

    def edit_checklist(self, change):
        data = self.data("checklists")
        name = list(data)[-1]
        change(data[name]["items"])
        self.save_data("checklists", data)


def quiz_rule(copy):
    return copy.quiz()["questions"][0]["rule"]


def checklist_rule(copy):
    data = copy.data("checklists")
    return data[list(data)[-1]]["items"][0]["rule"]


def question_ids(html):
    return re.findall(r'<li class="handbook-quiz__question"[^>]* data-question="([^"]+)"', html)


def checklist_ids(html, name=None):
    """The item ids of the checkboxes on a page, or of one list on it."""
    if name:
        html = re.search(rf'data-checklist="{name}".*?</section>', html, re.S).group(0)
    return re.findall(r'<input type="checkbox" id="checklist-[^"]+" data-item="([^"]+)"', html)


def quiz_html(site):
    return (site / QUIZ_PAGE.path / "index.html").read_text(encoding="utf-8")


def checks_html(site):
    return (site / page_calling("posting_helper(").path / "index.html").read_text(encoding="utf-8")


# Each change: (make it in the copy, return what to look for) and
# (check the built site with it)


def add_single_question(copy):
    # MUOKKAUSOHJE §3, with the example's indentation, at the end of the quiz
    copy.append(
        "docs/data/quiz.yml",
        f"""
    - id: {NEW_ID}-uusi-yksi-oikea
      type: single
      prompt: "Uusi kysymys: mitä teet?"
      options:
        - text: Kerron siitä esimiehelle.
          correct: true
        - text: En tee mitään.
          feedback: Ohje neuvoo kertomaan esimiehelle.
      explanation: Uuden kysymyksen selitys.
      rule: {quiz_rule(copy)}
""",
    )
    return lambda site: (
        f"{NEW_ID}-uusi-yksi-oikea" == question_ids(quiz_html(site))[-1]
        and "Uusi kysymys: mitä teet?" in quiz_html(site)
    )


def add_multiple_question(copy):
    copy.append(
        "docs/data/quiz.yml",
        f"""
    - id: {NEW_ID}-uusi-monta-oikeaa
      type: multiple
      prompt: Mitkä ovat oikein?
      options:
        - text: Ensimmäinen oikea
          correct: true
        - text: Toinen oikea
          correct: true
        - text: Väärä vaihtoehto
      explanation: Kaksi oikeaa.
      rule: {quiz_rule(copy)}
""",
    )
    return lambda site: (
        f"{NEW_ID}-uusi-monta-oikeaa" in question_ids(quiz_html(site))
        and "Oikeat vastaukset: Ensimmäinen oikea ja Toinen oikea." in quiz_html(site)
    )


def add_truefalse_question(copy):
    copy.append(
        "docs/data/quiz.yml",
        f"""
    - id: {NEW_ID}-uusi-totta-vai-tarua
      type: truefalse
      prompt: Uusi väite on totta.
      answer: true
      explanation: Väite on totta.
      rule: {quiz_rule(copy)}
""",
    )
    return lambda site: (
        f"{NEW_ID}-uusi-totta-vai-tarua" in question_ids(quiz_html(site))
        and "Uusi väite on totta." in quiz_html(site)
    )


def edit_question_text(copy):
    old = copy.quiz()["questions"][0]["prompt"]
    copy.edit_quiz(lambda questions: questions[0].update(prompt="Muokattu kysymys?"))
    return lambda site: "Muokattu kysymys?" in quiz_html(site) and old not in quiz_html(site)


def remove_question(copy):
    removed = copy.quiz()["questions"][1]["id"]
    copy.edit_quiz(lambda questions: questions.pop(1))
    expected = [q["id"] for q in copy.quiz()["questions"]]
    return lambda site: question_ids(quiz_html(site)) == expected and removed not in expected


def reorder_questions(copy):
    copy.edit_quiz(lambda questions: questions.reverse())
    expected = [q["id"] for q in copy.quiz()["questions"]]
    return lambda site: question_ids(quiz_html(site)) == expected


def with_options(copy):
    return next(q for q in copy.quiz()["questions"] if len(q.get("options") or []) >= 3)


def add_option(copy):
    target = with_options(copy)["id"]
    copy.edit_quiz(
        lambda questions: next(q for q in questions if q["id"] == target)["options"].append(
            {"text": "Lisätty vaihtoehto"}
        )
    )
    return lambda site: (
        "Lisätty vaihtoehto"
        in re.search(rf'data-question="{target}".*?</li>', quiz_html(site), re.S).group(0)
    )


def remove_option(copy):
    question = with_options(copy)
    removed = next(o["text"] for o in question["options"] if not o.get("correct"))

    def drop(questions):
        options = next(q for q in questions if q["id"] == question["id"])["options"]
        options[:] = [o for o in options if o["text"] != removed]

    copy.edit_quiz(drop)
    return lambda site: (
        removed
        not in re.search(rf'data-question="{question["id"]}".*?</li>', quiz_html(site), re.S).group(
            0
        )
    )


def add_checklist_item(copy):
    # MUOKKAUSOHJE §4, at the end of the last list
    copy.append(
        "docs/data/checklists.yml",
        f"""
    - id: {NEW_ID}
      text: Tarkista, että uusi kohta näkyy.
      details: Vapaaehtoinen tarkempi selitys.
      rule: {checklist_rule(copy)}
""",
    )
    last_list = list(copy.data("checklists"))[-1]
    return lambda site: (
        checklist_ids(checks_html(site), last_list)[-1] == NEW_ID
        and "Tarkista, että uusi kohta näkyy." in checks_html(site)
    )


def edit_checklist_item(copy):
    copy.edit_checklist(lambda items: items[0].update(text="Muokattu kohta."))
    return lambda site: "Muokattu kohta." in checks_html(site)


def remove_checklist_item(copy):
    data = copy.data("checklists")
    removed = data[list(data)[-1]]["items"][0]["id"]
    last_list = list(data)[-1]
    copy.edit_checklist(lambda items: items.pop(0))
    return lambda site: removed not in checklist_ids(checks_html(site), last_list)


def reorder_checklist_items(copy):
    copy.edit_checklist(lambda items: items.reverse())
    data = copy.data("checklists")
    last_list = list(data)[-1]
    expected = [item["id"] for item in data[last_list]["items"]]
    return lambda site: checklist_ids(checks_html(site), last_list) == expected


def change_guideline_sentence(copy):
    # §2: a new approved version: the text of a rule changes (its {: #id }
    # stays), the approved text changes with it, and so do version and approval
    source = GUIDELINE_PAGES[-1]
    anchor = rule_anchors(source)[-1]
    text = copy.text(f"docs/{source}")
    rule = re.search(r"\n\n([^\n{<]*(?:\n[^\n{<]+)*)\n\{: #" + re.escape(anchor) + r" \}", text)
    copy.write(
        f"docs/{source}",
        text[: rule.start(1)] + "Tämä on ohjeen uusi virke." + text[rule.end(1) :],
    )
    copy.write(
        APPROVED,
        approved_with(copy.text(APPROVED), source, " ".join(rule.group(1).split())),
    )
    config = copy.text("mkdocs.yml")
    for key, value in [("version", '"1.1"'), ("approval", "Hyväksytty 1.2.2027")]:
        config = re.sub(
            rf"^(\s*)# {key}: .*$", rf"\g<1>{key}: {value}", config, count=1, flags=re.M
        )
    copy.write("mkdocs.yml", config)
    printable = page_calling("whole_guideline(").path
    return lambda site: all(
        "Tämä on ohjeen uusi virke." in page_text(site, path)
        for path in [page_url(source), printable]
    )


APPROVED = "docs/data/hyvaksytty-ohje.yml"


def approved_with(reference, source, paragraph):
    """The approved text with the sentences of paragraph, in source's block,
    replaced by the new sentence."""
    lines, block, done = [], None, False
    for line in reference.split("\n"):
        if line and not line[0].isspace():
            block = line.split(":")[0]
        if block == source and line.strip() and line.strip() in paragraph:
            if not done:
                lines.append(line[: len(line) - len(line.lstrip())] + "Tämä on ohjeen uusi virke.")
                done = True
            continue
        lines.append(line)
    assert done
    return "\n".join(lines)


def add_page_to_nav(copy):
    copy.write("docs/uusi-sivu.md", "# Uusi sivu\n\nUuden sivun teksti.\n")
    config = copy.text("mkdocs.yml")
    copy.write(
        "mkdocs.yml", re.sub(r"^nav:\n", "nav:\n  - Uusi sivu: uusi-sivu.md\n", config, flags=re.M)
    )
    return lambda site: (
        "Uuden sivun teksti." in page_text(site, "uusi-sivu/")
        and 'href="uusi-sivu/"' in (site / "index.html").read_text(encoding="utf-8")
    )


def add_image(copy):
    source = GUIDELINE_PAGES[-1]
    (copy.root / "docs/kuvat").mkdir(exist_ok=True)
    (copy.root / "docs/kuvat/esimerkki.png").write_bytes(PNG)
    copy.append(f"docs/{source}", "\n![Esimerkkikuva ohjeeseen](kuvat/esimerkki.png)\n")
    return lambda site: (
        (site / "kuvat/esimerkki.png").read_bytes() == PNG
        and re.search(
            r'<img alt="Esimerkkikuva ohjeeseen" src="\.\./kuvat/esimerkki\.png"',
            (site / page_url(source) / "index.html").read_text(encoding="utf-8"),
        )
    )


def add_attachment(copy):
    source = GUIDELINE_PAGES[-1]
    (copy.root / "docs/liitteet").mkdir(exist_ok=True)
    (copy.root / "docs/liitteet/ohje.pdf").write_bytes(PDF)
    copy.append(f"docs/{source}", "\n[Ohje PDF-tiedostona](liitteet/ohje.pdf)\n")
    return lambda site: (
        (site / "liitteet/ohje.pdf").read_bytes() == PDF
        and '<a href="../liitteet/ohje.pdf">Ohje PDF-tiedostona</a>'
        in (site / page_url(source) / "index.html").read_text(encoding="utf-8")
    )


CHANGES = [
    add_single_question,
    add_multiple_question,
    add_truefalse_question,
    edit_question_text,
    remove_question,
    reorder_questions,
    add_option,
    remove_option,
    add_checklist_item,
    edit_checklist_item,
    remove_checklist_item,
    reorder_checklist_items,
    change_guideline_sentence,
    add_page_to_nav,
    add_image,
    add_attachment,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_documented_change_builds_and_shows(tmp_path, change):
    copy = Copy(copy_project(tmp_path / "project"))
    shows = change(copy)
    result = mkdocs_build(copy.root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert shows(tmp_path / "site")


def test_a_change_that_does_not_show_is_noticed(tmp_path):
    """The checks above can fail: on the unchanged site they do."""
    copy = Copy(copy_project(tmp_path / "project"))
    shows = add_single_question(copy)
    copy.write("docs/data/quiz.yml", source_text("data/quiz.yml"))
    assert mkdocs_build(copy.root, tmp_path / "site").returncode == 0
    assert not shows(tmp_path / "site")
