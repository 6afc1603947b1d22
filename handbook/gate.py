"""The content gate: what editors may publish, as allow-lists. Anything not
on a list stops the build with a Finnish message; nothing is refused for
being on a list of known-bad things, so a new spelling of an attack is
refused like the old one.

- Files: what docs/ may hold (FILE_TYPES), where (not in the folders the
  theme and the build write, RESERVED), checked by name and by content, of
  bounded size, never read through a symbolic link.
- HTML: what a page may contain, read with Lexbor (selectolax), an HTML5
  parser that follows the WHATWG specification as browsers do: a comment,
  CDATA section or <svg> that Python's html.parser reads differently hides
  nothing here. EDITOR_HTML is what an editor's page (Markdown and its raw
  HTML) may become; SITE_HTML adds what the theme's and our templates
  write around it, and holds every built page (hooks/csp.py).
- Front matter: only FRONT_MATTER's keys, with plain-text values.

This module imports nothing from the site builder.
"""

import re
from pathlib import Path, PurePosixPath

from selectolax.lexbor import LexborHTMLParser

# What docs/ may hold: suffix -> (what it is, how its content must start).
# Matched case-insensitively, so that "KUVA.HTML" is refused as HTML; the
# server serves lower-case suffixes only, so an upper-case one is refused too.
WEBP = re.compile(rb"RIFF....WEBP", re.S)
FILE_TYPES = {
    ".md": ("sivu", None),
    ".png": ("kuva", re.compile(re.escape(b"\x89PNG\r\n\x1a\n"))),
    ".jpg": ("kuva", re.compile(re.escape(b"\xff\xd8\xff"))),
    ".jpeg": ("kuva", re.compile(re.escape(b"\xff\xd8\xff"))),
    ".gif": ("kuva", re.compile(rb"GIF8[79]a")),
    ".webp": ("kuva", WEBP),
    ".pdf": ("liite", re.compile(re.escape(b"%PDF-"))),
}
# Editors' data (docs/data/, read by the build, not published)
DATA_FOLDER = "data"
DATA_SUFFIXES = (".yml",)
# Top-level names the theme and the build write into the site: a file of
# docs/ there would replace theme's (tests/test_gate.py checks the list
# against a real build)
RESERVED = ("assets", "search", "404.html", "sitemap.xml", "sitemap.xml.gz")
MAX_FILE_BYTES = 5_000_000
MAX_TOTAL_BYTES = 20_000_000
ALLOWED_FILES = "sivut (.md), kuvat (.png, .jpg, .gif, .webp) ja PDF-liitteet (.pdf)"

# The guideline's own text on a page is marked with these two comments,
# the only comments a page may hold
GUIDELINE_START = "<!-- ohjeen teksti alkaa -->"
GUIDELINE_END = "<!-- ohjeen teksti päättyy -->"
MARKERS = {GUIDELINE_START[4:-3].strip(), GUIDELINE_END[4:-3].strip()}

