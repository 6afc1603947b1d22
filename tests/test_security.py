"""Script that content tries to inject never runs. Each attack is tried on a
copy of the project: the build either refuses it with a Finnish message
naming the page, or the value comes out as inert text. Then, in real
Chromium under real nginx with the production Content-Security-Policy, the
browser decides: nothing runs (window.__pwned stays unset), even for script
that slips past the build's check, and even for files that reach a release
folder without the build: nginx serves none a browser could run script in,
and the policy runs script only from the build's script folder. Material's
own scripts come from a file, so no page has any inline script, and they
keep working with storage blocked."""

import re

import pytest
from helpers import (
    PAGES,
    ROOT,
    SUB_PATH,
    copy_project,
    free_port,
    mkdocs_build,
    require_nginx,
    search,
    start_nginx,
)

PAGE = "docs/yksityishenkilona.md"
PAGE_PATH = "yksityishenkilona/"
APPROVAL = "<script>window.__pwned = 'approval'</script> Hyväksytty"
# A description may hold quotes (plain text): they stay inside its <meta>
DESCRIPTION = '" autofocus onfocus="window.__pwned = \'description\'" x="'
HTML_FIX = (
    "kirjoita sisältö Markdownina tai käytä sallittuja elementtejä (MUOKKAUSOHJE, kohta "
    "HTML sivuilla); jos tarkoitit tekstiä <script>, kirjoita se koodina `<script>`"
)
# Page content that tries to run script: the page it is put on, and what
# the build says about it (the content gate, handbook/gate.py)
REFUSED = {
    "script typed into a page": (
        "docs/index.md",
        "<script>window.__pwned = 'script'</script>",
        f"docs/index.md, rivi {{line}}: HTML-elementti <script> ei ole sallittu; {HTML_FIX}",
    ),
    "onerror handler in content": (
        "docs/yksityishenkilona.md",
        '<img src="puuttuu.png" alt="Kuva" onerror="window.__pwned = \'onerror\'">',
        "docs/yksityishenkilona.md, rivi {line}: elementin <img> määre onerror= ei ole sallittu; "
        "poista se (sallitut määreet: alt, class, dir, height, id, lang, loading, markdown, src, "
        "title, width)",
    ),
    "javascript: link in Markdown": (
        "docs/salassapitovelvollisuus.md",
        "[Avaa](javascript:window.__pwned='link')",
        "docs/salassapitovelvollisuus.md, rivi {line}: osoite 'javascript:window.__pwned='"
        " (href=) ei ole sallittu; linkitä toiseen sivuun (sivu.md#kohta), kokonaiseen "
        "http(s)-osoitteeseen tai mailto:-osoitteeseen",
    ),
    "script file put into docs/": (
        "docs/kaupungin-edustajana.md",
        '<script src="../oma.js"></script>',
        f"docs/kaupungin-edustajana.md, rivi {{line}}: HTML-elementti <script> ei ole sallittu; "
        f"{HTML_FIX}",
    ),
}
WATCH = """
window.cspViolations = []
document.addEventListener("securitypolicyviolation",
  event => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`))
"""
BLOCK_STORAGE = """
for (const name of ["localStorage", "sessionStorage"])
  Object.defineProperty(window, name, {
    get() { throw new DOMException("blocked", "SecurityError") }
  })"""


def add_to_page(project, text, page=PAGE):
    page = project / page
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")


def set_front_matter(project, name, value):
    page = project / PAGE
    source = page.read_text(encoding="utf-8")
    value = value.replace("'", "''")
    page.write_text(
        re.sub(rf"^{name}: .*$", f"{name}: '{value}'", source, count=1, flags=re.M),
        encoding="utf-8",
    )


def set_approval(project, value):
    config = project / "mkdocs.yml"
    value = value.replace("'", "''")
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "\n  guideline:\n", f"\n  guideline:\n    approval: '{value}'\n", 1
        ),
        encoding="utf-8",
    )


# The build refuses script in content ---------------------------------------


@pytest.fixture(scope="module")
def refused_build(tmp_path_factory):
    """One build of a copy with each attack on its own page: (result, site,
    project)."""
    work = tmp_path_factory.mktemp("refused")
    project = copy_project(work / "project")
    for page, content, _ in REFUSED.values():
        add_to_page(project, content, page)
    (project / "docs/oma.js").write_text("window.__pwned = 'file'")
    (work / "site").mkdir()
    (work / "site/stale.html").write_text("an earlier build")
    return mkdocs_build(project, work / "site"), work / "site", project


@pytest.mark.parametrize("attack", REFUSED)
def test_build_refuses_script_in_content_naming_the_page(refused_build, attack):
    result, _, project = refused_build
    page, content, message = REFUSED[attack]
    line = (project / page).read_text(encoding="utf-8").splitlines().index(content) + 1
    assert result.returncode != 0
    assert any(line_.endswith(message.format(line=line)) for line_ in result.stderr.splitlines())


