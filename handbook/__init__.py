"""The handbook's content layer: editors' data and pages loaded and checked
in one pass, every problem collected, nothing imported from the site
builder (MkDocs today; ProperDocs or Zensical tomorrow).

    content = handbook.validate(project)   # raises ContentError listing all

What a JSON Schema can say is in handbook/schemas/*.schema.json; the modules
here keep only what no schema can: what files and HTML may be published
(gate), the pages (pages), the data files (data), unique ids, rule
references that point at a real place in the guideline, the pages' macro
calls, and the guideline's marked text for the printable page (validate).
This file only hands their names on.
"""

from handbook.content import GUIDELINE_END, GUIDELINE_START, validate
from handbook.coverage import coverage
from handbook.data import CHECKLISTS, QUIZ, SYNONYMS
from handbook.gate import url_scheme
from handbook.problems import ContentError, Problems
from handbook.project import Content, Project

CHECKLISTS_FILE, QUIZ_FILE, SYNONYMS_FILE = CHECKLISTS.path, QUIZ.path, SYNONYMS.path

__all__ = [
    "CHECKLISTS_FILE",
    "GUIDELINE_END",
    "GUIDELINE_START",
    "QUIZ_FILE",
    "SYNONYMS_FILE",
    "Content",
    "ContentError",
    "Problems",
    "Project",
    "coverage",
    "url_scheme",
    "validate",
]
