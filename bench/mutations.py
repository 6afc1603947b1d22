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

import re
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
        "handbook/data.py",
        '            if entry["id"] in first_line:',
        "            if False:",
        "tests/test_broken_content.py -k validate_command",
    ),
    (
        "validator: rule anchors not checked",
        "handbook/data.py",
        "    elif anchor not in anchors[page]:",
        "    elif False:",
        "tests/test_broken_content.py -k validate_command",
    ),
    (
        "validator: macro calls on pages not checked",
        "handbook/content.py",
        "            calls[page.src] = page_checks.macro_calls(",
        "            calls[page.src] = [] and page_checks.macro_calls(",
        "tests/test_broken_content.py tests/test_valid_content.py -k 'validate_command or valid'",
    ),
    (
        "validator: images without alt text allowed",
        "handbook/content.py",
        "    for source in images:",
        "    for source in []:",
        "tests/test_broken_content.py -k validate_command",
    ),
    (
        "validator: YAML aliases allowed",
        "handbook/yamlfile.py",
        '        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):',
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
        "handbook/gate.py",
        "    if path.is_symlink():\n        return (",
        "    if False:\n        return (",
        "tests/test_valid_content.py",
    ),
    (
        "validator: same macro twice on a page allowed",
        "handbook/content.py",
        "            if (name, args) in seen:",
        "            if False:",
        "tests/test_broken_content.py -k validate_command",
    ),
    (
        "build: sandbox not used",
        "hooks/editors.py",
        "        internals.sandbox_macros(macros)",
        "        pass",
        "tests/test_valid_content.py",
    ),
    (
        "build: a failed build leaves its files",
        "hooks/editors.py",
        '            empty_folder(_state["site_dir"])',
        "            pass",
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
        "handbook/content.py",
        '        parts[src] = [piece.split(GUIDELINE_END)[0].strip("\\n") for piece in pieces]',
        "        parts[src] = [page.body]",
        "tests/test_guideline_text.py",
    ),
]

QUIZ_TESTS = "tests/test_quiz_grading_rules.py tests/test_browser_quiz.py tests/test_quiz.py"
STATE_TESTS = (
    "tests/test_stored_state_rules.py tests/test_browser_stored_values.py "
    "tests/test_browser_checklists.py tests/test_browser_returning_readers.py"
)
GATE_TESTS = (
    "tests/test_content_gate_rules.py tests/test_gate.py tests/test_csp_check.py "
    "tests/test_valid_content.py "
    "tests/test_broken_content.py -k 'not test_broken_content or gate'"
)
CSP_TESTS = (
    "tests/test_scripts_only_from_the_sites_own_path.py tests/test_csp_check.py "
    "tests/test_security.py"
)
MESSAGE_TESTS = (
    "tests/test_build_messages_in_finnish.py tests/test_broken_content.py tests/test_yaml_input.py"
)
FRONT_MATTER_TESTS = (
    "tests/test_editor_file_forms.py tests/test_valid_content.py tests/test_yaml_input.py "
    "tests/test_broken_content.py -k 'not test_broken_content or front or yaml or quiz'"
)
TEMPLATE_TESTS = (
    "tests/test_editors_text_shows_as_text.py tests/test_quiz.py tests/test_checklists.py "
    "tests/test_broken_content.py -k 'not test_broken_content or template'"
)
NGINX_TESTS = "tests/test_nginx.py tests/test_security.py"