def test_build_refuses_a_script_file_put_into_docs(refused_build):
    result, _, _ = refused_build
    assert (
        "docs/oma.js: tiedostotyyppi '.js' ei ole sallittu (sallitut: sivut (.md), kuvat "
        "(.png, .jpg, .gif, .webp) ja PDF-liitteet (.pdf)); poista tiedosto"
    ) in result.stderr


def test_refused_build_leaves_nothing_to_deploy(refused_build):
    result, site, _ = refused_build
    assert result.returncode != 0
    assert list(site.iterdir()) == []


def test_approval_line_and_description_with_script_build_as_text(tmp_path):
    project = copy_project(tmp_path / "project")
    set_approval(project, APPROVAL)
    set_front_matter(project, "description", DESCRIPTION)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    source = (site / PAGE_PATH / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = &#39;approval&#39;&lt;/script&gt;" in source
    assert (
        '<meta name="description" content="&#34; autofocus onfocus=&#34;window.__pwned = '
        '&#39;description&#39;&#34; x=&#34;">'
    ) in source


# In the browser, under nginx and the production policy -----------------------


def serve(tmp_path_factory, project, after_build=lambda release: None):
    """Build project into the README's release layout and serve it with the
    repository's nginx config; after_build(release) may change the release
    first. Returns (base URL, release folder, nginx process)."""
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    release = work / "www/handbook/releases/1"
    result = mkdocs_build(project, release, base)
    assert result.returncode == 0, result.stderr
    after_build(release)
    (work / "www/handbook/current").symlink_to("releases/1")
    return base, release, start_nginx(work, port)


# What the policy itself must stop if it ever got past the build's checks,
# written into a built page (a script file of the site's own would be
# 'self': only the build's check and the policy's path stop that)
SLIPPED_PAST = (
    "<script>window.__pwned = 'script'</script>"
    '<img src="puuttuu.png" alt="Kuva" onerror="window.__pwned = \'onerror\'">'
    "<a href=\"javascript:window.__pwned='link'\">Avaa</a>"
)


def slip_past_the_checks(release):
    page = release / PAGE_PATH / "index.html"
    source = page.read_text(encoding="utf-8")
    page.write_text(source.replace("</article>", SLIPPED_PAST + "</article>", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    """A copy of the project with an approval line and a description that
    try to break out of their HTML, and inline script written into a built
    page (as if it slipped past the build's checks), under nginx."""
    require_nginx()
    project = copy_project(tmp_path_factory.mktemp("attacked") / "project")
    set_approval(project, APPROVAL)
    set_front_matter(project, "description", DESCRIPTION)
    base, _, process = serve(tmp_path_factory, project, slip_past_the_checks)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def real_release(tmp_path_factory):
    """The real project under nginx: (base URL, its release folder)."""
    require_nginx()
    base, release, process = serve(tmp_path_factory, ROOT)
    yield base, release
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def real_site(real_release):
    """The real project under nginx: its base URL."""
    return real_release[0]


def visit(open_page, url, init_script=""):
    watched = open_page()
    watched.page.add_init_script(WATCH + init_script)
    watched.page.goto(url, wait_until="load")
    watched.page.wait_for_selector("article h1")
    return watched.page


@pytest.mark.browser
def test_approval_line_with_script_shows_as_text_and_nothing_runs(attacked, open_page):
    page = visit(open_page, attacked)
    assert APPROVAL in page.locator(".handbook-facts").inner_text()
    assert page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_description_closing_its_meta_stays_in_its_meta_and_nothing_runs(attacked, open_page):
    page = visit(open_page, attacked + PAGE_PATH)
    assert page.locator("meta[name=description]").get_attribute("content") == DESCRIPTION
    assert page.locator("head meta[x]").count() == 0
    assert page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_script_that_slips_past_the_check_is_blocked_by_the_policy(attacked, open_page):
    page = visit(open_page, attacked + PAGE_PATH)
    page.wait_for_function("() => window.cspViolations.length == 2")
    page.locator("a", has_text="Avaa").click()  # the javascript: link
    page.wait_for_function("() => window.cspViolations.length == 3")
    assert page.evaluate("window.__pwned") is None
    assert sorted(page.evaluate("window.cspViolations")) == [
        "script-src-attr inline",  # onerror=
        "script-src-elem inline",  # <script> in the page
        "script-src-elem inline",
    ]  # javascript: link


@pytest.mark.browser
@pytest.mark.parametrize("path", [page.path for page in PAGES] + ["ei-tallaista-sivua/"])
def test_page_has_no_inline_script_and_breaks_no_rule_of_the_policy(real_site, open_page, path):
    page = visit(open_page, real_site + path)
    inline = page.evaluate("""[...document.scripts]
        .filter(s => !s.src && s.type !== "application/json").length""")
    handlers = page.evaluate("""[...document.querySelectorAll("*")]
        .filter(e => [...e.attributes].some(a => a.name.startsWith("on"))).length""")
    assert (inline, handlers) == (0, 0)
    assert page.evaluate("window.cspViolations") == []


@pytest.mark.browser
@pytest.mark.parametrize("storage", ["blocked", "damaged"])
def test_palette_and_search_work_with_storage_blocked_or_damaged(real_site, open_page, storage):
    damage = f"""localStorage.setItem("{SUB_PATH}.__palette", "{{rikki")"""
    page = visit(open_page, real_site, BLOCK_STORAGE if storage == "blocked" else damage)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.locator("label[for=__palette_1]").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert real_site + "salassapitovelvollisuus/" in search(page, "salassapitovelvollisuuden")
    assert page.evaluate("window.cspViolations") == []


@pytest.mark.browser
def test_saved_palette_is_applied_by_the_theme_file_before_materials_bundle(real_site, open_page):
    page = visit(open_page, real_site)
    page.locator("label[for=__palette_1]").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.route("**/bundle.*.min.js", lambda route: route.abort())
    page.reload(wait_until="load")
    assert page.evaluate("typeof document$") == "undefined", "the bundle did not run"
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"


# Files that reach a release folder without the build --------------------------

# A script anywhere in a release but the build's script folder, and one in
# that folder (which the policy lets run): a file nginx served as a page
# would run the second, so only nginx stands in its way
OUTSIDE, INSIDE = "pwn.js", "assets/javascripts/pwn.js"
XHTML = f"""<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Sivu</h1>
<script src="{OUTSIDE}"></script><script src="{INSIDE}"></script></body></html>"""
SVG = f"""<svg xmlns="http://www.w3.org/2000/svg">
<script href="{OUTSIDE}"/><script href="{INSIDE}"/></svg>"""
# name in the release root -> what it holds; none is a kind of file the build writes
NOT_SERVED = {
    "sivu.htm": XHTML,
    "sivu.xhtml": XHTML,
    "sivu.shtml": XHTML,
    "sivu.HTML": XHTML,
    "kuva.svg": SVG,
    "kuva.SVG": SVG,
    "tiedot.xml": XHTML,
    "sivu": XHTML,
}


def put_in_release(release, name, text):
    path = release / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def planted(real_release):
    """The real site with script files put straight into its release folder."""
    base, release = real_release
    for name in [OUTSIDE, INSIDE]:
        put_in_release(release, name, f"window.__pwned = '{name}'")
    return base, release


@pytest.mark.browser
@pytest.mark.parametrize("name", NOT_SERVED)
def test_file_a_browser_could_run_script_in_opens_as_the_404_page(planted, open_page, name):
    base, release = planted
    put_in_release(release, name, NOT_SERVED[name])
    page = visit(open_page, base + name)
    assert page.locator("article h1").inner_text() == "Sivua ei löytynyt"
    assert page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_script_outside_the_script_folder_is_refused_even_from_a_page_of_the_site(
    planted, open_page
):
    # An .html page nginx serves, loading a script from the release root and
    # one from the script folder (which runs: the page itself is live)
    base, release = planted
    put_in_release(release, "assets/javascripts/kansiosta.js", "window.__fromFolder = true")
    put_in_release(
        release,
        "assets/koe.html",
        f"""<!doctype html><html lang="fi"><head>
<meta charset="utf-8"><title>Koe</title></head><body><article><h1>Koe</h1></article>
<script src="../{OUTSIDE}"></script><script src="javascripts/kansiosta.js"></script>
</body></html>""",
    )
    page = visit(open_page, base + "assets/koe.html")
    page.wait_for_function("() => window.__fromFolder === true")
    page.wait_for_function("() => window.cspViolations.length == 1")
    assert page.evaluate("window.cspViolations") == [f"script-src-elem {base}{OUTSIDE}"]
    assert page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_script_path_that_leaves_the_folder_only_on_the_server_runs_nothing(planted, open_page):
    # The browser counts javascripts/..%2F..%2Fpwn.js as inside the folder
    # the policy allows; the server decodes it to the release root, and
    # serves scripts only from the folder itself
    base, release = planted
    put_in_release(
        release,
        "assets/polku.html",
        f"""<!doctype html><html lang="fi"><head>
<meta charset="utf-8"><title>Koe</title></head><body><article><h1>Koe</h1></article>
<script src="javascripts/..%2F..%2F{OUTSIDE}"></script></body></html>""",
    )
    watched = open_page()
    watched.page.add_init_script(WATCH)
    with watched.page.expect_response(f"**/..%2F..%2F{OUTSIDE}") as response:
        watched.page.goto(base + "assets/polku.html", wait_until="load")
    assert response.value.status == 404
    assert watched.page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_search_runs_in_materials_worker_from_the_script_folder(real_site, open_page):
    watched = open_page()
    watched.page.add_init_script(WATCH)
    watched.page.goto(real_site, wait_until="load")
    assert real_site + "salassapitovelvollisuus/" in search(
        watched.page, "salassapitovelvollisuuden"
    )
    workers = [url for url in watched.requests if "/workers/search." in url]
    assert workers and all(
        url.startswith(real_site + "assets/javascripts/workers/") for url in workers
    )
    assert watched.page.evaluate("window.cspViolations") == []
