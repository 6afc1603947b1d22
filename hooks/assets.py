"""Our scripts and styles are written one file per feature (overrides/assets/)
and served as one script and one stylesheet, minified, so that a page makes
about as many requests and transfers about as much as a plain Material page.

mkdocs.yml lists the sources in extra_javascript and extra_css, in order, as
every builder reads them. In MkDocs and ProperDocs this hook joins each list
into one file (BUNDLES), each source minified (rjsmin, rcssmin: no Node
toolchain), and has the pages load that file instead; theme.js, which loads
alone in <head>, is minified too. The script is no <script> tag of its own:
theme.js loads it when Material's bundle has run (config.extra.handbook_script,
named on theme.js's tag), so on a slow connection it never shares the
bandwidth Material's bundle needs before the page answers input. The
stylesheet starts with the theme's own stylesheets (Material's main and
palette CSS, as its base.html links them for this mkdocs.yml), so a page
loads one stylesheet in all, not three: the `styles` block of
overrides/main.html then links none of its own
(config.extra.theme_styles_bundled). A builder that runs no hooks (Zensical)
loads the theme's stylesheets and our sources one by one, as written: more
requests, the same behaviour.
"""

import hashlib
import sys
from pathlib import Path, PurePosixPath

import rcssmin
import rjsmin

# MkDocs loads hooks by their path: the project's packages beside this folder
# (builders/, handbook/) made importable
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from builders import internals  # noqa: E402

# What each list in mkdocs.yml is served as: this name, with a fingerprint
# of the content added (handbook.bundle.1a2b3c4d.min.js), so that nginx lets
# browsers keep it for a year, as it does Material's own files
BUNDLES = {
    "extra_javascript": "assets/javascripts/handbook.bundle.js",
    "extra_css": "assets/stylesheets/handbook.bundle.css",
}

# Served minified as they are, outside the bundles
MINIFIED = ["assets/javascripts/theme.js"]

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
# Between two scripts: each is a complete statement, and a line starting with
# "(" must not be read as a call of the one before
SEPARATORS = {".js": "\n;\n", ".css": "\n"}
# A stylesheet may state its encoding only at its very start: a bundle states
# it once there, and a source's own statement (Material's) is left out
CHARSET = '@charset "UTF-8";'
STARTS = {".js": "", ".css": CHARSET + "\n"}


def minify(path, text):
    """A source minified; a theme's file already minified (x.min.css) as it is."""
    if ".min." not in PurePosixPath(path).name:
        text = MINIFIERS[PurePosixPath(path).suffix](text)
    return text.strip().removeprefix(CHARSET)


def join(bundle, sources):
    """The bundle's text from its sources [(path, text)], in order, each
    minified and headed by the name of its source file."""
    suffix = PurePosixPath(bundle).suffix
    parts = [f"/* {path} */\n{minify(path, text)}\n" for path, text in sources]
    return STARTS[suffix] + SEPARATORS[suffix].join(parts)


def fingerprinted(bundle, content):
    """handbook.bundle.js -> handbook.bundle.<first 8 of sha256>.min.js"""
    path = PurePosixPath(bundle)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    return str(path.with_name(f"{path.stem}.{digest}.min{path.suffix}"))


def _where(config, path):
    """mkdocs.yml and the line that lists path, as editors' messages name places."""
    config_file = Path(config["config_file_path"])
    lines = config_file.read_text(encoding="utf-8").splitlines()
    number = next((n for n, line in enumerate(lines, 1) if line.strip() == f"- {path}"), None)
    return config_file.name + (f", rivi {number}" if number else "")


# MkDocs hook -----------------------------------------------------------------

_sources = {}


def on_config(config, **kwargs):
    """Remember what goes into each bundle; on_env makes and names them."""
    for key in BUNDLES:
        _sources[key] = [str(source) for source in config[key]]
    return config


def on_env(env, config, files, **kwargs):
    """Add each bundle to the site, made of its sources as the theme ships
    them, and have the pages load it instead of its sources. The stylesheet
    takes the theme's own first, and the theme then links none. (on_env:
    after the pages are read, before they are rendered and files copied.)"""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    theme_styles = internals.theme_stylesheets(env, config) if _sources["extra_css"] else []
    config["extra"]["theme_styles_bundled"] = bool(theme_styles)
    _sources["extra_css"][:0] = theme_styles

    for key, sources in _sources.items():
        if not sources:
            continue
        bundle = BUNDLES[key]
        missing = [path for path in sources if files.get_file_from_path(path) is None]
        if missing:
            raise PluginError(
                "\n".join(
                    f"{_where(config, path)}: tiedostoa '{path}' ei ole kansiossa overrides/ "
                    "eikä teemassa; korjaa nimi tai poista rivi."
                    for path in missing
                )
            )
        content = join(
            bundle, [(path, files.get_file_from_path(path).content_string) for path in sources]
        )
        name = fingerprinted(bundle, content)
        files.append(File.generated(config, name, content=content))
        if key == "extra_javascript":
            config[key] = []
            config["extra"]["handbook_script"] = name
        else:
            config[key] = [name]
    for path in MINIFIED:
        file = files.get_file_from_path(path)
        if file is not None:
            file.content_string = minify(path, file.content_string)
    return env
