"""Deliberate breakages of the code, and whether the test suite notices.

Each mutation changes one thing in a copy of the project (a grading rule,
a validator check, a header) and runs the tests that should catch it. A
mutation the tests let through is a hole in the suite.

    .venv/bin/python bench/mutations.py            # all of them
    .venv/bin/python bench/mutations.py pass-mark  # those whose name contains a word

Runs in fresh git worktrees of HEAD (commit first). First a control: the
chosen tests must pass without any mutation. Then one line a mutation
(caught / SURVIVED, with the seconds it took) and the totals. Each run has
a time limit, so a hanging test counts as caught-by-timeout and is reported
as such.
"""

import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 900  # seconds a mutation's tests may take

# (name, file, text to replace, replacement, tests to run)
MUTATIONS = [
    (
        "quiz: pass mark compared with > instead of >=",
        "overrides/assets/javascripts/quiz.js",
        ">= passMark",
        "> passMark",
        "tests/test_browser_quiz.py::test_score_exactly_at_the_pass_mark_passes "
        "tests/test_browser_quiz.py::test_most_wrong_answers_the_pass_mark_allows_still_pass",
    ),
    (
        "quiz: true/false graded the wrong way round",
        "overrides/handbook/quiz.html",
        '{"text": "Totta", "correct": question.answer',
        '{"text": "Totta", "correct": not question.answer',
        "tests/test_browser_quiz.py::test_true_false_question_is_graded_the_right_way_round",
    ),
    (
        "quiz: a multiple answer with some right options counts as right",
        "overrides/assets/javascripts/quiz.js",
        "chosen.length === correct.length &&",
        "",
        "tests/test_browser_quiz.py::test_multiple_choice_with_only_some_right_options_is_wrong",
    ),
    (
        "quiz: the reread list shows every rule, not the missed ones",
        "overrides/assets/javascripts/quiz.js",
        "state.first[q.dataset.question] === false)",
        "true)",
        "tests/test_browser_quiz.py::test_reread_list_holds_exactly_the_rules_of_the_missed_questions",
    ),
    (
        "decision helper: the working-hours notice stays when posting for the city",
        "overrides/assets/javascripts/posting-helper.js",
        'official !== "no" || form.elements["working-hours"].value !== "yes"',
        'form.elements["working-hours"].value !== "yes"',
        "tests/test_browser_checklists.py::test_notice_goes_when_posting_for_the_city_after_all",
    ),
    (
        "validator: duplicate ids allowed",
        "handbook/__init__.py",
        '            if entry["id"] in first_line:',
        "            if False:",
        "tests/test_broken_content.py -k validate_command",
    ),
    (
        "validator: rule anchors not checked",
        "handbook/__init__.py",
        "    elif anchor not in anchors[page]:",
        "    elif False:",
        "tests/test_broken_content.py -k validate_command",
    ),
    (
        "validator: macro calls on pages not checked",
        "handbook/__init__.py",
        "            calls[page.src] = page_checks.macro_calls(",
        "            calls[page.src] = [] and page_checks.macro_calls(",
        "tests/test_broken_content.py tests/test_valid_content.py -k 'validate_command or valid'",
    ),
    (
        "validator: images without alt text allowed",
        "handbook/__init__.py",
        "        for source in images:",
        "        for source in []:",
        "tests/test_broken_content.py -k validate_command",
    ),
    (
        "validator: YAML aliases allowed",
        "handbook/yamlfile.py",
        "        if not _no_anchors(text, file, problems):",
        "        if False:",
        "tests/test_broken_content.py tests/test_valid_content.py -k 'validate_command or valid'",
    ),
    (
        "validator: ' #' in plain text not caught",
        "handbook/yamlfile.py",
        '        if rest.strip().startswith("#"):',
        "        if False:",
        "tests/test_broken_content.py -k validate_command",
    ),
    (
        "validator: symlinks published",
        "handbook/pages.py",
        "        if path.is_symlink() or",
        "        if False and",
        "tests/test_valid_content.py",
    ),
    (
        "validator: same macro twice on a page allowed",
        "handbook/__init__.py",
        "            if (name, args) in seen:",
        "            if False:",
        "tests/test_broken_content.py -k validate_command",
    ),
    (
        "build: sandbox not used",
        "hooks/editors.py",
        "        _sandbox(macros)",
        "        pass",
        "tests/test_valid_content.py",
    ),
    (
        "build: a failed build leaves its files",
        "hooks/editors.py",
        '        clean_directory(_state["site_dir"])',
        "        pass",
        "tests/test_broken_content.py -k stops_the_build",
    ),
    (
        "page dates: the data a page shows is ignored",
        "macros.py",
        "            sources[page].update(MACRO_DATA.get(name, []))",
        "            pass",
        "tests/test_page_dates.py",
    ),
    (
        "page dates: a fixed date",
        "overrides/handbook/page-facts.html",
        "{{ changed[source] }}",
        "1.1.2026",
        "tests/test_page_dates.py tests/test_site.py",
    ),
    (
        "metadata: a made-up version shown",
        "overrides/handbook/page-facts.html",
        "{% if version %}Ohjeen versio {{ version | e }}.{% endif %}",
        "Ohjeen versio 1.0.",
        "tests/test_site.py",
    ),
    (
        "nginx: no CSP on 404",
        "deploy/nginx/handbook.conf",
        "Content-Security-Policy",
        "X-Content-Security-Policy",
        "tests/test_nginx.py",
    ),
    (
        "csp: inline scripts in content allowed",
        "hooks/csp.py",
        "def on_post_build",
        "def _unused_on_post_build",
        "tests/test_csp_check.py",
    ),
    (
        "printable: guideline text markers ignored",
        "handbook/__init__.py",
        '        parts[src] = [piece.split(GUIDELINE_END)[0].strip("\\n") for piece in pieces]',
        "        parts[src] = [page.body]",
        "tests/test_guideline_text.py",
    ),
]


