"""The Content-Security-Policy holds only if the built site carries no
script of its own: this check fails the build otherwise.

nginx sends one fixed policy (deploy/nginx/handbook.conf), `script-src
'self'` with no hashes and no 'unsafe-inline': only the site's own script
files run. The theme has no inline script (overrides/partials/javascripts/
load assets/javascripts/theme.js), so anything inline in a built page came
from content and is refused here, with a Finnish message naming the page:

- an executable inline <script> (only Material's JSON data, type
  "application/json", is allowed),
- an event-handler attribute (onclick=, onerror=, ...),
- a javascript: address in any attribute,
- a <script src> that is not one of the theme's script files (a .js file
  placed in docs/ would otherwise pass as 'self').

On failure nothing deployable is left: the built folder is emptied (like
MkDocs empties it at the start of every build). The check is builder-neutral
and also runs on its own after any build:

    python -m hooks.csp site/

In MkDocs it runs as a hook (mkdocs.yml, hooks:) and names pages by their
source file in docs/.
"""

import os
import posixpath
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# Inline <script> types that hold data, never code
DATA_SCRIPT_TYPES = {"application/json"}
# Where the theme's script files are (Material's bundle, theme.js, ours)
THEME_SCRIPTS = "assets/javascripts/"
CHECKED_FILES = ("*.html", "*.svg")
FIX = "Ne eivät ole sallittuja; poista ne."


class UnsafeContent(Exception):
    """The built site carries script of its own; str() is the editors' message."""


class _ScriptFinder(HTMLParser):
    """Collects, in Finnish, each script-bearing thing in one HTML file."""

    def __init__(self, base_path, page_path, allowed_scripts):
        super().__init__(convert_charrefs=True)
        self.base_path, self.page_url = base_path, base_path + page_path
        self.allowed_scripts = allowed_scripts
        self.found = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        # Runs for every tag of every built page: the common case (no
        # script, no handler, no address with a colon) is kept cheap.
        if tag == "script":
            values = dict(attrs)
            src = values.get("src") or values.get("href") or values.get("xlink:href")
            if src is None:
                if (values.get("type") or "").strip().lower() not in DATA_SCRIPT_TYPES:
                    self._found("upotettu skripti (<script>)")
            elif not self._is_theme_script(src):
                self._found(f"skripti, joka ei ole teeman tiedosto (<script src=\"{src}\">)")
        for name, value in attrs:
            if name.startswith("on"):
                self._found(f"tapahtumankäsittelijä ({name}=…)")
            elif value and ":" in value and _is_javascript_url(value):
                self._found(f"javascript:-osoite ({name}=\"javascript:…\")")

    def _found(self, what):
        self.found.append((self.getpos()[0], what))

    def _is_theme_script(self, src):
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            return False
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.page_url), parts.path))
        if self.allowed_scripts is None:
            return f"/{THEME_SCRIPTS}" in path
        return path.startswith(self.base_path) and path[len(self.base_path):] in self.allowed_scripts


# ASCII whitespace and control characters, which browsers drop inside a URL's scheme
_IGNORED_IN_SCHEME = dict.fromkeys(range(33))


def _is_javascript_url(value):
    return value.translate(_IGNORED_IN_SCHEME).lower().startswith("javascript:")


def findings(text, page_path="index.html", allowed_scripts=None, base_path="/"):
    """[(line, what)] for each script-bearing thing in one built file.
    page_path is the file's path in the site, served at base_path (a
    <script src> is resolved from there); allowed_scripts, a set of site
    paths, narrows the script files a page may load (default: anything in an
    assets/javascripts/ folder)."""
    finder = _ScriptFinder(base_path, page_path, allowed_scripts)
    finder.feed(text)
    finder.close()
    return finder.found


def check_site(site_dir, sources=None, allowed_scripts=None, base_path="/"):
    """The editors' messages for every built file with script of its own,
    one per file. sources maps a file's site path to the name an editor
    knows it by (docs/x.md); other files go by their site path."""
    site_dir, sources = Path(site_dir), sources or {}
    messages = []
    paths = sorted({path for pattern in CHECKED_FILES for path in site_dir.rglob(pattern)})
    for path in paths:
        page_path = path.relative_to(site_dir).as_posix()
        found = findings(path.read_text(encoding="utf-8", errors="replace"), page_path,
                         allowed_scripts, base_path)
        if found:
            what = ", ".join(dict.fromkeys(what for _, what in found))
            messages.append(f"{sources.get(page_path, page_path)}: sivulla on {what}. {FIX}")
    return messages


def empty_folder(folder):
    """Remove what the build wrote, keeping the folder itself."""
    for child in Path(folder).iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def enforce(site_dir, sources=None, allowed_scripts=None, base_path="/"):
    """Raise UnsafeContent, after emptying site_dir, if any built file has
    script of its own."""
    messages = check_site(site_dir, sources, allowed_scripts, base_path)
    if messages:
        empty_folder(site_dir)
        raise UnsafeContent("\n".join(messages))


# MkDocs hook -----------------------------------------------------------------

_build = {}


def on_env(env, config, files, **kwargs):
    """Remember each docs file's source name and which scripts the theme
    ships, our bundle among them (hooks/assets.py adds it in its on_env)."""
    docs = Path(config["docs_dir"])
    docs_name = Path(os.path.relpath(docs, Path(config["config_file_path"]).parent)).as_posix()
    from_docs = [f for f in files if Path(f.abs_src_path or "").is_relative_to(docs)]
    _build["sources"] = {f.dest_uri: f"{docs_name}/{f.src_uri}" for f in from_docs}
    _build["scripts"] = {f.dest_uri for f in files
                         if f.dest_uri.endswith(".js") and f not in from_docs}
    return env


def on_post_build(config, **kwargs):
    from mkdocs.exceptions import PluginError
    try:
        enforce(config["site_dir"], _build.get("sources"), _build.get("scripts"),
                urlsplit(config["site_url"] or "/").path or "/")
    except UnsafeContent as error:
        raise PluginError(str(error)) from None


# Command line: python -m hooks.csp site/ -----------------------------------

def main(argv):
    if len(argv) != 1:
        print("käyttö: python -m hooks.csp <rakennettu sivusto, esim. site/>", file=sys.stderr)
        return 2
    try:
        enforce(argv[0])
    except UnsafeContent as error:
        print(f"VIRHE: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
