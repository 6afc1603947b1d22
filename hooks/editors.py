"""MkDocs hook: the build as editors meet it.

- MkDocs' own checks (links, anchors, nav: `validation:` in mkdocs.yml) speak
  English; their messages are given in Finnish, with the line of the page
  and, for a typo, the file or id most likely meant.
- The verdict does not depend on how the build is called: warnings are
  logged, counted and shown with --quiet too (MkDocs and ProperDocs).
- mkdocs-macros' info lines ("[macros] ...") are not shown.
- Pages are rendered by Jinja's sandbox (jinja2.sandbox): defence in depth
  behind the check that a page holds only literal macro calls (handbook/).
- A build that fails leaves nothing deployable: if any warning or error
  was logged (strict mode stops such a build; --no-strict is stopped here),
  the site folder is emptied.
- mkdocs-macros' `git` page variable is left empty: the plugin would run
  twelve git commands at every build for it (it has no setting to turn
  this off), and no page can use it (pages hold only the handbook's macro
  calls, checked in handbook/). The page dates come from handbook/dates.py.
"""

import logging
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.plugins import event_priority

# MkDocs loads hooks by their path: the project's packages beside this folder
# (builders/, handbook/) made importable
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from builders import internals  # noqa: E402
from handbook.problems import closest, printable  # noqa: E402
from hooks.csp import empty_folder  # noqa: E402

# MkDocs' messages quote a name or link in '...' whatever characters it
# holds, an apostrophe too (jonkun'sivu.md): each quoted part is matched
# non-greedily up to the fixed English words after it, never as [^']+
MESSAGES = [
    (
        r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the target"
        r"(?: '.+?')? is not found among documentation files\.",
        "linkin '{link}' kohdetta ei ole kansiossa docs/; korjaa tiedoston nimi",
    ),
    (
        r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the doc '(?P<target>.+?)'"
        r" does not contain an anchor '(?P<anchor>.+?)'\.",
        "linkki '{link}': sivulla {target} ei ole kohtaa '{anchor}'; korjaa tunniste",
    ),
    (
        r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but there is no such anchor on "
        r"this page\.",
        "linkki '{link}': tällä sivulla ei ole sellaista kohtaa; korjaa tunniste",
    ),
    (
        r"Doc file '(?P<page>.+?)' contains an unrecognized relative link '(?P<link>.+?)', it was "
        r"left as is\.",
        "linkkiä '{link}' ei tunnisteta; linkitä sivun tiedostoon, esimerkiksi "
        "toinen-sivu.md#kohta",
    ),
    (
        r"Doc file '(?P<page>.+?)' contains an absolute link '(?P<link>.+?)', it was left as is\.",
        "linkki '{link}' alkaa kauttaviivalla; linkitä sivun tiedostoon, esimerkiksi "
        "toinen-sivu.md#kohta",
    ),
    (
        r"Doc file '(?P<page>.+?)' contains a link to '(?P<link>.+?)' which is excluded from the "
        r"built site\.",
        "linkki '{link}' osoittaa tiedostoon, jota ei julkaista; korjaa linkki",
    ),
    (
        r"A reference to '(?P<link>.+?)' is included in the 'nav' configuration, which is not "
        r"found "
        r"in the documentation files\.",
        "navigaation (nav) sivua '{link}' ei ole kansiossa docs/; korjaa tiedoston nimi",
    ),
    (
        r"The following pages exist in the docs directory, but are not included in the \"nav\" "
        r"configuration:\n  - (?P<pages>.*)",
        "sivu ei ole valikossa: lisää se mkdocs.yml-tiedoston nav-kohtaan otsikon kanssa ({pages})",
    ),
]

SUMMARY_LOGGER = "mkdocs.hooks.editors"
_state = {"problems": 0, "docs_dir": None, "site_dir": None, "config_file": None, "files": None}


class FinnishMessages(logging.Filter):
    """Rewrites MkDocs' own warnings in Finnish and counts every problem."""

    def filter(self, record):
        if record.levelno < logging.WARNING:
            return True
        _state["problems"] += 1
        message = record.getMessage()
        for pattern, finnish in MESSAGES:
            match = re.fullmatch(pattern, message, re.S)
            if match:
                found = match.groupdict()
                page = found.get("page") or "mkdocs.yml"
                where = f"docs/{page}" if found.get("page") else page
                line = _line_of(page, found.get("link"))
                found["pages"] = ", ".join(
                    f"docs/{name.strip()}" for name in found.get("pages", "").split("\n  - ")
                )
                meant = _meant(message, found)
                record.msg = printable(
                    f"{where}{f', rivi {line}' if line else ''}: {finnish.format(**found)}"
                    + (f"; tarkoititko '{meant}'?" if meant else "")
                )
                record.args = ()
                break
        return True


