"""The site as IT publishes it: real nginx with deploy/nginx/handbook.conf
under /ohjeet/some/, serving only the live release of the release layout
and of it only the kinds of file the build writes, the same strict security
headers on every response (errors included), a Content-Security-Policy that
lets script run only from the build's script folder and that Chromium never
has to enforce against us, caching and compression."""

import gzip
import http.client
import io
import socket
import urllib.error
import urllib.request

import pytest
from helpers import (
    ROOT,
    SUB_PATH,
    editors_data,
    free_port,
    mkdocs_build,
    require_nginx,
    search,
    start_nginx,
)

YEAR, FIVE_MINUTES = "max-age=31536000", "max-age=300"
# The one folder the build writes scripts to, and the only one they may run from
SCRIPTS = "assets/javascripts/"


def security_headers(scripts):
    """What every response must carry, exactly. scripts: where script may
    come from: the script folder at the address the request was sent to,
    or 'none' when the request names no host a policy can name."""
    return {
        "Content-Security-Policy": f"default-src 'self'; script-src {scripts}; style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        f"worker-src {scripts}; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "interest-cohort=()",
        "X-Frame-Options": "DENY",
    }


RELEASE, OLD_RELEASE = "2b3c4d5", "1a2b3c4"


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """nginx on loopback with the repository's config, serving the release
    layout of the README: /var/www/handbook/releases/<hash>/ per build and
    the symlink `current` naming the live one, here beside an older release
    and a stray file under the web root. Yields its base URL, the live
    release and the web root."""
    require_nginx()
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    www = work / "www"
    releases = www / "handbook" / "releases"
    site = releases / RELEASE
    result = mkdocs_build(ROOT, site, base)
    assert result.returncode == 0, result.stderr
    (releases / OLD_RELEASE).mkdir()
    (releases / OLD_RELEASE / "index.html").write_text("vanha julkaisu")
    (www / "handbook" / "current").symlink_to(f"releases/{RELEASE}")
    (www / "muistiinpanot.txt").write_text("ei julkinen")
    process = start_nginx(work, port)
    yield {
        "base": base,
        "site": site,
        "www": www,
        "origin": f"http://127.0.0.1:{port}",
        "port": port,
        "scripts": base + SCRIPTS,
    }
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


def bundle_path(site):
    return next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()


def raw_request(nginx, request: bytes):
    """(status, headers, body) of a request sent as raw bytes, for the
    malformed requests urllib refuses to send."""
    with socket.create_connection(("127.0.0.1", nginx["port"]), timeout=5) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, _, lines = head.partition(b"\r\n")
    headers = http.client.parse_headers(io.BytesIO(lines + b"\r\n\r\n"))
    return int(status_line.split()[1]), headers, body


def _folder_without_slash(nginx):
    opener = urllib.request.build_opener(NoRedirect)
    return fetch_with(opener, urllib.request.Request(nginx["base"] + "itsearviointi"))


def _servers_root(nginx):
    opener = urllib.request.build_opener(NoRedirect)
    return fetch_with(opener, urllib.request.Request(nginx["origin"] + "/"))


def _not_modified(nginx):
    modified = fetch(nginx["base"])[1]["Last-Modified"]
    return fetch(nginx["base"], **{"If-Modified-Since": modified})


def _folder_without_a_page(nginx):
    (nginx["site"] / "kansio-ilman-sivua").mkdir(exist_ok=True)
    return fetch(nginx["base"] + "kansio-ilman-sivua/")


def _trace(nginx):
    host = nginx["origin"].removeprefix("http://").encode()
    return raw_request(
        nginx, b"TRACE /ohjeet/some/ HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n"
    )


# How a reader or a scanner causes each status
CAUSES = {
    200: lambda nginx: fetch(nginx["base"]),
    301: _folder_without_slash,
    302: _servers_root,
    304: _not_modified,
    400: lambda nginx: raw_request(  # HTTP/1.1 without a Host
        nginx, b"GET /ohjeet/some/ HTTP/1.1\r\nConnection: close\r\n\r\n"
    ),
    403: _folder_without_a_page,
    404: lambda nginx: fetch(nginx["base"] + "ei-tallaista-sivua/"),
    405: _trace,
    414: lambda nginx: fetch(nginx["base"] + "a" * 10_000),
    416: lambda nginx: fetch(  # a range past the end of a file
        nginx["base"] + "assets/stylesheets/handbook.css", Range="bytes=99999999-"
    ),
}


def response_to(nginx, status):
    """A real response of the given status, caused the way a reader or a
    scanner would cause it."""
    return CAUSES[status](nginx)


STATUSES = [200, 301, 302, 304, 400, 403, 404, 405, 414, 416]


