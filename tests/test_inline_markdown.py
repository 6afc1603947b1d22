"""The editors' data texts skip Markdown when it would change nothing
(handbook/inline.py): that shortcut must never change what a reader sees."""

import markdown
import pytest
import yaml
from helpers import ROOT, mkdocs_config

from handbook import inline, schema

EXTENSIONS = [
    name if isinstance(name, str) else next(iter(name))
    for name in mkdocs_config()["markdown_extensions"]
]


def data_texts():
    texts = []

    def walk(node, fields):
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, dict | list):
                walk(value, fields)
            elif key in fields and isinstance(value, str):
                texts.append(value)

    for name in ("checklists", "quiz"):
        data = yaml.safe_load((ROOT / f"docs/data/{name}.yml").read_text(encoding="utf-8"))
        walk(data, schema.markdown_fields(name))
    return texts


# Texts that look plain but are not, and plain ones with characters near Markdown's
SAMPLES = [
    "Totta vai tarua: käytä ”virkaprofiilia”, 100 % ja 5 €.",
    "1. kohta",
    "2026. vuonna",
    "- viiva alussa",
    "+ plus alussa",
    "> lainaus",
    "# otsikko",
    "!!! note",
    "??? note",
    "    sisennetty",
    "Sivu 1/2 (katso https://www.naantali.fi/) ja #naantali.",
    "Kaksi  välilyöntiä sisällä",
    "Ääkköset åäö ÅÄÖ – ja — viivat",
    "kysymys?",
    "sana!",
]


@pytest.mark.parametrize("text", data_texts() + SAMPLES)
def test_a_text_that_skips_markdown_reads_as_markdown_would_make_it(text):
    if inline._plain(text):
        assert markdown.markdown(text, extensions=EXTENSIONS) == f"<p>{text}</p>"
