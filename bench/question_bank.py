"""The self-check bank's figures (docs/data/quiz.yml): can a test-wise
reader pass without reading, and does the bank ask what the guideline
allows as well as what it forbids?

Printed: questions by part of the guideline (the page of each rule) and by
type; the most questions on one rule; single-choice questions whose right
option is the most cautious one; questions where the guideline allows the
action and the cautious option is wrong; excuse words ("koska", "kun" …) in
right and wrong options; mean option length, right and wrong; where the
right option stands; loyalty questions and the situations they ask.

Three figures need a reader's judgement (most cautious key, allowed action,
loyalty situations), so they come from the lists below,
which a reviewer keeps as the bank changes (the script says when a listed
id is no longer in the bank, and which single-choice questions are not
judged yet).

Run:  .venv/bin/python bench/question_bank.py
"""

import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUIZ_FILE = ROOT / "docs/data/quiz.yml"

# Kept by a reviewer. Single-choice questions whose right option is the
# most cautious of the options: it does the least, asks the most leave or
# tells the least. A reader who always picks the most cautious option gets
# these right without reading.
KEY_IS_MOST_CAUTIOUS = {
    "paivakodin-instagram",
    "harkinta-ystavien-kesken",
    "kommentti-kesken-tyopaivan",
    "harrastusseuran-keskustelupalsta",
    "polttarikuva",
    "peraton-huhu-liikuntahallista",
    "whatsapp-ryhman-kysymys",
    "vanhempien-whatsapp-ryhma",
    "valmisteilla-oleva-asia",
    "kuvakaappaus-sisaisesta-keskustelusta",
}
# Single-choice questions judged and found otherwise: the right option is
# not the most cautious one, or the options do not differ in caution.
KEY_IS_NOT_MOST_CAUTIOUS = {
    "asiakaspalaute-facebookissa",
    "kysymyksia-sivun-kommenteissa",
    "tyokaverin-asiat-kommenteissa",
    "tyoryhman-yhteinen-tila",
    "opettajien-ammattiverkosto",
    "tili-koska-muillakin-on",
    "kuka-hallinnoi-virkaprofiilia",
    "kesatapahtuman-sivu",
    "mista-aiheita-paivityksiin",
    "hankkeen-sivu-lopetetaan",
    "some-tyossa-kenen-puoleen",
    "nimimerkki-pienessa-kaupungissa",
    "oma-harrastustili",
    "asiantuntija-paikallisryhmassa",
    "toimittaja-somessa",
    "paatos-omasta-yksikosta",
    "tyopaikkailmoituksen-jakaminen",
    "naapuri-kysyy-tyopaikasta",
    "kuka-vastaa-toimialan-viestinnasta",
    "valtuuston-paatos-omalla-seinalla",
    "ohjaajia-liian-vahan",
    "kirjaston-kotipalvelun-kuva",
}
# Kept by a reviewer. Questions where the guideline allows the action and
# an over-cautious answer (do nothing, ask leave, stay out) is wrong.
ALLOWED_AND_CAUTION_WRONG = {
    "asiakaspalaute-facebookissa",
    "suhtautuminen-someen",
    "kysymyksia-sivun-kommenteissa",
    "tyokaverin-asiat-kommenteissa",
    "tyoryhman-yhteinen-tila",
    "opettajien-ammattiverkosto",
    "sivu-erityiselle-kohderyhmalle",
    "mihin-tyosahkopostilla",
    "nimimerkki-pienessa-kaupungissa",
    "oma-harrastustili",
    "asiantuntija-paikallisryhmassa",
    "toimittaja-somessa",
    "paatos-omasta-yksikosta",
    "tyopaikkailmoituksen-jakaminen",
    "valtuuston-paatos-omalla-seinalla",
    "ohjaajia-liian-vahan",
    "lojaliteetti-vapaa-ajan-tilanteissa",
    "kirjaston-kotipalvelun-kuva",
}
# Loyalty to the employer: its own rule, and the rule on one's own work and
# employer matters (a second reader counted both)
LOYALTY_RULES = {
    "salassapitovelvollisuus.md#lojaliteettivelvollisuus",
    "yksityishenkilona.md#oma-tyo",
}
# Kept by a reviewer: the situations each loyalty question asks (a
# multiple-choice question may put several side by side)
LOYALTY_SITUATIONS = {
    "valtuuston-paatos-omalla-seinalla": ["kaupunginvaltuuston päätös omassa profiilissa"],
    "ohjaajia-liian-vahan": ["oman yksikön resurssien arvostelu paikallisessa ryhmässä"],
    "paatos-omasta-yksikosta": ["oman yksikön päätöksen kiivas keskustelu paikallisessa ryhmässä"],
    "tyopaikkailmoituksen-jakaminen": ["oman työpaikan ilmoituksen jakaminen ja kehuminen"],
    "naapuri-kysyy-tyopaikasta": ["naapuri kysyy nimeltä mielipidettä omasta työpaikasta"],
    "lojaliteetti-vapaa-ajan-tilanteissa": [
        "kyläkoulun lakkauttamisen vastustaminen kylän ryhmässä",
        "työnantajaa pilkkaavan päivityksen jakaminen",
        "adressi kaupungin päätöstä vastaan",
        "työpaikan ongelmista kirjoittaminen lomalla",
    ],
}
# Words that give an option a reason or a condition: a test-wise reader
# learns to distrust them if they are mostly in the wrong options
EXCUSE_WORDS = [
    "koska",
    "kun",
    "kunhan",
    "jos",
    "mikäli",
    "ellei",
    "sillä",
    "jotta",
    "jottei",
    "joten",
    "vaikka",
]
EXCUSE = re.compile(r"\b(" + "|".join(EXCUSE_WORDS) + r")\b", re.I)
MOST_PER_RULE = 3