@pytest.mark.parametrize("status", STATUSES)
def test_every_response_carries_exactly_the_security_headers(nginx, status):
    got, headers, _ = response_to(nginx, status)
    assert got == status
    # 400 and 414 are refused before nginx has read a Host: no script at all
    scripts = "'none'" if status in (400, 414) else nginx["scripts"]
    for name, value in security_headers(scripts).items():
        assert headers.get_all(name) == [value], name


@pytest.mark.parametrize("status", STATUSES)
def test_no_response_names_the_nginx_version(nginx, status):
    _, headers, body = response_to(nginx, status)
    assert headers["Server"] == "nginx"
    assert b"nginx/" not in body


@pytest.mark.parametrize(
    "status, text",
    [
        (301, "Sivu on siirtynyt pysyvästi"),
        (302, "Sivu on tilapäisesti toisessa osoitteessa"),
        (400, "Virheellinen pyyntö"),
        (403, "Tähän osoitteeseen ei ole pääsyä"),
        (405, "Tätä pyyntötapaa ei sallita"),
        (414, "Osoite on liian pitkä"),
        (416, "Pyydettyä tiedoston osaa ei ole"),
    ],
)
def test_error_and_redirect_responses_are_short_finnish_texts(nginx, status, text):
    _, headers, body = response_to(nginx, status)
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body.decode().startswith(f"{status} {text}")


@pytest.mark.parametrize(
    "name", ["index.html", "assets/images/favicon.png", "sitemap.xml", "liitteet/ohje.pdf"]
)
def test_a_range_past_the_end_of_any_file_gets_the_same_416(nginx, name):
    # nginx finds the range too long only while sending the file, after its
    # headers were made: the 416 must not repeat them or take their type
    put_in_release(nginx, name)
    status, headers, body = fetch(nginx["base"] + name, Range="bytes=99999999-")
    assert status == 416
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body.decode().startswith("416 Pyydettyä tiedoston osaa ei ole")
    for header, value in security_headers(nginx["scripts"]).items():
        assert headers.get_all(header) == [value], header


def test_policy_lets_script_run_only_from_the_builds_script_folder(nginx):
    policy = fetch(nginx["base"])[1]["Content-Security-Policy"]
    directives = dict(directive.split(" ", 1) for directive in policy.split("; "))
    assert directives["script-src"] == directives["worker-src"] == nginx["scripts"]
    assert nginx["scripts"] == f"{nginx['origin']}{SUB_PATH}{SCRIPTS}"
    for loose in [
        "'self'",
        "unsafe-inline",
        "unsafe-eval",
        "sha256-",
        "nonce-",
        "*",
        "blob:",
        "data:",
    ]:
        assert loose not in directives["script-src"]
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


@pytest.mark.parametrize("host", [None, b"a;script-src *", b"a b", b"[::1]", b"intra_net"])
def test_a_request_without_a_host_the_policy_can_name_may_run_no_script(nginx, host):
    request = b"GET /ohjeet/some/ HTTP/1.0\r\n" + (b"Host: " + host + b"\r\n" if host else b"")
    _, headers, _ = raw_request(nginx, request + b"\r\n")
    assert (
        headers["Content-Security-Policy"] == security_headers("'none'")["Content-Security-Policy"]
    )


def test_materials_settings_are_data_not_script(nginx):
    """(The whole built site is checked in test_csp_check.py; files planted in
    this release by other tests here would not pass that check.)"""
    assert (
        '<script id="__config" type="application/json">'
        in (nginx["site"] / "index.html").read_text()
    )


def test_pages_are_cached_for_five_minutes(nginx):
    for path in ["", "itsearviointi/", "search/search_index.json", "assets/javascripts/quiz.js"]:
        _, headers, _ = fetch(nginx["base"] + path)
        assert headers["Cache-Control"] == FIVE_MINUTES, path


def test_fingerprinted_assets_are_cached_for_a_year_with_the_same_headers(nginx):
    status, headers, _ = fetch(nginx["base"] + bundle_path(nginx["site"]))
    assert status == 200
    assert headers["Cache-Control"] == YEAR
    for name, value in security_headers(nginx["scripts"]).items():
        assert headers.get_all(name) == [value], name


def test_our_bundles_are_cached_for_a_year_like_materials_files(nginx):
    ours = [
        path.relative_to(nginx["site"]).as_posix()
        for path in nginx["site"].glob("assets/*/handbook.bundle.*.min.*")
    ]
    assert len(ours) == 2, ours
    for path in ours:
        _, headers, _ = fetch(nginx["base"] + path)
        assert headers["Cache-Control"] == YEAR, path


