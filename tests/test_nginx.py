"""The site as IT publishes it: real nginx with deploy/nginx/handbook.conf
under /ohjeet/some/, strict security headers, a Content-Security-Policy
that Chromium never has to enforce against us, caching and compression."""

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from helpers import ROOT, SUB_PATH, mkdocs_build, search

NGINX = "/usr/sbin/nginx"
CONFIG = ROOT / "deploy/nginx/handbook.conf"
YEAR, FIVE_MINUTES = "max-age=31536000", "max-age=300"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """nginx on loopback with the repository's config; yields its base URL
    and the site it serves (built for that address)."""
    if not os.path.exists(NGINX):
        message = f"{NGINX} is missing: apt-get install nginx"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    site = work / "www" / SUB_PATH.strip("/")
    result = mkdocs_build(ROOT, site, base)
    assert result.returncode == 0, result.stderr
    # The repository's server block with the three SET lines pointed here
    server = CONFIG.read_text().replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("/var/www", str(work / "www"))
    (work / "handbook.conf").write_text(server)
    temp_paths = "\n".join(f"{name}_temp_path {work}/{name};"
                           for name in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
    (work / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    {temp_paths}
    include {work}/handbook.conf;
}}
""")
    test = subprocess.run([NGINX, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)],
                          capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield {"base": base, "site": site}
    process.terminate()
    process.wait(timeout=10)


def fetch(url, **headers):
    """(status, headers, body) of a GET, errors included."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def built_policy(site):
    text = (site / ".nginx-csp.conf").read_text()
    return re.search(r'set \$handbook_csp "([^"]+)";', text).group(1)


def bundle_path(site):
    return next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()


def test_pages_carry_the_strict_security_headers(nginx):
    status, headers, _ = fetch(nginx["base"])
    assert status == 200
    assert headers["Content-Security-Policy"] == built_policy(nginx["site"])
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_policy_allows_only_own_files_and_hashed_inline_scripts(nginx):
    policy = built_policy(nginx["site"])
    assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-")
    for loose in ["unsafe-inline", "unsafe-eval", "*", "http:", "https:"]:
        assert loose not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_policy_has_a_hash_for_every_inline_script(nginx):
    from hooks.csp import inline_script_hashes
    hashes = inline_script_hashes(nginx["site"])
    assert len(hashes) >= 3
    assert all(h in built_policy(nginx["site"]) for h in hashes)


def test_pages_are_cached_for_five_minutes(nginx):
    for path in ["", "itsearviointi/", "search/search_index.json", "assets/javascripts/quiz.js"]:
        _, headers, _ = fetch(nginx["base"] + path)
        assert headers["Cache-Control"] == FIVE_MINUTES, path


def test_fingerprinted_assets_are_cached_for_a_year_with_the_same_headers(nginx):
    status, headers, _ = fetch(nginx["base"] + bundle_path(nginx["site"]))
    assert status == 200
    assert headers["Cache-Control"] == YEAR
    assert headers["Content-Security-Policy"] == built_policy(nginx["site"])
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["", "assets/stylesheets/handbook.css",
                                  "assets/javascripts/quiz.js", "search/search_index.json"])
def test_text_is_sent_compressed(nginx, path):
    status, headers, body = fetch(nginx["base"] + path, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body)


def test_missing_page_under_the_sub_path_gets_the_finnish_404_page(nginx):
    status, headers, body = fetch(nginx["base"] + "ei-tallaista-sivua/")
    assert status == 404
    assert "Sivua ei löytynyt" in body.decode()
    assert headers["Content-Security-Policy"] == built_policy(nginx["site"])


def test_build_files_are_not_served(nginx):
    status, _, body = fetch(nginx["base"] + ".nginx-csp.conf")
    assert status == 404
    assert b"sha256" not in body


CSP_LISTENER = """
window.cspViolations = []
document.addEventListener("securitypolicyviolation",
  event => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`))
"""


@pytest.mark.browser
def test_every_page_search_checklists_and_quiz_run_under_the_policy(nginx, open_page):
    watched = open_page()
    page = watched.page
    page.add_init_script(CSP_LISTENER)
    violations = []

    def visit(path):
        page.goto(nginx["base"] + path, wait_until="networkidle")
        violations.extend(page.evaluate("window.cspViolations"))

    for path in ["", "kaupungin-edustajana/", "yksityishenkilona/", "salassapitovelvollisuus/",
                 "ennen-julkaisua/", "itsearviointi/", "ei-tallaista-sivua/"]:
        visit(path)
    visit("")
    assert nginx["base"] + "salassapitovelvollisuus/" in search(page, "salassapitovelvollisuuden")
    page.locator(".md-search-result__item a").first.click()  # instant navigation
    page.wait_for_url(nginx["base"] + "salassapitovelvollisuus/*")
    visit("ennen-julkaisua/")
    page.get_by_label("Kyllä").first.check()
    page.locator("#checklist-virka-selvat-tavoitteet").check()
    visit("kaupungin-edustajana/")
    page.get_by_label("Mikä on kohderyhmä?").fill("Nuoret")
    with page.expect_download():
        page.get_by_role("button", name="Lataa suunnitelma (.txt)").click()
    visit("itsearviointi/")
    question = page.locator("[data-question]:visible")
    question.locator("input").first.check()
    question.get_by_role("button", name="Tarkista").click()
    question.get_by_role("button", name="Seuraava kysymys").click()
    violations.extend(page.evaluate("window.cspViolations"))
    assert violations == []
    assert [e for e in watched.console_errors if "404" not in e] == []
    assert watched.external_requests() == []
    assert len(watched.console_errors) == 1, "only the deliberate 404 page logs an error"
