"""The post-build check (hooks/csp.py): the site runs under a strict policy
only if what the server will serve holds nothing but what the content gate
allows. Every file of the output is checked by type, place and content, and
every page, the theme's templates included, is read with the browser's
HTML5 parsing against the gate's allow-list. A failed check leaves nothing
deployable. These cases are what a page might hold if something got past
the content check of docs/ (another builder, a new theme version)."""

import os
import subprocess
import sys

import pytest
from helpers import ROOT, copy_project, mkdocs_build

from hooks.csp import check_site, findings

FIX = "Ne eivät ole sallittuja; poista ne."
THEME = {"assets/javascripts/theme.js", "assets/javascripts/bundle.a5f9d56c.min.js"}


def found(html, page="index.html", base_path=None):
    return [finding.what for finding in findings(f"<p>Teksti</p>\n{html}", page, THEME, base_path)]


@pytest.mark.parametrize(
    "html, what",
    [
        ("<script>alert(1)</script>", "upotettu skripti (<script>)"),
        ("<SCRIPT type='module'>alert(1)</SCRIPT>", "upotettu skripti (<script>)"),
        ("<script type=text/javascript>alert(1)</script>", "upotettu skripti (<script>)"),
        ("<img src=x alt=x onerror=alert(1)>", "elementin <img> määre onerror= ei ole sallittu"),
        ("<svg><rect ONLOAD='alert(1)'/></svg>", "HTML-elementti <rect> ei ole sallittu"),
        (
            '<a href="javascript:alert(1)">x</a>',
            "osoite 'javascript:alert(1)' (href=) ei ole sallittu",
        ),
        (
            '<a href=" JaVa&#x09;Script:alert(1)">x</a>',
            "osoite ' JaVa\tScript:alert(1)' (href=) ei ole sallittu",
        ),
        ('<form action="x"></form>', "elementin <form> määre action= ei ole sallittu"),
        (
            '<script src="evil.js"></script>',
            'skripti, joka ei ole teeman tiedosto (<script src="evil.js">)',
        ),
        (
            '<script src="https://example.com/assets/javascripts/theme.js"></script>',
            'skripti, joka ei ole teeman tiedosto (<script src="https://example.com/assets/javascripts/'
            'theme.js">)',
        ),
        (
            '<script src="//example.com/assets/javascripts/theme.js"></script>',
            'skripti, joka ei ole teeman tiedosto (<script src="//example.com/assets/javascripts/'
            'theme.js">)',
        ),
        # What Python's html.parser reads differently from a browser
        ('<!--> <script src="x.js"></script> -->', "HTML-kommentti tai <![CDATA[ … ]]>-osa"),
        ('<p><![CDATA[ x ]]><script src="x.js"></script></p>', "HTML-kommentti '<!--[CDATA[ x ]]'"),
        (
            "<svg><style><img src=x onerror=alert(1)></style></svg>",
            "HTML-elementti <style> ei ole sallittu",
        ),
        (
            '<noscript><p title="</noscript><img src=x onerror=1>"></noscript>',
            "HTML-elementti <noscript> ei ole sallittu",
        ),
        # Things that run or lead readers away without a script of their own
        (
            '<iframe srcdoc="&lt;script&gt;1&lt;/script&gt;"></iframe>',
            "HTML-elementti <iframe> ei ole sallittu",
        ),
        ('<base href="kuvat/">', "HTML-elementti <base> ei ole sallittu"),
        (
            '<meta http-equiv="refresh" content="0;url=https://example.com/">',
            "elementin <meta> määre http-equiv= ei ole sallittu",
        ),
        ('<link rel="import" href="x.html">', '<link rel="import">'),
        (
            '<link rel="stylesheet" href="https://example.com/x.css">',
            "tyyli tai kuvake toiselta palvelimelta (https://example.com/x.css)",
        ),
        (
            '<img src="https://example.com/seuranta.png" alt="x">',
            "osoite 'https://example.com/seuranta.png' (src=) ei ole sivuston oma tiedosto",
        ),
        ('<object data="x.pdf"></object>', "HTML-elementti <object> ei ole sallittu"),
        ('<embed src="x.pdf">', "HTML-elementti <embed> ei ole sallittu"),
        ("<template><script>1</script></template>", "HTML-elementti <template> ei ole sallittu"),
        ("<math><mi>x</mi></math>", "HTML-elementti <math> ei ole sallittu"),
        # What the browser obeys in the body too, or takes in place of the theme's
        ('<meta name="referrer" content="unsafe-url">', "<meta> sivun sisällössä"),
        ('<link rel="stylesheet" href="assets/stylesheets/x.css">', "<link> sivun sisällössä"),
        (
            '<article><script src="assets/javascripts/theme.js"></script></article>',
            "skripti sivun sisällössä (<script>)",
        ),
        ('<p id="__config">{}</p><p id="__config">{}</p>', 'tunniste id="__config" kahdesti'),
        (
            '<a href="x" target="ikkuna">x</a>',
            "elementin <a> määreen target= arvo 'ikkuna' ei ole sallittu",
        ),
    ],
)
def test_what_the_gate_does_not_allow_is_found(html, what):
    assert what in found(html)


@pytest.mark.parametrize(
    "html",
    [
        '<script id="__config" type="application/json">{"base": "."}</script>',
        '<script src="assets/javascripts/theme.js" data-md-part="base"></script>',
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
        "<p>Kirjoita &lt;script&gt; tai onclick= tai javascript: tekstinä</p>",
        '<a href="https://example.com/javascript:">x</a>',
        '<a href="mailto:viestinta@naantali.fi">x</a>',
        '<input data-on="x" name="onerror">',
        "<!-- ohjeen teksti alkaa --><p>Ohjeen teksti</p><!-- ohjeen teksti päättyy -->",
    ],
)
def test_data_theme_scripts_and_text_are_allowed(html):
    assert found(html, "kansio/index.html") == []