def options(question):
    """(text, right) of a question's options; a true/false question has none."""
    return [(o["text"], bool(o.get("correct"))) for o in question.get("options") or []]


def share(part, whole):
    return f"{part}/{whole} ({100 * part / whole:.0f} %)" if whole else "0/0"


def report(quiz):
    questions = quiz["questions"]
    ids = {q["id"] for q in questions}
    singles = [q for q in questions if q["type"] == "single"]
    lines = [f"Kysymyksiä {len(questions)}, kerralla kysytään {quiz.get('draw') or 'kaikki'}."]

    lines.append("\nOhjeen osittain (säännön sivu):")
    for part, count in Counter(q["rule"].partition("#")[0] for q in questions).items():
        lines.append(f"  {part:28} {count}")
    lines.append("Tyypeittäin:")
    for kind, count in Counter(q["type"] for q in questions).items():
        lines.append(f"  {kind:28} {count}")
    answers = Counter(q["answer"] for q in questions if q["type"] == "truefalse")
    lines.append(f"  totta/tarua: totta {answers[True]}, tarua {answers[False]}")
    per_rule = Counter(q["rule"] for q in questions)
    rule, most = per_rule.most_common(1)[0]
    over = [r for r, n in per_rule.items() if n > MOST_PER_RULE]
    lines.append(
        f"Eniten kysymyksiä yhdestä ohjeen kohdasta: {most} ({rule}); "
        f"yli {MOST_PER_RULE}: {', '.join(over) or 'ei yhtään'}"
    )

    cautious = [q["id"] for q in singles if q["id"] in KEY_IS_MOST_CAUTIOUS]
    lines.append(
        "\nYksi oikea -kysymykset, joissa oikea vastaus on varovaisin vaihtoehto: "
        + share(len(cautious), len(singles))
    )
    allowed = [q["id"] for q in questions if q["id"] in ALLOWED_AND_CAUTION_WRONG]
    lines.append(
        f"Kysymykset, joissa ohje sallii ja liian varovainen vastaus on väärä: {len(allowed)}"
    )

    right = [text for q in questions for text, ok in options(q) if ok]
    wrong = [text for q in questions for text, ok in options(q) if not ok]
    lines.append("\nPerustelusanat (" + ", ".join(EXCUSE_WORDS) + ") vaihtoehdoissa:")
    for name, texts in [("oikeat", right), ("väärät", wrong)]:
        found = Counter(m.lower() for text in texts for m in EXCUSE.findall(text))
        with_excuse = sum(1 for text in texts if EXCUSE.search(text))
        words = ", ".join(
            f"{word} {n} ({100 * n / len(texts):.0f} %)" for word, n in found.most_common()
        )
        lines.append(f"  {name:7} {share(with_excuse, len(texts))} vaihtoehdosta; {words}")
    lines.append("Vaihtoehdon keskipituus merkkeinä:")
    for name, texts in [("oikeat", right), ("väärät", wrong)]:
        lines.append(f"  {name:7} {statistics.mean(map(len, texts)):.0f}")
    longest = [q for q in singles if max(options(q), key=lambda o: len(o[0]))[1]]
    shortest = [q for q in singles if min(options(q), key=lambda o: len(o[0]))[1]]
    lines.append(
        f"  yksi oikea: oikea on pisin {share(len(longest), len(singles))}, "
        f"lyhin {share(len(shortest), len(singles))}"
    )
    places = Counter(next(i for i, (_, ok) in enumerate(options(q), 1) if ok) for q in singles)
    lines.append(
        "Oikean vaihtoehdon paikka (yksi oikea): "
        + ", ".join(f"{place}. {places[place]}" for place in sorted(places))
    )

    loyal = [q for q in questions if q["rule"] in LOYALTY_RULES]
    situations = [s for q in loyal for s in LOYALTY_SITUATIONS.get(q["id"], [])]
    lines.append(
        f"\nLojaliteettikysymykset (sääntö {', '.join(sorted(LOYALTY_RULES))}): "
        f"{len(loyal)} kysymystä, {len(situations)} tilannetta"
    )
    lines.extend(f"  - {s}" for s in situations)

    judged = KEY_IS_MOST_CAUTIOUS | KEY_IS_NOT_MOST_CAUTIOUS
    lists = [KEY_IS_MOST_CAUTIOUS, KEY_IS_NOT_MOST_CAUTIOUS, ALLOWED_AND_CAUTION_WRONG]
    stale = sorted((set().union(*lists) | set(LOYALTY_SITUATIONS)) - ids)
    unjudged = sorted(q["id"] for q in singles if q["id"] not in judged)
    unlisted = sorted(q["id"] for q in loyal if q["id"] not in LOYALTY_SITUATIONS)
    for label, items in [
        ("Listoissa, mutta ei enää kysymyksissä", stale),
        ("Yksi oikea -kysymykset, joita ei ole arvioitu (varovaisin vai ei)", unjudged),
        ("Lojaliteettikysymykset, joiden tilanteita ei ole kirjattu", unlisted),
    ]:
        if items:
            lines.append(f"\nHUOM: {label}: {', '.join(items)}")
    return "\n".join(lines)


def main():
    quizzes = yaml.safe_load(QUIZ_FILE.read_text(encoding="utf-8"))
    for name, quiz in quizzes.items():
        print(f"Kysely {name}\n" + report(quiz))


if __name__ == "__main__":
    sys.exit(main())
