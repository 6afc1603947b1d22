"""MkDocs hook: Material's markup made valid HTML where no template block or
partial reaches it (builders/internals.py: valid_toggles). Every page, the
not-found page (a static template) included."""

import sys
from pathlib import Path

# MkDocs loads hooks by their path: the project's packages beside this folder
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from builders import internals  # noqa: E402


def on_post_page(output, page, config):
    return internals.valid_toggles(output)


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        return internals.valid_toggles(output_content)
    return output_content