# Part 2: a second set of plausible one-line breakages, by area. The
# tests written for its survivors (files named by behaviour) run first.
MUTATIONS += [
    # Quiz grading
    (
        "quiz2: multiple choice with the right number of ticks, one wrong, graded right",
        "overrides/assets/javascripts/quiz.js",
        "chosen.every(key => correct.includes(key))",
        "chosen.some(key => correct.includes(key))",
        QUIZ_TESTS,
    ),
    (
        "quiz2: the verdict counts the answers after retrying, not the first try",
        "overrides/assets/javascripts/quiz.js",
        "const passed = percent(first) >= passMark",
        "const passed = percent(count(state.results)) >= passMark",
        QUIZ_TESTS,
    ),
    (
        "quiz2: a retry overwrites the first-try result",
        "overrides/assets/javascripts/quiz.js",
        "if (!has(state.first, id))",
        "if (true)",
        QUIZ_TESTS,
    ),
    (
        "quiz2: true/false offered as checkboxes (both can be ticked)",
        "overrides/handbook/quiz.html",
        '"checkbox" if question.type == "multiple" else "radio"',
        '"radio" if question.type == "single" else "checkbox"',
        QUIZ_TESTS,
    ),
    (
        "quiz2: the pass mark read as a fixed 50 %",
        "overrides/assets/javascripts/quiz.js",
        "const passMark = +form.dataset.passMark",
        "const passMark = 50",
        QUIZ_TESTS,
    ),
    # Stored state
    (
        "state2: a returning reader's answer kept after editors move `correct`",
        "overrides/assets/javascripts/quiz.js",
        "inputs(question).map(input => input.value + isCorrect(input))",
        "inputs(question).map(input => input.value)",
        STATE_TESTS,
    ),
    (
        "state2: a damaged stored value is not removed",
        "overrides/assets/javascripts/storage.js",
        "    this.remove(name)\n    return { value: null, damaged: true }",
        "    return { value: null, damaged: true }",
        STATE_TESTS,
    ),
    (
        "state2: undo after clearing a checklist is not saved",
        "overrides/assets/javascripts/checklist.js",
        "      show(before)\n      store()",
        "      show(before)",
        STATE_TESTS,
    ),
    (
        "state2: the first release's plain list of ticks is called damaged",
        "overrides/assets/javascripts/checklist.js",
        "const isTicks = value => isList(value) ||",
        "const isTicks = value =>",
        STATE_TESTS,
    ),
    (
        "state2: what was saved this visit is not kept in memory",
        "overrides/assets/javascripts/storage.js",
        "    if (name in this.memory)",
        "    if (false)",
        STATE_TESTS + " tests/test_storage_blocked.py",
    ),
    # The content gate
    (
        "gate2: style= allowed on any element of an editor's page",
        "handbook/gate.py",
        'EDITOR_GLOBAL = {"id", "class", "title", "lang", "dir", "markdown"}',
        'EDITOR_GLOBAL = {"id", "class", "title", "lang", "dir", "markdown", "style"}',
        GATE_TESTS,
    ),
    (
        "gate2: tab and line breaks inside a URL scheme not removed",
        "handbook/gate.py",
        "    value = value.strip(_C0_SPACE).translate(_TAB_NEWLINE)",
        "    value = value.strip(_C0_SPACE)",
        GATE_TESTS,
    ),
    (
        "gate2: any comment mentioning the guideline markers allowed",
        "handbook/gate.py",
        "    if text in MARKERS:",
        "    if any(marker in text for marker in MARKERS):",
        GATE_TESTS,
    ),
    (
        "gate2: an editor's id checked only at its start",
        "handbook/gate.py",
        "not pattern.fullmatch(identifier)",
        "not pattern.match(identifier)",
        GATE_TESTS,
    ),
    (
        "gate2: a PDF not checked by its content",
        "handbook/gate.py",
        '    ".pdf": ("liite", re.compile(re.escape(b"%PDF-"))),',
        '    ".pdf": ("liite", None),',
        GATE_TESTS,
    ),
    (
        "gate2: a file in docs/ that is a symlink read and published",
        "handbook/gate.py",
        "    if path.is_symlink():\n        return (",
        "    if False:\n        return (",
        GATE_TESTS,
    ),
    (
        "csp2: a script from the theme's folder of another site path allowed",
        "hooks/csp.py",
        "        if self.base_path is None:  # served",
        "        if True:  # served",
        CSP_TESTS,
    ),
    (
        "csp2: <meta> allowed among the content",
        "hooks/csp.py",
        'HEAD_ONLY = {"meta", "link", "title"}',
        'HEAD_ONLY = {"link", "title"}',
        CSP_TESTS,
    ),
    # Finnish messages
    (
        "messages2: an integer called just a number",
        "handbook/schema.py",
        '"integer": "kokonaisluku",',
        '"integer": "luku",',
        MESSAGE_TESTS,
    ),
    (
        "messages2: a missing colon reported on the line after the mistake",
        "handbook/yamlfile.py",
        "        if problem.startswith(\"could not find expected ':'\")",
        "        if False",
        MESSAGE_TESTS,
    ),
    (
        "messages2: MkDocs' warnings' line numbers counted from 0",
        "hooks/editors.py",
        '.read_text(encoding="utf-8-sig").splitlines(), 1):',
        '.read_text(encoding="utf-8-sig").splitlines()):',
        MESSAGE_TESTS,
    ),
    (
        "messages2: a multi-line MkDocs warning left in English",
        "hooks/editors.py",
        "            match = re.fullmatch(pattern, message, re.S)",
        "            match = re.fullmatch(pattern, message)",
        MESSAGE_TESTS,
    ),
    # Templates
    (
        "template2: a checklist item's text marked safe",
        "overrides/handbook/checklist.html",
        "{{ item.text }}</label>",
        "{{ item.text | safe }}</label>",
        TEMPLATE_TESTS,
    ),
    (
        "template2: autoescape off in the handbook's templates",
        "macros.py",
        "        autoescape=True,",
        "        autoescape=False,",
        TEMPLATE_TESTS,
    ),
    (
        "template2: a checklist's rule link leads to the page, not the rule",
        "overrides/handbook/checklist.html",
        'href="{{ rule_url(item.rule) }}"',
        "href=\"{{ rule_url(item.rule).partition('#')[0] }}\"",
        TEMPLATE_TESTS,
    ),
    # nginx
    (
        "nginx2: X-Content-Type-Options dropped",
        "deploy/nginx/handbook.conf",
        '    add_header X-Content-Type-Options "nosniff" always;\n',
        "",
        NGINX_TESTS,
    ),
    (
        "nginx2: SVG served from a release",
        "deploy/nginx/handbook.conf",
        r"location ~ \.(?:html|css|json|png|jpe?g|gif|webp|pdf)$ {",
        r"location ~ \.(?:html|css|json|png|jpe?g|gif|webp|pdf|svg)$ {",
        NGINX_TESTS,
    ),
    (
        "nginx2: the policy lets inline script run",
        "deploy/nginx/handbook.conf",
        "script-src $handbook_scripts;",
        "script-src $handbook_scripts 'unsafe-inline';",
        NGINX_TESTS,
    ),
    # Front matter
    (
        "front2: a page saved with a byte-order mark loses its front matter",
        "handbook/pages.py",
        '            with open(path, encoding="utf-8-sig", errors="strict") as file:',
        '            with open(path, encoding="utf-8", errors="strict") as file:',
        FRONT_MATTER_TESTS,
    ),
    (
        "front2: a comment after a number (pass_mark: 80  # ...) refused",
        "handbook/yamlfile.py",
        '    elif not node.style and node.tag == "tag:yaml.org,2002:str":',
        "    elif not node.style:",
        FRONT_MATTER_TESTS,
    ),
    # A failed build
    (
        "build2: a failed build into a git checkout deletes .git",
        "hooks/csp.py",
        '        if child.name == ".git":\n            continue',
        '        if child.name == ".git":\n            pass',
        "tests/test_csp_check.py tests/test_security.py tests/test_build_verdict.py",
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
                # The test file that failed first (-x), or an error's
                failed = re.search(r"^(?:FAILED|ERROR) (tests/[^:\s]+)", result.stdout, re.M)
                if result.returncode != 0:
                    verdict += f" by {failed.group(1) if failed else '(no test named)'}"
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
        print(f"{verdict:60} {seconds:6.0f} s  {mutation[0]}", flush=True)
    caught = sum(verdict.startswith("caught") for verdict in results)
    applied = sum(not verdict.startswith("NOT") for verdict in results)
    print(
        f"\n{caught} of {applied} applied mutations caught; "
        f"{applied - caught} survived; {len(results) - applied} not applied"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
