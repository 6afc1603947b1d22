"""Our copies of Material's partials stay Material's, but for what we
changed on purpose: a Material update that changes its own file fails here,
so the copy is brought up to date rather than silently hiding the change."""

import re
from pathlib import Path

import material
from helpers import ROOT, copy_project, mkdocs_build

MATERIAL = Path(material.__file__).parent / "templates"
# Each copy: Material's file with these replacements, and our comment
# instead of Material's "automatically generated" note
CHANGED = {
    "partials/header.html": [
        ('aria-label="{{ config.site_name }}"', 'aria-label="{{ config.site_name | e }}"'),
        ("            {{ config.site_name }}\n", "            {{ config.site_name | e }}\n"),
        ("              {{ page.meta.title }}\n", "              {{ page.meta.title | e }}\n"),
        # The menu button menu.js runs, before the label it stands in for
        (
            '    <label class="md-header__button md-icon" for="__drawer">\n',
            '    <button type="button" class="md-header__button md-icon handbook-menu" '
            "aria-label=\"{{ lang.t('nav') }}\" data-handbook-menu data-js-only>\n"
            '      {% set icon = config.theme.icon.menu or "material/menu" %}\n'
            '      {% include ".icons/" ~ icon ~ ".svg" %}\n'
            "    </button>\n"
            '    <label class="md-header__button md-icon" for="__drawer">\n',
        ),
    ],
    # No empty tabindex="" (invalid HTML) on a section's label
    "partials/nav-item.html": [
        (
            f'<label class="md-nav__link{css}" for="{{{{ path }}}}" id="{{{{ path }}}}_label" '
            'tabindex="{{ tabindex }}">',
            f'<label class="md-nav__link{css}" for="{{{{ path }}}}" id="{{{{ path }}}}_label"'
            '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
        )
        for css in ["", " {{ class }}"]
    ],
}


def without_first_comment(text):
    return text.split("-#}\n", 1)[1]


def test_copied_partials_are_materials_with_only_our_changes():
    for name, replacements in CHANGED.items():
        expected = without_first_comment((MATERIAL / name).read_text(encoding="utf-8"))
        for old, new in replacements:
            assert expected.count(old) == 1, f"Material's {name} changed near: {old.strip()}"
            expected = expected.replace(old, new)
        assert (
            without_first_comment((ROOT / "overrides" / name).read_text(encoding="utf-8"))
            == expected
        ), f"overrides/{name} differs from Material's beyond our changes"


def test_front_matter_title_is_escaped_in_the_header(tmp_path):
    """Quotes are plain text in a title; the header prints them escaped."""
    project = copy_project(tmp_path / "project")
    page = project / "docs/tietoa-ohjeesta.md"
    title = """title: 'Kysy "viestinnältä" ja ''muilta'''"""
    page.write_text(
        re.sub(
            r"^title: .*$", lambda _: title, page.read_text(encoding="utf-8"), count=1, flags=re.M
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/tietoa-ohjeesta/index.html").read_text(encoding="utf-8")
    header = html.split('data-md-component="header-topic">', 1)[1].split("</span>", 1)[0]
    assert header.split() == [
        "<span",
        'class="md-ellipsis">',
        "Kysy",
        "&#34;viestinnältä&#34;",
        "ja",
        "&#39;muilta&#39;",
    ]
