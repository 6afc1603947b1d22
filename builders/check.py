"""The editors' quick check, `python macros.py`: the build's verdict in a
second or two, without publishing anything. It runs the same MkDocs build
into a temporary folder, so it says exactly what the build says, MkDocs'
own link and nav checks included (MUOKKAUSOHJE.md), then prints which
questions and checklist items teach each rule of the guideline, and which
rules have changed since the latest approved version (handbook/history.py):
what a new version would hold, before the communications team asks for
its approval."""

import logging
import tempfile
from pathlib import Path

import handbook
from builders import internals


class _Collect(logging.Handler):
    """Every warning and error the build logs, but the editors' hook's own
    closing line (the check prints its own verdict)."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def emit(self, record):
        if record.levelno >= logging.WARNING and not record.name.endswith("hooks.editors"):
            self.problems.append(record.getMessage())


def main(config_file="mkdocs.yml"):
    problems, content, history = _build(config_file)
    for problem in problems:
        for line in problem.splitlines():
            if line.strip():
                print(f"VIRHE: {line}")
    if problems:
        return 1
    pages = len(list(Path(config_file).parent.joinpath("docs").rglob("*.md")))
    print(f"Sisältö on kunnossa: {pages} sivua.")
    if content is not None:
        print_coverage(handbook.coverage(content))
    if history is not None:
        print_unapproved(history)
    return 0


def _build(config_file):
    """([problem], checked content or None, its history or None) of a
    strict build into a temporary folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    content = history = None
    with tempfile.TemporaryDirectory() as site_dir:
        try:
            config = load_config(config_file, site_dir=site_dir, strict=True)
            build(config)
            content = internals.checked_content(config)
            history = internals.checked_history(config)
        except (Abort, SystemExit):  # SystemExit: mkdocs-macros stops on a render error
            pass
        except Exception as error:  # a problem in the config file itself
            collect.problems.append(str(error))
    return collect.problems, content, history


# A rule asked more often than this weighs too much in the self-check
MOST_QUESTIONS_PER_RULE = 3


def print_coverage(rows):
    """The editors' coverage table: each rule of the guideline, the quiz
    questions (and how many) and checklist items that teach it; a rule
    asked more than three times, and a rule without a question, are pointed
    out (warnings, not errors)."""
    width = max(len(rule) for rule, _, _ in rows)
    print(f"\n{'Ohjeen kohta':{width}}  Kysymykset (montako) / Tarkistuslistan kohdat")
    for rule, questions, items in rows:
        asked = f"{', '.join(questions)} ({len(questions)})" if questions else "–"
        print(f"{rule:{width}}  {asked} / {', '.join(items) or '–'}")
    often = [
        f"{rule} ({len(questions)})"
        for rule, questions, _ in rows
        if len(questions) > MOST_QUESTIONS_PER_RULE
    ]
    if often:
        print(
            f"\nHUOM: {len(often)} ohjeen kohtaa kysytään useammin kuin "
            f"{MOST_QUESTIONS_PER_RULE} kertaa, jolloin ne painavat itsearvioinnissa "
            f"liikaa: {', '.join(often)}"
        )
    missing = [rule for rule, questions, _ in rows if not questions]
    if missing:
        print(f"\nHUOM: {len(missing)} ohjeen kohdalla ei ole kysymystä: {', '.join(missing)}")


def print_unapproved(history):
    """The rules changed since the latest approved version, or why that
    cannot be known."""
    if not history.approved:
        print(f"\n{handbook.history.UNKNOWN[history.unknown]}")
        return
    latest = history.approved[-1].name
    changes = history.unapproved.changes if history.unapproved else []
    if not changes:
        print(f"\nOhjeen kohdat ovat samat kuin hyväksytyssä versiossa {latest}.")
        return
    print(
        f"\nOhjeen kohdat, jotka ovat muuttuneet viimeisimmän hyväksytyn version {latest} "
        f"jälkeen ({len(changes)} kpl). Nämä muutokset tulisivat uuteen versioon:"
    )
    for change in changes:
        heading = f" ({change.rule.heading})" if change.rule.heading else ""
        print(f"  {handbook.history.KINDS[change.kind]}: {change.rule.key}{heading}")