def run(name, file, old, new, tests):
    """(verdict, seconds) of the tests in a fresh worktree of HEAD (with its
    git history, which the page dates need) with the mutation applied; with
    old == new == None, the unmutated control."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "project"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(copy), "HEAD"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            if old is not None:
                target = copy / file
                text = target.read_text(encoding="utf-8")
                if old not in text:
                    return "NOT APPLIED (text not found)", 0.0
                target.write_text(text.replace(old, new, 1), encoding="utf-8")
            started = time.perf_counter()
            try:
                result = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "pytest",
                        "-q",
                        "-x",
                        "-p",
                        "no:cacheprovider",
                        *shlex.split(tests),
                    ],
                    cwd=copy,
                    capture_output=True,
                    text=True,
                    timeout=LIMIT,
                )
                verdict = "caught" if result.returncode != 0 else "SURVIVED"
            except subprocess.TimeoutExpired:
                verdict = "caught (time limit)"
            return verdict, time.perf_counter() - started
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(copy)], cwd=ROOT, capture_output=True
            )


def main(*words):
    chosen = [m for m in MUTATIONS if not words or any(w in m[0] for w in words)]
    # Control: each selection of tests must pass on the unmutated code, or a
    # "caught" would mean nothing
    for tests in dict.fromkeys(m[4] for m in chosen):
        verdict, seconds = run("control", None, None, None, tests)
        if verdict != "SURVIVED":
            print(f"CONTROL FAILS ({seconds:.0f} s): {tests}", flush=True)
    results = []
    for mutation in chosen:
        verdict, seconds = run(*mutation)
        results.append(verdict)
        print(f"{verdict:30} {seconds:6.0f} s  {mutation[0]}", flush=True)
    caught = sum(verdict.startswith("caught") for verdict in results)
    applied = sum(not verdict.startswith("NOT") for verdict in results)
    print(
        f"\n{caught} of {applied} applied mutations caught; "
        f"{applied - caught} survived; {len(results) - applied} not applied"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
