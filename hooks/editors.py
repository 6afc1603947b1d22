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
- The preview (`mkdocs serve`) shows a failed build in the browser: every
  address is answered with a Finnish page (overrides/handbook/
  preview-error.html) listing the lines the terminal shows, and the page
  being read comes back by itself after the save that fixes them. MkDocs
  alone would keep every request waiting until a build succeeded.
"""

import logging
import posixpath
import re
import sys
import traceback
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
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
# What the preview says of a failure it was not told in a message (a broken
# mkdocs.yml, a fault in the code): under another name, so it is listed
PREVIEW_LOGGER = "mkdocs.hooks.editors.preview"
SERVER_LOGGERS = {"mkdocs.livereload", "properdocs.livereload"}
PREVIEW_TEMPLATES = Path(__file__).resolve().parent.parent / "overrides" / "handbook"
_state = {
    "problems": 0,
    "messages": [],  # each warning's and error's text, as the terminal shows it
    "docs_dir": None,
    "site_dir": None,
    "config_file": None,
    "files": None,  # the build's files (on_files)
    "command": None,  # on_startup's: "serve" or "build"
    "serving": False,  # the preview's server is set up (on_serve)
    "failed": False,
}


class FinnishMessages(logging.Filter):
    """Rewrites MkDocs' own warnings in Finnish, counts every problem and
    keeps its text (the lines the preview's error page lists). The filter
    sits on the logger and on each of its handlers: a record is handled at
    the first it passes."""

    def filter(self, record):
        if record.levelno < logging.WARNING or getattr(record, "handbook_seen", False):
            return True
        record.handbook_seen = True
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
        # Kept but the closing line (the page says it its own way) and the
        # preview server's own lines on a request for a missing address
        if record.name != SUMMARY_LOGGER and record.name not in SERVER_LOGGERS:
            _state["messages"].append(record.getMessage())
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
        messages=[],
        failed=False,
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
    _state["failed"] = True
    if _state.get("site_dir"):
        if Path(_state["site_dir"]).is_dir():
            empty_folder(_state["site_dir"])


PREVIEW_FAILED = (
    "Esikatselu näyttää yllä olevat virheet selaimessa jokaisella sivulla. Korjaa ne ja "
    "tallenna: sivu palaa näkyviin itsestään. Tarkistus: python macros.py"
)
PREVIEW_NOT_STARTED = (
    "Esikatselu ei käynnistynyt, koska sivustoa ei voitu rakentaa. Korjaa yllä olevat virheet "
    "ja käynnistä esikatselu uudelleen samalla komennolla. Tarkistus: python macros.py"
)


def on_startup(command, dirty):
    _state.update(command=command, serving=False)


@event_priority(-100)  # last: a plugin's server.watch(path, builder) compares with MkDocs' builder
def on_serve(server, config, builder):
    """The preview's rebuilds: a failure is shown in the browser (see
    _preview_build) instead of leaving the server holding every request."""
    _state["serving"] = True
    internals.show_failed_rebuilds(server, lambda build: _preview_build(build, config["site_dir"]))
    return server


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per preview, not at every
    rebuild: MkDocs makes a new template environment for each build, and
    compiling Material's templates and ours again was most of a rebuild's
    time (a template whose source changed is compiled again: Jinja checks
    each one's checksum)."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = CompiledTemplates()


@event_priority(100)  # first: before any template of the build is loaded (hooks/assets.py)
def on_env(env, config, files):
    if _state["command"] == "serve":
        env.bytecode_cache = _compiled_templates
    return env


def on_shutdown():
    """The preview's first build runs before the server is set up, and a
    failure there ends `mkdocs serve`: said in Finnish after its messages."""
    if _state["command"] == "serve" and not _state["serving"] and _state["failed"]:
        logging.getLogger(SUMMARY_LOGGER).error(PREVIEW_NOT_STARTED)


def _preview_build(build, site_dir):
    """One rebuild of the preview. A failure empties the site folder and
    puts the error page in it as 404.html, which the server answers every
    missing address with: every address, the folder being empty. It then
    returns normally, so that the open pages reload and show it."""
    internals.forget_logged_messages()
    _state["messages"] = []
    try:
        build()
    except (Exception, SystemExit) as error:  # MkDocs' Abort is a SystemExit
        from mkdocs.exceptions import MkDocsException

        fault = not isinstance(error, (SystemExit, MkDocsException))
        if fault:
            traceback.print_exc()  # a fault in the code, for whoever fixes it
        if not _state["messages"]:  # MkDocs would have printed the error itself
            text = f"{type(error).__name__}: {error}" if fault else str(error)
            text = text.strip() or type(error).__name__
            logging.getLogger(PREVIEW_LOGGER).error("\n".join(map(printable, text.splitlines())))
        site = Path(site_dir)
        site.mkdir(parents=True, exist_ok=True)
        empty_folder(site)
        (site / "404.html").write_text(error_page(_state["messages"]), encoding="utf-8")
        logging.getLogger(SUMMARY_LOGGER).error(PREVIEW_FAILED)


def error_page(messages):
    """The preview's page for a failed build, listing each line of messages."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PREVIEW_TEMPLATES), autoescape=True
    )
    lines = [line for message in messages for line in message.splitlines() if line.strip()]
    return environment.get_template("preview-error.html").render(messages=lines)