@pytest.mark.parametrize(
    "path",
    [
        "",
        "assets/stylesheets/handbook.css",
        "assets/javascripts/quiz.js",
        "search/search_index.json",
    ],
)
def test_text_is_sent_compressed(nginx, path):
    status, headers, body = fetch(nginx["base"] + path, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body)


def test_text_is_compressed_as_well_as_gzip_level_6_does(nginx):
    # nginx's default level 1 sends the quiz page and the bundles some 20 KB
    # larger than level 6: bytes a phone waits for on every first visit
    biggest = max(
        (
            path
            for path in nginx["site"].rglob("*")
            if path.suffix in {".html", ".css", ".js", ".json"}
        ),
        key=lambda path: path.stat().st_size,
    )
    for path in ["", biggest.relative_to(nginx["site"]).as_posix()]:
        _, headers, body = fetch(nginx["base"] + path, **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip", path
        assert len(body) <= 1.02 * len(gzip.compress(gzip.decompress(body), 6)), path


def test_missing_page_under_the_sub_path_gets_the_finnish_404_page(nginx):
    status, _, body = fetch(nginx["base"] + "ei-tallaista-sivua/")
    assert status == 404
    assert "Sivua ei löytynyt" in body.decode()


@pytest.mark.parametrize("name", [".env", ".git/config", "assets/.htpasswd"])
def test_dot_files_get_the_finnish_404_page(nginx, name):
    secret = nginx["site"] / name
    secret.parent.mkdir(exist_ok=True)
    secret.write_text("SALAINEN=1")
    status, _, body = fetch(nginx["base"] + name)
    assert status == 404
    assert "Sivua ei löytynyt" in body.decode()
    assert b"SALAINEN" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/handbook/releases/1a2b3c4/",
        "/handbook/current/",
        "/releases/1a2b3c4/",
        "/muistiinpanot.txt",
        "/ohjeet/some/../../handbook/releases/1a2b3c4/",
    ],
)
def test_only_the_live_release_is_served(nginx, path):
    status, _, body = fetch(nginx["origin"] + path)
    assert status == 404
    assert "Sivua ei löytynyt" in body.decode()
    assert b"vanha julkaisu" not in body and b"ei julkinen" not in body


def test_a_symlink_inside_a_release_is_not_followed(nginx):
    # named as a page, so only the symlink rule stands in the way
    (nginx["site"] / "muistiinpanot.html").symlink_to(nginx["www"] / "muistiinpanot.txt")
    status, _, body = fetch(nginx["base"] + "muistiinpanot.html")
    assert status in (403, 404)
    assert b"ei julkinen" not in body


def test_switching_the_symlink_publishes_another_release_without_reload(nginx):
    current = nginx["www"] / "handbook" / "current"
    switch = nginx["www"] / "handbook" / "current.new"
    try:
        switch.symlink_to(f"releases/{OLD_RELEASE}")
        switch.replace(current)  # rename(2): the switch is atomic
        assert fetch(nginx["base"])[2] == b"vanha julkaisu"
    finally:
        switch.symlink_to(f"releases/{RELEASE}")
        switch.replace(current)
    assert "Sivua ei löytynyt" not in fetch(nginx["base"])[2].decode()
    assert fetch(nginx["base"])[0] == 200


def test_a_folder_without_its_slash_is_redirected_on_the_same_host(nginx):
    request = urllib.request.Request(nginx["base"] + "itsearviointi")
    opener = urllib.request.build_opener(NoRedirect)
    status, headers, _ = fetch_with(opener, request)
    assert status == 301
    assert headers["Location"] == SUB_PATH + "itsearviointi/"


def test_the_servers_root_is_redirected_to_the_handbook(nginx):
    status, headers, _ = response_to(nginx, 302)
    assert status == 302
    assert headers["Location"] == SUB_PATH


# What is served: only the kinds of file the build writes ---------------------

# name in the release -> Content-Type; the built site's own files where it
# has one, a file put in beside them otherwise
SERVED = {
    "index.html": "text/html; charset=utf-8",
    "assets/stylesheets/handbook.css": "text/css; charset=utf-8",
    f"{SCRIPTS}theme.js": "text/javascript; charset=utf-8",
    "search/search_index.json": "application/json; charset=utf-8",
    "assets/images/favicon.png": "image/png",
    "kuvat/kuva.jpg": "image/jpeg",
    "kuvat/kuva.jpeg": "image/jpeg",
    "kuvat/kuva.gif": "image/gif",
    "kuvat/kuva.webp": "image/webp",
    "liitteet/ohje.pdf": "application/pdf",
    "sitemap.xml": "application/xml",
    "sitemap.xml.gz": "application/gzip",
}
# Files a browser could run script in, or that the build never writes: if
# one reached a release folder it is still not served
NEVER_SERVED = [
    "sivu.htm",
    "sivu.xhtml",
    "sivu.shtml",
    "sivu.HTML",
    "sivu.Html",
    "kuva.svg",
    "kuva.SVG",
    "tiedot.xml",
    "assets/sitemap.xml",
    "kuvat/sitemap.xml.gz",
    "sivu",
    "assets/sivu",
    "liite.PDF",
    "sivu.html.bak",
    "muistiinpanot.txt",
    f"{SCRIPTS}bundle.js.map",
]
PLANTED = """<html xmlns="http://www.w3.org/1999/xhtml"><body>
<script src="pwn.js"></script><script>window.__pwned = 'inline'</script>
</body></html>"""


