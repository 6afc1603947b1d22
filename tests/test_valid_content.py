"""Valid content is never refused: everything an editor may rightly write
builds and shows. One copy of the project gets every valid form at once
and is built once; each test looks for one form in the result. Also the
attacks through content that must be refused without running anything."""

import subprocess
import sys

import pytest
from helpers import copy_project, mkdocs_build

# A 1×1 PNG and the smallest PDF header: real files of their kinds
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

EXTRA_PAGE = """---
title: Liitteet ja esimerkit
render_macros: True
---

# Liitteet ja esimerkit

![Kaupungin some-tilit puhelimessa](kuvat/tilit.png)

Lataa [ohje PDF-tiedostona](liitteet/ohje.pdf). Lue myös [työaikana][tyoaika].

Tämä kappale on korostettu.
{: .handbook-organisation #korostettu-kappale }

Esimerkki makrosta: `{% raw %}{{ checklist("virka") }}{% endraw %}`.

{{ checklist(
     name="yksityinen") }}

[tyoaika]: yksityishenkilona.md#tyoaikana

<details markdown>
<summary>Lisätietoa <abbr title="sosiaalinen media">somesta</abbr></summary>

Kaupungin **virkaprofiilit**.<br>
H<sub>2</sub>O ja m<sup>2</sup>, <kbd>Ctrl</kbd>, <mark>tärkeä</mark>.

</details>

<table>
<caption>Kanavat</caption>
<thead><tr><th scope="col">Kanava</th><th>Ylläpitäjä</th></tr></thead>
<tbody><tr><td colspan="2"><a href="https://www.naantali.fi/">naantali.fi</a></td></tr></tbody>
</table>

<figure><img src="kuvat/kuva.jpg" alt="JPEG-kuva" width="1" height="1">
<figcaption>Kuva</figcaption></figure>

![GIF-kuva](kuvat/kuva.gif) ![WebP-kuva](kuvat/kuva.webp)

Kysy [viestinnästä](mailto:viestinta@naantali.fi), soita [02 434 5000](tel:+358243450000)
tai katso [tämän sivun alku](#liitteet-ja-esimerkit).
<a href="https://www.naantali.fi/" target="_blank" rel="noopener">Naantali (uusi välilehti)</a>

!!! note "Huomaa"
    Laatikko, jonka otsikossa on "lainausmerkit".

Tavallista tekstiä, joka ei ole Markdownia: 2 * 3 = 6, potenssi x**2, snake__case,
Nimi: ______, *) alaviite, `**koodi` ja [sivu.md] hakasulkeissa.

Hinta 10 €* tai 12 €** (* sis. alv, ** ei sis. alv), todettu useasti[1][2],
\\*\\*tähdet kenoviivalla\\*\\* ja \\[x\\](y).

```text
Koodilohko, jolla on kieli
```
"""

# Editors' data texts with inline Markdown, and with characters that only
# look like it (a checklist item; a quiz question added first)
MARKDOWN_ITEM = (
    "    - id: markdown\n"
    '      text: "**Tärkeää:** lue [salassapidosta](salassapitovelvollisuus.md) ja '
    '*harkitse* `#naantali`-tunnistetta"\n'
    "      details: Katso <https://www.naantali.fi/> ja laske 2 * 3; lista on "
    "[täällä](ennen-julkaisua.md#checklist-virka), \\*\\*tähdet\\*\\* ja 12 €**.\n"
    "      rule: liitteet-ja-esimerkit.md#korostettu-kappale\n"
)
MARKDOWN_QUESTION = (
    "    - id: markdown-kysymys\n"
    "      type: single\n"
    "      prompt: Mitä **ohje** sanoo [työajasta](yksityishenkilona.md#tyoaikana)?\n"
    "      options:\n"
    "        - text: Käytä *harkintaa*.\n"
    "          correct: true\n"
    "        - text: Kaikki on sallittua.\n"
    "          feedback: Lue `ohje` uudelleen.\n"
    "      explanation: Ohje neuvoo **harkitsemaan**.\n"
    "      rule: yksityishenkilona.md#tyoaikana\n"
)

# One pixel in each image type editors may add, and what each one shows as
IMAGES = {
    "kuva.jpg": bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9"),
    "kuva.gif": b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"
    b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
    "kuva.webp": b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07"
    b"\x10\x11\x11\x88\x88\xfe\x07\x00",
}

