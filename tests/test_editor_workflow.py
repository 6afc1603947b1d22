"""What editors rely on around the content: the pipelines run the tests and
keep the built site, pre-commit runs the same validation, and the editors'
guide explains the messages they can meet."""

import ast
import re

import yaml
from helpers import ROOT

GUIDE = (ROOT / "MUOKKAUSOHJE.md").read_text(encoding="utf-8")


SITE_INSTALL = "python3 -m venv .venv && .venv/bin/pip install -q -r requirements.txt"
TEST_INSTALL = "python3 -m venv .venv && .venv/bin/pip install -q -r requirements/test.txt"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands():
    """The README's one-line commands in ```sh blocks: install+serve, install+test."""
    return re.findall(r"```sh\n(.+?)\n```", README)


def pipelines():
    """{name: {job: [its commands]}} of the GitLab and GitHub pipelines."""
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    github = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())["jobs"]
    return {
        "gitlab": {
            name: job["script"]
            for name, job in gitlab.items()
            if isinstance(job, dict) and "script" in job
        },
        "github": {
            name: [step["run"] for step in job["steps"] if "run" in step]
            for name, job in github.items()
        },
    }


def test_every_pipeline_tests_with_the_ci_script():
    for name, jobs in pipelines().items():
        assert any("bash .ci/run" in commands for commands in jobs.values()), name


def test_every_pipeline_checks_the_strict_build_before_keeping_it():
    """A site is kept only after the quick check, a strict build and the
    post-build check, in that order, in one job."""
    for name, jobs in pipelines().items():
        site = next(
            commands
            for commands in jobs.values()
            if any("mkdocs build --strict" in command for command in commands)
        )
        order = [
            next(index for index, command in enumerate(site) if part in command)
            for part in ("macros.py", "mkdocs build --strict", "-m hooks.csp")
        ]
        assert order == sorted(order), name


def test_every_pipeline_runs_the_tests_without_a_browser_on_python_3_13():
    """... nor the HTML checker (Java), whose pages do not depend on Python."""
    for name, jobs in pipelines().items():
        assert any(
            'pytest -m "not browser and not vnu"' in command
            for job, commands in jobs.items()
            if "3" in job and "13" in job
            for command in commands
        ), name


def test_ci_runs_exactly_the_readme_test_command_then_the_other_builders():
    serve, test = readme_commands()
    assert serve.startswith(SITE_INSTALL + " && ") and test.startswith(TEST_INSTALL + " && ")
    run = (ROOT / ".ci/run").read_text().splitlines()
    assert test in run
    assert "HANDBOOK_BUILDER=zensical .venv/bin/python -m pytest -m smoke" in run


def pinned(path):
    """{name: version} of a compiled requirements file; fails on a
    requirement without == or without a hash."""
    text = (ROOT / path).read_text().replace("\\\n", " ")
    requirements = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    for line in requirements:
        assert re.match(r"^[\w.-]+==\S+ .*--hash=sha256:[0-9a-f]{64}", line), line
    return dict(line.split()[0].split("==") for line in requirements)


def test_every_package_is_pinned_with_hashes():
    assert len(pinned("requirements.txt")) > 5
    assert len(pinned("requirements/test.txt")) > 5


def test_site_installs_no_test_tools_or_browser_driver():
    site = pinned("requirements.txt")
    assert not {"playwright", "pytest", "greenlet", "pip-tools"} & set(site)
    assert site["mkdocs"] == "1.6.1" and site["mkdocs-material"] == "9.8.1"


def test_tests_run_the_same_versions_the_site_is_built_with():
    site, test = pinned("requirements.txt"), pinned("requirements/test.txt")
    assert {name: test.get(name) for name in site} == site


def test_pre_commit_runs_the_content_check_and_the_code_style():
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    entries = " ; ".join(hook["entry"] for hook in hooks)
    assert "macros.py" in entries and "ruff check" in entries


