"""MkDocs hook: the Content-Security-Policy for this build.

Material puts a few small inline scripts in every page (storage scope,
palette, tabs); their text depends on the page's depth. After the build this
hook hashes every inline script in the built HTML and writes the policy as
an nginx include, site/.nginx-csp.conf, so the server allows exactly these
scripts and our own files, never 'unsafe-inline' (deploy/nginx/handbook.conf).
"""

import base64
import hashlib
import re
from pathlib import Path

# An executable inline script: no src, no non-JavaScript type (JSON data is fine)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>",
                           re.S)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
CSP_FILE = ".nginx-csp.conf"


def inline_script_hashes(site_dir: Path) -> list:
    """The sorted 'sha256-…' sources of every inline script on the site."""
    hashes = set()
    for page in site_dir.rglob("*.html"):
        for script in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = hashlib.sha256(script.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(hashes)


def on_post_build(config, **kwargs):
    site_dir = Path(config["site_dir"])
    policy = POLICY.format(hashes=" ".join(inline_script_hashes(site_dir)))
    (site_dir / CSP_FILE).write_text(
        "# Written by hooks/csp.py for this build: hashes of Material's inline scripts.\n"
        f'set $handbook_csp "{policy}";\n', encoding="utf-8")