PLAIN_PAGE = (
    "---\r\ntitle: Ohje editoreille\r\n---\r\n\r\n# Ohje editoreille\r\n\r\n"
    'Lista lisätään näin:\r\n\r\n```\r\n{{ checklist("virka") }}\r\n```\r\n\r\n'
    'tai rivin sisällä `{{ quiz("perehdytys") }}`.\r\n'
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the project with every valid form, built once."""
    root = tmp_path_factory.mktemp("valid")
    project = copy_project(root / "project")
    docs = project / "docs"
    (docs / "kuvat").mkdir(exist_ok=True)
    (docs / "kuvat/tilit.png").write_bytes(PNG)
    for name, content in IMAGES.items():
        (docs / "kuvat" / name).write_bytes(content)
    (docs / "liitteet").mkdir(exist_ok=True)
    (docs / "liitteet/ohje.pdf").write_bytes(PDF)
    (docs / "liitteet-ja-esimerkit.md").write_text(EXTRA_PAGE, encoding="utf-8")
    # A byte-order mark and Windows line ends, as some editors save
    (docs / "editoreille.md").write_bytes("\ufeff".encode() + PLAIN_PAGE.encode())
    # A rule on the new page with a class and an id, used by a checklist item;
    # a '#' inside a quoted text
    checklists = docs / "data/checklists.yml"
    checklists.write_text(
        checklists.read_text(encoding="utf-8").replace(
            "\n  items:\n",
            "\n  items:\n    - id: korostettu\n"
            '      text: "Muista tunniste #naantali"\n'
            "      rule: liitteet-ja-esimerkit.md#korostettu-kappale\n" + MARKDOWN_ITEM,
            1,
        ),
        encoding="utf-8",
    )
    quiz = docs / "data/quiz.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            "\n  questions:\n", "\n  questions:\n" + MARKDOWN_QUESTION, 1
        ),
        encoding="utf-8",
    )
    # Nav: a plain entry (title from the page), an external link
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav_line = next(line for line in text.splitlines() if line.strip().endswith(": koko-ohje.md"))
    indent = nav_line[: len(nav_line) - len(nav_line.lstrip())]
    config.write_text(
        text.replace(
            nav_line,
            f"{nav_line}\n{indent}- liitteet-ja-esimerkit.md\n"
            f"{indent}- editoreille.md\n"
            f"{indent}- Kaupungin intranet: https://intranet.example.fi/",
        ),
        encoding="utf-8",
    )
    site = root / "site"
    result = mkdocs_build(project, site)
    return project, site, result


def page(built, path):
    return (built[1] / path / "index.html").read_text(encoding="utf-8")


def test_every_valid_form_builds(built):
    assert built[2].returncode == 0, built[2].stderr


def test_quick_check_accepts_the_same_content(built):
    result = subprocess.run(
        [sys.executable, "macros.py"], cwd=built[0], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Sisältö on kunnossa")


def test_image_with_alt_text_is_published(built):
    assert 'alt="Kaupungin some-tilit puhelimessa"' in page(built, "liitteet-ja-esimerkit")
    assert (built[1] / "kuvat/tilit.png").read_bytes() == PNG


def test_attachment_is_published_and_linked(built):
    assert (built[1] / "liitteet/ohje.pdf").read_bytes() == PDF
    assert 'href="../liitteet/ohje.pdf"' in page(built, "liitteet-ja-esimerkit")


def test_raw_html_an_editor_may_write_is_published(built):
    html = page(built, "liitteet-ja-esimerkit")
    for expected in [
        '<summary>Lisätietoa <abbr title="sosiaalinen media">somesta</abbr></summary>',
        "<strong>virkaprofiilit</strong>",
        "H<sub>2</sub>O",
        "m<sup>2</sup>",
        "<kbd>Ctrl</kbd>",
        '<th scope="col">Kanava</th>',
        '<td colspan="2">',
        '<a href="https://www.naantali.fi/">',
        '<a href="mailto:viestinta@naantali.fi">',
        '<a href="tel:+358243450000">',
        '<a href="https://www.naantali.fi/" target="_blank" rel="noopener">',
        'alt="JPEG-kuva" width="1" height="1">',
        "<figcaption>Kuva</figcaption>",
        'class="admonition note"',
    ]:
        assert expected in html


@pytest.mark.parametrize("name", IMAGES)
def test_every_image_type_an_editor_may_add_is_published(built, name):
    assert (built[1] / "kuvat" / name).read_bytes() == IMAGES[name]


def test_reference_style_link_reaches_the_rule(built):
    assert 'href="../yksityishenkilona/#tyoaikana"' in page(built, "liitteet-ja-esimerkit")


def test_attribute_list_with_a_class_gives_a_rule_id(built):
    html = page(built, "liitteet-ja-esimerkit")
    assert 'class="handbook-organisation" id="korostettu-kappale"' in html
    assert "#korostettu-kappale" in page(built, "ennen-julkaisua")


def test_keyword_argument_and_a_call_over_two_lines_render_the_checklist(built):
    assert 'data-checklist="yksityinen"' in page(built, "liitteet-ja-esimerkit")


def test_render_macros_written_as_capital_true_works(built):
    assert "{{" not in page(built, "liitteet-ja-esimerkit").split("<code>")[0]


def test_macro_examples_in_code_stay_as_code(built):
    html = page(built, "editoreille")
    assert "{{ checklist(&quot;virka&quot;) }}" in html  # in a fenced block (highlighted)
    assert '<code>{{ quiz("perehdytys") }}</code>' in html
    assert '<code>{{ checklist("virka") }}</code>' in page(built, "liitteet-ja-esimerkit")


def test_page_with_byte_order_mark_and_windows_line_ends_keeps_its_title(built):
    assert "<title>Ohje editoreille" in page(built, "editoreille")
    assert "title: Ohje editoreille" not in page(built, "editoreille")


def test_hash_in_a_quoted_text_is_kept(built):
    assert "Muista tunniste #naantali" in page(built, "ennen-julkaisua")


def test_markdown_in_a_checklist_item_shows_as_meant(built):
    html = page(built, "ennen-julkaisua")
    assert (
        "<strong>Tärkeää:</strong> lue "
        '<a href="../salassapitovelvollisuus/">salassapidosta</a> ja <em>harkitse</em> '
        "<code>#naantali</code>-tunnistetta"
    ) in html
    assert '<a href="https://www.naantali.fi/">https://www.naantali.fi/</a>' in html
    assert "laske 2 * 3; lista on" in html


def test_markdown_in_quiz_texts_shows_as_meant(built):
    html = page(built, "itsearviointi")
    assert (
        'Mitä <strong>ohje</strong> sanoo <a href="../yksityishenkilona/#tyoaikana">työajasta</a>?'
    ) in html
    assert ">Käytä <em>harkintaa</em>.</label>" in html
    assert "Lue <code>ohje</code> uudelleen." in html
    assert "<p>Ohje neuvoo <strong>harkitsemaan</strong>.</p>" in html
    assert "<p>Oikea vastaus: Käytä <em>harkintaa</em>.</p>" in html


def test_a_texts_link_may_lead_to_a_tool_a_macro_puts_on_a_page(built):
    assert '<a href="./#checklist-virka">täällä</a>' in page(built, "ennen-julkaisua")
    assert 'id="checklist-virka"' in page(built, "ennen-julkaisua")


def test_text_that_only_looks_like_markdown_is_published_as_written(built):
    assert "**tähdet** ja 12 €**." in page(built, "ennen-julkaisua")
    html = page(built, "liitteet-ja-esimerkit")
    assert "Hinta 10 €* tai 12 €** (* sis. alv, ** ei sis. alv), todettu useasti[1][2]" in html
    assert "**tähdet kenoviivalla** ja [x](y)." in html
    assert '<code class="language-text">Koodilohko, jolla on kieli' in html
    assert "2 * 3 = 6, potenssi x**2, snake__case,\nNimi: ______, *) alaviite" in html
    assert "<code>**koodi</code> ja [sivu.md] hakasulkeissa." in html


def test_plain_and_external_nav_entries_show_in_the_menu(built):
    html = page(built, "")
    assert 'href="https://intranet.example.fi/"' in html
    assert "Liitteet ja esimerkit" in html


# Attacks through content: refused before anything runs


def test_symlink_in_docs_is_refused_and_nothing_is_published(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/ymparisto.txt").symlink_to("/proc/self/environ")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert (
        "docs/ymparisto.txt: tiedosto on linkki toiseen paikkaan (symbolinen linkki); "
        "sivustolle saa lisätä vain tavallisia tiedostoja"
    ) in result.stderr
    assert not (site / "ymparisto.txt").exists()


def test_code_in_a_page_never_runs_at_build_time(tmp_path):
    marker = tmp_path / "pwned"
    project = copy_project(tmp_path / "project")
    (project / "docs/ennen-julkaisua.md").write_text(
        "---\nrender_macros: true\n---\n\n# Ennen\n\n{{ lipsum.__globals__['os'].popen("
        f"'touch {marker}').read() }}}}\n".replace("}}}}", "}}"),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "ei ole käsikirjan makrokutsu" in result.stderr
    assert not marker.exists()


def test_nested_yaml_aliases_in_front_matter_are_refused_at_once(tmp_path):
    project = copy_project(tmp_path / "project")
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)
    ]
    (project / "docs/ennen-julkaisua.md").write_text(
        "---\n" + "\n".join(levels) + "\n---\n\n# Ennen\n", encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "docs/ennen-julkaisua.md, rivi 2: YAML-viittauksia (&nimi ja *nimi) ei sallita"
        in result.stderr
    )


def test_pages_are_rendered_by_jinjas_sandbox():
    """Defence in depth behind the macro-call check: the environment that
    renders pages refuses attribute tricks such as ''.__class__."""
    import jinja2.sandbox
    from helpers import ROOT
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    environment = config.plugins["macros"].env
    assert isinstance(environment, jinja2.sandbox.SandboxedEnvironment)
    with pytest.raises(jinja2.sandbox.SecurityError):
        environment.from_string("{{ ''.__class__.__mro__ }}").render()