def normalised(text):
    """Names, numbers and macro calls replaced, so that a message and the
    guide's wording of it ('x', N, {{ x }}) compare equal."""
    # A quoted name ends at a quote not followed by a letter: a link may
    # hold an apostrophe ('kaupungin'ohje.md')
    text = re.sub(r"(?<!\w)'.*?'(?!\w)", "'x'", text)
    text = re.sub(r"\{\{.*?\}\}", "{{ x }}", text)
    text = re.sub(r"<[a-z][a-z0-9]*>", "<x>", text)  # an element's name
    text = re.sub(r"määre(en)? [\w-]+=", r"määre\1 x=", text)  # an attribute's
    text = re.sub(
        r"\b(sivulla [\w-]+\.md|makrolle \w+|makron \w+)",
        lambda m: m.group(1).split()[0] + " x",
        text,
    )
    text = re.sub(r'id="[^"]*"', 'id="x"', text)  # an id written as HTML
    text = re.sub(r"(alkaa merkillä) \S+?(?=;|$)", r"\1 x", text)  # a YAML mark: *, @
    return re.sub(r"\d+(\.\d+)?", "N", text)  # a count or a size (25.0 Mt)


def message_opening(message):
    """A message's fixed words, up to the first ';', ':', ',' or '('."""
    message = re.sub(r"^[^:{]*?(, rivi (\{[^}]*\}|\d+))?( \([^)]*\))?: ", "", message)
    return re.split(r"[;:(,]| <!--", normalised(message))[0].strip()


def test_guide_explains_every_message_an_editor_can_meet():
    """Every validator rule has a broken case (tests/broken/); each of their
    messages is explained in MUOKKAUSOHJE.md."""
    messages = [
        line
        for path in (ROOT / "tests/broken").glob("*/expected.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    guide = normalised(GUIDE)
    missing = sorted(
        opening for opening in {message_opening(m) for m in messages} if opening not in guide
    )
    assert missing == []


# Tests that assert the messages of cases no broken fixture can hold (a
# symbolic link, a size, a time limit, the built site's own check, a setting
# in mkdocs.yml): the texts they assert count as messages the code gives
TESTED_ELSEWHERE = [
    "test_gate.py",
    "test_csp_check.py",
    "test_config_messages.py",
    "test_broken_content.py",  # the nav, beside the broken cases
    "test_approved_guideline.py",  # made from the real pages, which change
    "test_change_history.py",  # a git tag's messages: no fixture folder holds tags
]


def guide_messages():
    """The messages the guide's error table (section 6) explains: the code
    spans of each row's first cell, as written ('x', N, ... as placeholders)."""
    section = GUIDE.split("\n## 6.")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [
        span[1:-1] if span.startswith(" ") and span.endswith(" ") and span.strip() else span
        for row in rows
        for _, span in re.findall(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", row.split(" | ")[0])
    ]


def fixture_messages():
    """Every message of the broken cases, placeholders filled in."""
    return [
        re.sub(r"\{names:[^}]+\}", "nimi", re.sub(r"\{line:[^}]+\}", "1", line))
        for path in (ROOT / "tests/broken").glob("*/expected.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def asserted_texts(path):
    """The string literals of a test file; in an f-string the file's own
    text constants are filled in and any other value is '…'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    }
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            texts.append(
                "".join(
                    part.value
                    if isinstance(part, ast.Constant)
                    else constants.get(getattr(part.value, "id", None), "…")
                    for part in node.values
                )
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            texts.append(node.value)
    return texts


def written_as(message):
    """A pattern for the guide's wording of a message: its placeholders
    normalised as in messages, '...' or '…' standing for any text."""
    pieces = re.split(r"\.\.\.|…", normalised(message))
    return re.compile(".*?".join(re.escape(piece.strip()) for piece in pieces))


def test_every_message_the_guide_explains_is_one_the_code_gives():
    """The other direction: each message in the guide's table is given by a
    broken case (tests/broken/), or, where no fixture can hold the case, by
    a test that asserts it; a message the code no longer gives is not left
    in the table."""
    given = [normalised(message) for message in fixture_messages()] + [
        normalised(text)
        for name in TESTED_ELSEWHERE
        for text in asserted_texts(ROOT / "tests" / name)
    ]
    explained = guide_messages()
    assert len(explained) > 50
    missing = [
        message
        for message in explained
        if not any(written_as(message).search(text) for text in given)
    ]
    assert missing == []


def test_guide_names_the_files_editors_change():
    for path in [
        "docs/data/checklists.yml",
        "docs/data/quiz.yml",
        "mkdocs.yml",
        "mkdocs serve",
        "python macros.py",
    ]:
        assert path in GUIDE
