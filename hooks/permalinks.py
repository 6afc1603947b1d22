"""MkDocs hook: each heading's permalink (¶) named after its heading
(handbook/permalinks.py), so that a screen reader's list of links tells them
apart.

Added to the builder's Markdown extensions after the macros plugin has
checked the pages (its on_config, at the default priority): the names are
the site's, not the editor's, so the content gate, which lets an editor's
page hold no aria-label, reads the pages without them, and the editors'
data is rendered as before. Registered here rather than named in mkdocs.yml:
MkDocs imports the extensions listed there before any hook has made
handbook/ importable."""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

# MkDocs loads hooks by their path: the project's packages beside this folder
# made importable
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from handbook import permalinks  # noqa: E402


@event_priority(-50)  # after the macros plugin's checks (priority 0)
def on_config(config):
    extensions = config.markdown_extensions
    if not any(isinstance(added, permalinks.PermalinkNames) for added in extensions):
        extensions.append(permalinks.PermalinkNames())
    return config
