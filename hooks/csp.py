"""The built site holds only what the content gate allows: this check fails
the build otherwise. It runs on what the server will serve, every file of
the output, so the theme's templates and ours are held to it as much as
editors' pages are.

- Files: only the types the build writes (SITE_FILES), images and PDFs
  checked by content, scripts only the theme's (a .js file is run by
  `script-src` as the site's own), styles only in the theme's folder.
- Pages: read with the gate's HTML5 parser (handbook/gate.py) against
  SITE_HTML, an allow-list of elements, attributes and addresses; a
  <script> only the theme's files or JSON data, a <link> only the theme's
  kinds. So no inline script, event handler, javascript: address, <base>,
  <iframe>, <meta http-equiv> or anything else not on the list.

nginx sends a fixed policy (deploy/nginx/handbook.conf) as a second line.
On failure nothing deployable is left: the built folder is emptied. The
check is builder-neutral and also runs on its own after any build:

    python -m hooks.csp site/

In MkDocs it runs as a hook (mkdocs.yml, hooks:) and names pages by their
source file in docs/.
"""

import os
import posixpath
import shutil
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

# MkDocs loads hooks by their path: the project's packages beside this folder
# (builders/, handbook/) made importable, as under `python -m hooks.csp`
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from handbook import gate  # noqa: E402
from handbook.problems import printable  # noqa: E402

# Where the theme's script files are (Material's bundle, theme.js, ours)
THEME_SCRIPTS = "assets/javascripts/"
THEME_STYLES = "assets/stylesheets/"
# What the build writes: suffix -> the folder it must be in ("" anywhere)
SITE_FILES = {
    ".html": "",
    ".json": "",
    ".map": "",
    ".js": THEME_SCRIPTS,
    ".css": THEME_STYLES,
    **{suffix: "" for suffix, (what, _) in gate.FILE_TYPES.items() if what != "sivu"},
}
SITE_ROOT_FILES = {"sitemap.xml", "sitemap.xml.gz"}
# A theme's licence beside its scripts (Zensical ships one); nginx serves
# no file without an allowed suffix, so it is never sent
THEME_LICENCES = {THEME_SCRIPTS + "LICENSE"}
FIX = "Ne eivät ole sallittuja; poista ne."
# What a browser obeys in the body too (<meta name="referrer">), so it may
# stand only where the theme writes it; and no script among the content
HEAD_ONLY = {"meta", "link", "title"}


class UnsafeContent(Exception):
    """The built site holds what the gate does not allow; str() is the
    editors' message."""


class _ScriptRules:
    """check_element for gate.html_findings: a <script> is the theme's file
    or JSON data, never among the content; a <link> one of the theme's
    kinds, a style or icon of the site's own; <meta>, <link> and <title>
    only in the head, where the theme writes them."""

    def __init__(self, page_url, base_path, allowed_scripts):
        self.page_url, self.base_path, self.allowed = page_url, base_path, allowed_scripts

    def __call__(self, node):
        found = list(self._place(node))
        if node.tag == "script":
            found += self._script(node.attributes)
        elif node.tag == "link":
            found += self._link(node.attributes)
        return [gate.Finding(what, FIX, f"<{node.tag}") for what in found]

    def _is_theme_script(self, src):
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or gate.url_scheme(src):
            return False
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.page_url), parts.path))
        if self.base_path is None:  # served at a path not known here: the theme's file by its end
            return any(path.endswith("/" + script) for script in self.allowed)
        return path.startswith(self.base_path) and path[len(self.base_path) :] in self.allowed

    @staticmethod
    def _place(node):
        if node.tag in HEAD_ONLY and not _inside(node, "head"):
            yield f"<{node.tag}> sivun sisällössä"
        if node.tag == "script" and _inside(node, "article"):
            yield "skripti sivun sisällössä (<script>)"

    def _script(self, attributes):
        src = attributes.get("src")
        if (
            src is None
            and (attributes.get("type") or "").strip().lower() not in gate.DATA_SCRIPT_TYPES
        ):
            yield "upotettu skripti (<script>)"
        if src is not None and not self._is_theme_script(src):
            yield f'skripti, joka ei ole teeman tiedosto (<script src="{src}">)'

    @staticmethod
    def _link(attributes):
        rels = set((attributes.get("rel") or "").lower().split())
        if not rels or rels - gate.LINK_RELS:
            yield f'<link rel="{attributes.get("rel")}">'
        if rels & {"stylesheet", "icon"} and gate.url_scheme(attributes.get("href") or ""):
            yield f"tyyli tai kuvake toiselta palvelimelta ({attributes.get('href')})"