# Attributes any element may have, and what each element may have besides
EDITOR_GLOBAL = {"id", "class", "title", "lang", "dir", "markdown"}
EDITOR_HTML = {
    **dict.fromkeys(
        (
            "p br hr h1 h2 h3 h4 h5 h6 ul li dl dt dd em strong b i u s small mark sub sup del ins "
            "code pre kbd blockquote div span abbr details summary figure figcaption table "
            "caption thead tbody tfoot tr"
        ).split(),
        set(),
    ),
    "ol": {"start", "reversed", "type"},
    "a": {"href", "target", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "details": {"open"},
}
SVG_PAINT = {"fill", "stroke", "stroke-linecap", "stroke-linejoin", "stroke-width"}
# What the theme's and our templates write around the content; each built
# page is held to this. Still no <base>, <iframe>, <object>, <embed>,
# <style>, no event attribute, no srcdoc.
SITE_GLOBAL = EDITOR_GLOBAL | {"role", "tabindex", "hidden"}
SITE_HTML = {
    **EDITOR_HTML,
    **dict.fromkeys(
        (
            "html head body header nav main article footer aside section fieldset legend title"
        ).split(),
        set(),
    ),
    "html": {"lang"},
    "body": {"dir"},
    "meta": {"charset", "name", "content"},
    "link": {"rel", "href"},
    "script": {"src", "type", "defer", "async"},
    "form": {"name"},
    "label": {"for"},
    "input": {
        "type",
        "name",
        "value",
        "checked",
        "required",
        "placeholder",
        "autocomplete",
        "autocapitalize",
        "autocorrect",
        "spellcheck",
        "disabled",
    },
    "button": {"type", "disabled"},
    "textarea": {"name", "rows", "cols", "required", "placeholder"},
    "output": {"for", "name"},
    "progress": {"max", "value"},
    # The themes' icons (Material's, and Zensical's line icons): shapes and
    # how they are drawn, nothing that links, animates or holds script
    "svg": {"viewBox", "xmlns", *SVG_PAINT},
    "path": {"d", *SVG_PAINT},
    "circle": {"cx", "cy", "r", *SVG_PAINT},
}
SITE_ATTRIBUTE_PREFIXES = ("aria-", "data-")
# <link rel> the theme writes; <script type> that holds data, never code
LINK_RELS = {"stylesheet", "icon", "canonical", "prev", "next"}
DATA_SCRIPT_TYPES = {"application/json"}
# Attributes that hold an address: a link may lead to these schemes, an
# address the browser fetches (src) only to the site's own files
LINK_ATTRIBUTES = {"href", "cite"}
FETCHED_ATTRIBUTES = {"src"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
# Attributes whose value is one of a few words
ATTRIBUTE_VALUES = {
    ("a", "target"): {"_blank", "_self"},
    ("a", "rel"): {"noopener", "noreferrer", "nofollow", "external", "prev", "next", "edit"},
    ("meta", "name"): {"viewport", "description", "author", "generator"},
}
# An editor's id: it may not take the place of the theme's own (__config)
EDITOR_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
# The classes an editor's page may use: the kinds of box (admonition,
# `!!! tip`), the heading links Markdown adds, and the handbook's own style
# for editors. Not the theme's: md-consent__overlay would lay a page-wide
# link over every page.
ADMONITIONS = (
    "note abstract summary tldr info todo tip hint important success check done question help "
    "faq warning caution attention failure fail missing danger error bug example quote cite"
).split()
EDITOR_CLASSES = {
    *("admonition admonition-title headerlink handbook-added handbook-organisation".split()),
    *ADMONITIONS,
}
# The language of a fenced code block: ```text gives <code class="language-text">
CODE_LANGUAGE = re.compile(r"(?<!\S)language-[a-z0-9_+-]+(?!\S)")
COMMENTS = {"-comment", "_comment"}
# The elements the parser puts around any piece of HTML; a <body> written
# in a page would add its attributes to the page's own body
DOCUMENT = {"html", "head", "body"}
# ASCII whitespace and control characters, which browsers drop around a URL
# and, tab and line breaks, inside it
_C0_SPACE = "".join(map(chr, range(33)))
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


class Finding:
    """One thing a page may not hold: what it is in Finnish, what to do,
    and a piece of the source to find its line by."""

    def __init__(self, what, fix, needle):
        self.what, self.fix, self.needle = what, fix, needle

    def __str__(self):
        return f"{self.what}; {self.fix}"


def url_scheme(value):
    """The scheme of an address as a browser reads it ("" for a relative
    one, "//" for one that leads to another host without a scheme)."""
    value = value.strip(_C0_SPACE).translate(_TAB_NEWLINE)
    match = _SCHEME.match(value)
    if match:
        return match.group(1).lower()
    if value[:2].replace("\\", "/") == "//":
        return "//"
    return ""


def url_finding(tag, name, value):
    """A Finding if the address in attribute `name` of <tag> leads where it
    may not: a link (href, cite) to a page of the site, an http(s) or mailto:
    address; anything the browser fetches (src) only to a file of the site."""
    scheme = url_scheme(value)
    if scheme == "" or (name in LINK_ATTRIBUTES and scheme in LINK_SCHEMES):
        return None
    shown = value if len(value) <= 40 else value[:40] + "…"
    if name in LINK_ATTRIBUTES:
        return Finding(
            f"osoite '{shown}' ({name}=) ei ole sallittu",
            "linkitä toiseen sivuun (sivu.md#kohta), kokonaiseen http(s)-osoitteeseen "
            "tai mailto:-osoitteeseen",
            value,
        )
    return Finding(
        f"osoite '{shown}' ({name}=) ei ole sivuston oma tiedosto",
        "tallenna kuva tai tiedosto kansioon docs/kuvat/ tai docs/liitteet/ ja "
        "linkitä siihen, esimerkiksi ![Kuvaus](kuvat/kuva.png)",
        value,
    )


def html_findings(
    html,
    allowed,
    global_attributes,
    attribute_prefixes=(),
    check_element=None,
    id_pattern=None,
    classes=None,
):
    """[Finding] for everything in a piece of HTML that the allow-list
    `allowed` ({element: its own attributes}) does not hold: elements,
    attributes, their values and addresses, comments, an id given twice
    (a second id="__config" would take the theme's place), or not of
    id_pattern, a class not in classes (None: any). check_element(node)
    may add findings of its own for an allowed element (a script's
    source, say)."""
    found, ids = [], set()
    for node in LexborHTMLParser(html).root.traverse(include_text=False):
        tag = node.tag
        if tag in COMMENTS:
            found.extend(_comment_findings(node))
        elif tag.startswith(("-", "_", "#")):
            continue
        elif tag not in allowed:
            if not (tag in DOCUMENT and not node.attributes):  # the parser's own frame
                found.append(
                    Finding(
                        f"HTML-elementti <{tag}> ei ole sallittu",
                        "kirjoita sisältö Markdownina tai käytä sallittuja "
                        "elementtejä (MUOKKAUSOHJE, kohta HTML sivuilla); jos "
                        f"tarkoitit tekstiä <{tag}>, kirjoita se koodina `<{tag}>`",
                        f"<{tag}",
                    )
                )
        else:
            found.extend(
                _attribute_findings(node, global_attributes | allowed[tag], attribute_prefixes)
            )
            found.extend(_id_findings(node, ids, id_pattern))
            found.extend(_class_findings(node, classes))
            if check_element is not None:
                found.extend(check_element(node))
    return found


def _comment_findings(node):
    text = (node.comment_content or "").strip()
    if text in MARKERS:
        return []
    return [
        Finding(
            f"HTML-kommentti '<!--{text[:30]}'"
            if text
            else "HTML-kommentti tai <![CDATA[ … ]]>-osa",
            "poista se (sivulla saa olla vain ohjeen tekstin merkit "
            f"{GUIDELINE_START} ja {GUIDELINE_END})",
            "<!",
        )
    ]


def _attribute_findings(node, allowed, prefixes):
    found = []
    for name, value in node.attributes.items():
        if not (name in allowed or name.startswith(prefixes)):
            found.append(
                Finding(
                    f"elementin <{node.tag}> määre {name}= ei ole sallittu",
                    f"poista se (sallitut määreet: {', '.join(sorted(allowed))})",
                    name,
                )
            )
        elif (node.tag, name) in ATTRIBUTE_VALUES and not set(
            (value or "").lower().split()
        ) <= ATTRIBUTE_VALUES[node.tag, name]:
            found.append(
                Finding(
                    f"elementin <{node.tag}> määreen {name}= arvo '{value}' ei ole sallittu",
                    f"käytä arvoa {' tai '.join(sorted(ATTRIBUTE_VALUES[node.tag, name]))}",
                    name,
                )
            )
        elif name in LINK_ATTRIBUTES | FETCHED_ATTRIBUTES and value is not None:
            finding = url_finding(node.tag, name, value)
            if finding:
                found.append(finding)
    return found


def _id_findings(node, ids, pattern):
    identifier = node.attributes.get("id")
    if identifier is None:
        return []
    if identifier in ids:
        return [
            Finding(
                f'tunniste id="{identifier}" kahdesti', "anna kohdalle oma tunniste", identifier
            )
        ]
    ids.add(identifier)
    if pattern is not None and not pattern.fullmatch(identifier):
        return [
            Finding(
                f"tunniste '{identifier}' ei käy",
                "tunnisteessa saa olla vain pieniä kirjaimia a–z, numeroita, "
                "väliviivoja ja alaviivoja, ja se alkaa kirjaimella tai numerolla",
                identifier,
            )
        ]
    return []


def _class_findings(node, classes):
    if classes is None:
        return []
    if node.tag == "code":  # a fenced block's language (```text) names its code
        classes = {*classes, *CODE_LANGUAGE.findall(node.attributes.get("class") or "")}
    return [
        Finding(
            f"luokka '{name}' ei ole sallittu",
            f"käytä vain luokkia {', '.join(sorted(classes))}, tai poista se",
            name,
        )
        for name in (node.attributes.get("class") or "").split()
        if name not in classes
    ]


def editor_findings(html):
    """[Finding] for an editor's page made into HTML (Markdown and its raw
    HTML, before any template is applied)."""
    return html_findings(
        html, EDITOR_HTML, EDITOR_GLOBAL, id_pattern=EDITOR_ID, classes=EDITOR_CLASSES
    )


# Files in docs/ -----------------------------------------------------------


def _file_problem(relative, head):
    """The Finnish problem with one file of docs/ (its path under docs/ and
    its first bytes), or None if it may be there."""
    parts = PurePosixPath(relative).parts
    suffix = next(
        (known for known in DATA_SUFFIXES if relative.endswith(known)),
        PurePosixPath(relative).suffix,
    )
    if parts[0] == DATA_FOLDER:
        if len(parts) == 2 and suffix in DATA_SUFFIXES:
            return None
        return (
            "kansiossa docs/data/ saa olla vain käsikirjan tiedot (.yml); siirrä tiedosto "
            "muualle tai poista se"
        )
    if parts[0].lower() in RESERVED:
        return (
            f"kansio tai nimi '{parts[0]}' on teeman ja rakennuksen oma, eikä sinne voi "
            "lisätä tiedostoja; tallenna kuvat kansioon docs/kuvat/ ja liitteet kansioon "
            "docs/liitteet/"
        )
    kind = FILE_TYPES.get(suffix.lower())
    if kind is None:
        hint = (
            "tallenna SVG-kuva PNG-muodossa"
            if suffix.lower() == ".svg"
            else "tallenna kuva PNG- tai JPEG-muodossa"
            if suffix.lower() in (".bmp", ".tif", ".tiff", ".heic", ".ico")
            else "kirjoita sivu Markdownina (.md)"
            if suffix.lower() in (".html", ".htm", ".xhtml", ".shtml", ".xml", ".txt")
            else "tallenna asiakirja PDF-muodossa"
            if suffix.lower() in (".doc", ".docx", ".odt", ".xls", ".xlsx", ".ppt", ".pptx", ".rtf")
            else "poista tiedosto"
        )
        what = f"tiedostotyyppi '{suffix}'" if suffix else "tiedosto ilman tiedostopäätettä"
        return f"{what} ei ole sallittu (sallitut: {ALLOWED_FILES}); {hint}"
    if suffix != suffix.lower():
        return (
            f"tiedostopääte '{suffix}' on kirjoitettu isoin kirjaimin; nimeä tiedosto "
            f"uudelleen päätteellä '{suffix.lower()}' ja korjaa linkit"
        )
    what, signature = kind
    if signature is not None and not signature.match(head):
        return (
            f"tiedosto ei ole sisällöltään {suffix[1:].upper()}-{what} vaikka sen nimi "
            f"päättyy '{suffix}'; tallenna se uudelleen oikeassa muodossa "
            f"(esimerkiksi kuvankäsittelyohjelmassa) tai poista se"
        )
    return None


def docs_files(docs_dir, problems):
    """Every file of docs/ checked against the allow-lists; returns the
    Markdown pages and the data files that may be read ([Path], [Path]).
    Hidden files and folders (.git, .DS_Store) are left alone, as the
    builders publish none of them."""
    docs_dir = Path(docs_dir)
    if docs_dir.is_symlink():
        problems.add(
            "docs",
            "kansio docs/ on linkki toiseen paikkaan (symbolinen linkki); "
            "palauta se tavalliseksi kansioksi",
        )
        return [], []
    pages, data, total = [], [], 0
    for path in _walk(docs_dir):
        relative = path.relative_to(docs_dir).as_posix()
        if path.is_dir() and not path.is_symlink():
            continue
        total += path.lstat().st_size
        problem = _path_problem(path, relative)
        if problem:
            problems.add(f"docs/{relative}", problem)
        elif relative.startswith(DATA_FOLDER + "/"):
            data.append(path)
        elif path.suffix == ".md":
            pages.append(path)
    _check_readme(docs_dir, pages, problems)
    if total > MAX_TOTAL_BYTES:
        problems.add(
            "docs",
            f"kansion docs/ tiedostot ovat yhteensä {total / 1_000_000:.1f} Mt, "
            f"enemmän kuin sallitut {MAX_TOTAL_BYTES // 1_000_000} Mt; pienennä kuvia "
            "tai julkaise suuret liitteet muualla",
        )
    return pages, data


def _path_problem(path, relative):
    """The Finnish problem with one path of docs/ (not a folder), read
    only if it is a plain file of bounded size."""
    if path.is_symlink():
        return (
            "tiedosto on linkki toiseen paikkaan (symbolinen linkki); sivustolle saa lisätä "
            "vain tavallisia tiedostoja: kopioi tiedosto kansioon docs/ linkin tilalle"
        )
    if not path.is_file():
        return "ei ole tavallinen tiedosto; poista se"
    if path.stat().st_size > MAX_FILE_BYTES:
        return (
            f"tiedosto on liian suuri (yli {MAX_FILE_BYTES // 1_000_000} Mt); pienennä se "
            "tai julkaise se muualla"
        )
    with open(path, "rb") as file:
        return _file_problem(relative, file.read(16))


def _check_readme(docs_dir, pages, problems):
    """A README.md beside an index.md: MkDocs would leave it out, in English."""
    for page in pages:
        if page.name.lower() == "readme.md" and (page.parent / "index.md") in pages:
            problems.add(
                f"docs/{page.relative_to(docs_dir).as_posix()}",
                "sivut README.md ja index.md ovat samassa kansiossa, ja sivustolle tulisi "
                "vain index.md; nimeä README.md toisin (esimerkiksi lisatietoa.md) tai "
                "poista se",
            )


def _walk(folder):
    """Every path under folder, sorted, not into hidden folders nor through
    symbolic links (a linked folder is yielded itself, not entered)."""
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        yield path
        if path.is_dir() and not path.is_symlink():
            yield from _walk(path)


def through_link(docs_dir, path):
    """path, or a folder on the way to it from docs_dir, is a symbolic link."""
    docs_dir, path = Path(docs_dir), Path(path)
    return docs_dir.is_symlink() or any(
        folder.is_symlink()
        for folder in [path, *path.parents]
        if folder.is_relative_to(docs_dir) and folder != docs_dir
    )


def is_plain_file(docs_dir, path):
    """path is a regular file under docs_dir, reached through no symbolic
    link: safe to read."""
    return not through_link(docs_dir, path) and Path(path).is_file()


# Front matter -----------------------------------------------------------------

PLAIN_TEXT = {
    "type": "string",
    "minLength": 1,
    "pattern": r"^[^<>&]*$",
    "patternErrorMessage": "kirjoita teksti tavallisena tekstinä: merkit <, > ja & "
    "eivät käy (kirjoita & sanana ja)",
}
FRONT_MATTER = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": PLAIN_TEXT,
        "description": PLAIN_TEXT,
        "render_macros": {"type": "boolean"},
        "search": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "boost": {"type": "number", "minimum": 0, "maximum": 10},
                "exclude": {"type": "boolean"},
            },
        },
    },
}