def put_in_release(nginx, name, text="x"):
    path = nginx["site"] / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.mark.parametrize("name", SERVED)
def test_each_kind_of_file_the_build_writes_is_served_with_its_own_type(nginx, name):
    put_in_release(nginx, name)
    status, headers, _ = fetch(nginx["base"] + name)
    assert status == 200
    assert headers["Content-Type"] == SERVED[name]


@pytest.mark.parametrize("name", NEVER_SERVED)
def test_any_other_file_in_a_release_gets_the_finnish_404_page(nginx, name):
    put_in_release(nginx, name, PLANTED)
    put_in_release(nginx, "pwn.js", "window.__pwned = 'file'")
    status, headers, body = fetch(nginx["base"] + name)
    assert status == 404
    assert "Sivua ei löytynyt" in body.decode()
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_scripts_are_served_only_from_the_builds_script_folder(nginx):
    for name in ["pwn.js", "assets/pwn.js", "search/pwn.js", f"{SCRIPTS}pwn.js"]:
        put_in_release(nginx, name, "window.__pwned = 'file'")
    assert fetch(nginx["base"] + f"{SCRIPTS}pwn.js")[0] == 200
    for name in ["pwn.js", "assets/pwn.js", "search/pwn.js"]:
        status, _, body = fetch(nginx["base"] + name)
        assert status == 404, name
        assert b"__pwned" not in body


def test_a_script_path_leaving_the_folder_once_decoded_finds_nothing(nginx):
    # The browser counts assets/javascripts/..%2F..%2Fpwn.js as inside the
    # folder the policy allows; nginx decodes it to the release root
    put_in_release(nginx, "pwn.js", "window.__pwned = 'file'")
    status, _, body = fetch(nginx["base"] + f"{SCRIPTS}..%2F..%2Fpwn.js")
    assert status == 404
    assert b"__pwned" not in body


def test_a_folder_named_like_a_file_still_gets_its_slash_and_page(nginx):
    put_in_release(nginx, "kuvat.svg/index.html", "kansion sivu")
    opener = urllib.request.build_opener(NoRedirect)
    status, headers, _ = fetch_with(opener, urllib.request.Request(nginx["base"] + "kuvat.svg"))
    assert (status, headers["Location"]) == (301, SUB_PATH + "kuvat.svg/")
    assert fetch(nginx["base"] + "kuvat.svg/")[2] == b"kansion sivu"


def test_pdf_attachments_are_downloaded_with_every_security_header(nginx):
    put_in_release(nginx, "liitteet/ohje.pdf", "%PDF-1.4")
    status, headers, _ = fetch(nginx["base"] + "liitteet/ohje.pdf")
    assert status == 200
    assert headers.get_all("Content-Disposition") == ["attachment"]
    for name, value in security_headers(nginx["scripts"]).items():
        assert headers.get_all(name) == [value], name


def test_nothing_but_a_pdf_is_sent_as_an_attachment(nginx):
    for path in ["", "itsearviointi/", f"{SCRIPTS}theme.js", "puuttuva-liite.pdf"]:
        _, headers, _ = fetch(nginx["base"] + path)
        assert "Content-Disposition" not in headers, path


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def fetch_with(opener, request):
    try:
        with opener.open(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


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

    for path in [
        "",
        "kaupungin-edustajana/",
        "yksityishenkilona/",
        "salassapitovelvollisuus/",
        "ennen-julkaisua/",
        "itsearviointi/",
        "ei-tallaista-sivua/",
    ]:
        visit(path)
    visit("")
    assert nginx["base"] + "salassapitovelvollisuus/" in search(page, "salassapitovelvollisuuden")
    page.locator(".md-search-result__item a").first.click()  # instant navigation
    page.wait_for_url(nginx["base"] + "salassapitovelvollisuus/*")
    visit("ennen-julkaisua/")
    page.get_by_label("Kyllä").first.check()
    first_item = editors_data("checklists")["virka"]["items"][0]["id"]
    page.locator(f"#checklist-virka--{first_item}").check()
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