def _inside(node, tag):
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def findings(text, page_path="index.html", allowed_scripts=frozenset(), base_path=None):
    """[gate.Finding] for what one built page holds that the gate does not
    allow. page_path is the file's path in the site, served at base_path (a
    <script src> is resolved from there; None: not known, as after another
    builder); allowed_scripts, the site paths of the script files a page
    may load."""
    return gate.html_findings(
        text,
        gate.SITE_HTML,
        gate.SITE_GLOBAL,
        gate.SITE_ATTRIBUTE_PREFIXES,
        _ScriptRules((base_path or "/") + page_path, base_path, allowed_scripts),
    )


def _file_finding(path, site_path, allowed_scripts):
    """What is wrong with one file of the output as a file, or None."""
    if path.is_symlink() or not path.is_file():
        return "ei ole tavallinen tiedosto (symbolinen linkki tai muu); poista se"
    if site_path in SITE_ROOT_FILES or site_path in THEME_LICENCES:
        return None
    suffix = PurePosixPath(site_path).suffix
    folder = SITE_FILES.get(suffix)
    if folder is None:
        return (
            f"tiedostotyyppi '{suffix or site_path}' ei ole sallittu sivustolla (sallitut: "
            f"{gate.ALLOWED_FILES}); poista se"
        )
    if not site_path.startswith(folder):
        return (
            f"tiedosto on väärässä kansiossa ({suffix}-tiedostot vain kansiossa {folder}); "
            "poista se"
        )
    if suffix == ".js" and site_path not in allowed_scripts:
        return "skriptitiedosto, joka ei ole teeman; poista se"
    signature = gate.FILE_TYPES.get(suffix, (None, None))[1]
    if signature is not None:
        with open(path, "rb") as file:
            if not signature.match(file.read(16)):
                return f"tiedosto ei ole sisällöltään {suffix[1:].upper()}; tallenna se uudelleen"
    return None


def check_site(site_dir, sources=None, allowed_scripts=None, base_path=None):
    """The editors' messages for every file of the built site that the gate
    does not allow, one a line. sources maps a file's site path to the name
    an editor knows it by (docs/x.md); other files go by their site path.
    allowed_scripts: the theme's script files, as the builder knows them
    (default: the .js files in the site's assets/javascripts/)."""
    site_dir, sources = Path(site_dir), sources or {}
    if allowed_scripts is None:
        allowed_scripts = {
            path.relative_to(site_dir).as_posix()
            for path in (site_dir / THEME_SCRIPTS).rglob("*.js")
        }
    messages = []
    for path in sorted(site_dir.rglob("*")):
        site_path = path.relative_to(site_dir).as_posix()
        # nginx serves no dot-file (a site folder may be a git checkout)
        if (path.is_dir() and not path.is_symlink()) or any(
            part.startswith(".") for part in PurePosixPath(site_path).parts
        ):
            continue
        shown = sources.get(site_path, site_path)
        problem = _file_finding(path, site_path, allowed_scripts)
        if problem:
            messages.append(printable(f"{shown}: {problem}"))
        elif site_path.endswith(".html"):
            found = findings(
                path.read_text(encoding="utf-8", errors="replace"),
                site_path,
                allowed_scripts,
                base_path,
            )
            if found:
                what = ", ".join(dict.fromkeys(finding.what for finding in found))
                messages.append(printable(f"{shown}: sivulla on {what}. {FIX}"))
    return messages


def empty_folder(folder):
    """Remove what the build wrote, keeping the folder itself (and a .git
    folder in it)."""
    for child in Path(folder).iterdir():
        if child.name == ".git":
            continue  # a site folder may be a checkout: its history is not the build's
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def enforce(site_dir, sources=None, allowed_scripts=None, base_path=None):
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
    _build["scripts"] = {
        f.dest_uri for f in files if f.dest_uri.endswith(".js") and f not in from_docs
    }
    return env


def on_post_build(config, **kwargs):
    from mkdocs.exceptions import PluginError

    try:
        enforce(
            config["site_dir"],
            _build.get("sources"),
            _build.get("scripts"),
            urlsplit(config["site_url"] or "/").path or "/",
        )
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
