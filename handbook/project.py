"""What the content layer is given (Project: where the content is and how
the builder reads it) and what it gives back (Content: everything checked)."""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Project:
    """Where the content is and how the site builder reads it."""

    docs_dir: Path
    templates_dir: Path
    guideline_pages: list
    markdown_extensions: list = field(default_factory=list)
    markdown_configs: dict = field(default_factory=dict)
    jinja_options: dict = field(default_factory=dict)
    # {macro name: inspect.Signature}; and for a macro that takes a name,
    # which collection the name must be in ("checklist" -> "checklists")
    macros: dict = field(default_factory=dict)
    named_by: dict = field(default_factory=dict)
    # {macro name: the id of what it puts on the page, "{}" for its argument}
    macro_anchors: dict = field(default_factory=dict)
    # The page of every nav entry, in order; and the file the nav is in
    nav_pages: list = field(default_factory=list)
    config_file: Path | None = None


@dataclass
class Content:
    checklists: dict
    quizzes: dict
    anchors: dict  # {page.md: {ids on it}}
    guideline: dict  # {page.md: [its marked guideline text parts]}
    calls: dict  # {page.md: [(macro, arguments)]} on pages with render_macros: true
    rules: dict  # {page.md: [rule ids in its guideline text, in order]}
    synonyms: dict = field(default_factory=dict)  # {typed word: "guideline words"} for search
    texts: object = None  # the inline.InlineMarkdown the data's texts were checked with
    sections: dict = field(default_factory=dict)  # {page.md: {id: heading it is under}}