def _meant(message, found):
    """What a broken link or nav entry most likely meant, from the files of
    the build (a page's ids are known once it is rendered, which is before
    MkDocs checks the anchors): a file name as the link would write it, or
    an id on the target page; None if nothing is close."""
    files = _state["files"]
    if files is None:
        return None
    if message.startswith("A reference to "):
        return closest(found["link"], [file.src_uri for file in files.documentation_pages()])
    page, link = found.get("page"), found.get("link", "")
    path, _, anchor = link.partition("#")
    if found.get("anchor") or "there is no such anchor on this page" in message:
        target = files.get_file_from_path(found.get("target") or page)
        ids = getattr(target.page, "present_anchor_ids", None) if target else None
        near = closest(anchor, sorted(ids)) if ids else None
        return f"#{near}" if near else None
    if "is not found among documentation files" in message:
        folder = posixpath.dirname(page)
        wanted = posixpath.normpath(posixpath.join(folder, unquote(urlsplit(path).path)))
        published = [file.src_uri for file in files if not file.inclusion.is_excluded()]
        near = closest(wanted, published)
        if near:
            return posixpath.relpath(near, folder or ".") + (f"#{anchor}" if anchor else "")
    return None


def _line_of(page, text):
    """The line of page (under docs/, or mkdocs.yml) that holds text."""
    if not text or not _state["docs_dir"]:
        return None
    path = Path(_state["docs_dir"]) / page if page != "mkdocs.yml" else _state["config_file"]
    if path is None or not Path(path).is_file():
        return None
    for number, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), 1):
        if text in line:
            return number
    return None


_filter = FinnishMessages()


@event_priority(100)  # first, so that the other plugins' messages are in Finnish too
def on_config(config):
    _state.update(
        problems=0,
        files=None,
        docs_dir=config["docs_dir"],
        site_dir=config["site_dir"],
        config_file=config["config_file_path"],
    )
    # MkDocs' loggers, and ProperDocs' ("mkdocs" is its child there); under
    # MkDocs "properdocs" is a logger nothing writes to
    for name in ["mkdocs", "properdocs"]:
        logger = logging.getLogger(name)
        # --quiet sets the builder's logger to ERROR: a warning (a broken
        # link) would then never be logged, strict mode would count none
        # and the build would pass. Warnings stop this build, so they are
        # always logged; --quiet still hides the INFO lines.
        if logger.getEffectiveLevel() > logging.WARNING:
            logger.setLevel(logging.WARNING)
        if _filter not in logger.filters:
            logger.addFilter(_filter)
        for handler in logger.handlers:
            if _filter not in handler.filters:
                handler.addFilter(_filter)
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
    internals.no_git_variable()  # before the macros plugin reads it
    return config


def on_files(files, config):
    """The build's files, for what a broken link most likely meant."""
    _state["files"] = files
    return files


def on_pre_build(config):
    """After every on_config: the macros plugin has made its environment."""
    macros = config.plugins.get("macros")
    if macros is not None:
        internals.sandbox_macros(macros)


SUMMARY = (
    "Rakennus keskeytyi, koska yllä on virheitä; sivustoa ei julkaistu. Korjaa ne ja "
    "tarkista uudelleen: python macros.py"
)


@event_priority(-100)  # last: after every other post-build step
def on_post_build(config):
    if not _state["problems"]:
        return
    if config["strict"]:
        # MkDocs then stops the build for the warnings it counted, and
        # on_build_error below empties the site folder
        logging.getLogger(SUMMARY_LOGGER).error(SUMMARY)
        return
    # --no-strict overrides mkdocs.yml's strict: true, and the site would be
    # published with the problems above; stopped here all the same
    from mkdocs.exceptions import PluginError  # ProperDocs' own, under its name

    raise PluginError(SUMMARY)


def on_build_error(error):
    """A build stopped by an error (the content checks among them) or, in
    strict mode, by warnings: nothing of it may be deployed."""
    if _state.get("site_dir"):
        if Path(_state["site_dir"]).is_dir():
            empty_folder(_state["site_dir"])