def test_a_meta_name_outside_the_themes_is_found_in_the_head_too():
    page = '<html><head><meta name="referrer" content="unsafe-url"></head><body></body></html>'
    assert [finding.what for finding in findings(page, "index.html", THEME)] == [
        "elementin <meta> määreen name= arvo 'referrer' ei ole sallittu"
    ]


def test_only_the_theme_scripts_may_be_loaded_under_the_base_path():
    page = '<script src="/ohjeet/some/assets/javascripts/theme.js"></script>'
    assert found(page, "404.html", "/ohjeet/some/") == []
    other = '<script src="/ohjeet/some/assets/javascripts/evil.js"></script>'
    assert found(other, "404.html", "/ohjeet/some/") != []


def test_message_names_the_page_and_everything_found(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x/index.html").write_text("<script>1</script><img alt=x onerror=1>")
    (tmp_path / "index.html").write_text("<p>hyvä</p>")
    assert check_site(tmp_path, {"x/index.html": "docs/x.md"}) == [
        "docs/x.md: sivulla on upotettu skripti (<script>), elementin <img> määre onerror= ei "
        f"ole sallittu. {FIX}"
    ]


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "x.htm",
            "<script src=x.js></script>",
            "x.htm: tiedostotyyppi '.htm' ei ole sallittu "
            "sivustolla (sallitut: sivut (.md), kuvat (.png, .jpg, .gif, .webp) ja "
            "PDF-liitteet (.pdf)); "
            "poista se",
        ),
        ("x.xhtml", "<x/>", "x.xhtml: tiedostotyyppi '.xhtml' ei ole sallittu"),
        ("x.shtml", "<x/>", "x.shtml: tiedostotyyppi '.shtml' ei ole sallittu"),
        ("X.HTML", "<x/>", "X.HTML: tiedostotyyppi '.HTML' ei ole sallittu"),
        ("kuvat/logo.svg", "<svg/>", "kuvat/logo.svg: tiedostotyyppi '.svg' ei ole sallittu"),
        ("kuvat/logo.SVG", "<svg/>", "kuvat/logo.SVG: tiedostotyyppi '.SVG' ei ole sallittu"),
        (
            "kuvat/x.xml",
            "<html xmlns='http://www.w3.org/1999/xhtml'/>",
            "kuvat/x.xml: tiedostotyyppi '.xml' ei ole sallittu",
        ),
        ("README", "x", "README: tiedostotyyppi 'README' ei ole sallittu"),
        ("kuvat/x.png", "<script>1</script>", "kuvat/x.png: tiedosto ei ole sisällöltään PNG"),
        (
            "x.js",
            "1",
            "x.js: tiedosto on väärässä kansiossa (.js-tiedostot vain kansiossa "
            "assets/javascripts/)",
        ),
        (
            "assets/javascripts/oma.js",
            "1",
            "assets/javascripts/oma.js: skriptitiedosto, joka ei ole teeman",
        ),
        ("kuvat/x.css", "x", "kuvat/x.css: tiedosto on väärässä kansiossa"),
    ],
)
def test_files_the_build_does_not_write_are_refused(tmp_path, name, content, message):
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(content)
    (tmp_path / "index.html").write_text("<p>hyvä</p>")
    assert any(
        line.startswith(message)
        for line in check_site(tmp_path, allowed_scripts=THEME if "javascripts" in name else None)
    )


def test_a_symbolic_link_in_the_output_is_refused(tmp_path):
    (tmp_path / "index.html").write_text("<p>hyvä</p>")
    os.symlink("/etc/hostname", tmp_path / "tiedot.html")
    assert check_site(tmp_path) == [
        "tiedot.html: ei ole tavallinen tiedosto (symbolinen linkki tai muu); poista se"
    ]


def test_the_real_site_passes(site):
    assert check_site(site) == []


@pytest.fixture
def site_with_script_written_in(tmp_path):
    """A clean build with an event handler written into a built page."""
    site = tmp_path / "site"
    assert mkdocs_build(ROOT, site).returncode == 0
    page = site / "yksityishenkilona/index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</article>", '<img src="x.png" alt="Kuva" onerror="window.__pwned = 1"></article>'
        ),
        encoding="utf-8",
    )
    return site


def test_check_runs_after_any_build_as_a_command_and_leaves_nothing_to_deploy(
    site_with_script_written_in,
):
    site = site_with_script_written_in
    (site / ".git").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "hooks.csp", str(site)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "VIRHE: yksityishenkilona/index.html: sivulla on elementin <img> määre onerror= ei ole "
        f"sallittu. {FIX}"
    )
    assert [path.name for path in site.iterdir()] == [".git"], "a checkout keeps its history"


def test_check_command_passes_a_clean_site(site):
    result = subprocess.run(
        [sys.executable, "-m", "hooks.csp", str(site)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").exists()


def test_build_runs_the_check_on_the_theme_templates_too(tmp_path):
    """A template that writes what the gate does not allow stops the build:
    the check reads the output, not only editors' pages."""
    project = copy_project(tmp_path / "project")
    main = project / "overrides/main.html"
    main.write_text(
        main.read_text(encoding="utf-8") + '\n{% block analytics %}<iframe src="x">'
        "</iframe>{% endblock %}\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        f"docs/index.md: sivulla on HTML-elementti <iframe> ei ole sallittu. {FIX}" in result.stderr
    )
    assert list((tmp_path / "site").iterdir()) == []
