"""Zensical: config as plain dicts with root_dir, nav as {title, url,
children}, pages with page.path, and links in raw HTML resolved from the
source file like Markdown links."""

import posixpath
from pathlib import Path

from builders import mkdocs_config


def project_dirs(conf):
    """(docs folder, theme's custom_dir) as absolute paths."""
    root = Path(conf["root_dir"])
    theme = conf["theme"]
    custom_dir = getattr(theme, "custom_dir", None) or theme["custom_dir"]
    return (root / conf["docs_dir"]).resolve(), (root / custom_dir).resolve()


def page_titles(nav):
    """{page.md: title} from Zensical's nav ({title, url, children}), or
    from entries as mkdocs.yml writes them."""
    titles = {}
    for entry in nav or []:
        if isinstance(entry, dict) and "children" in entry:
            titles.update(page_titles(entry["children"]))
            if entry.get("title") and entry.get("url"):
                titles[entry["url"]] = entry["title"]
        else:
            titles.update(mkdocs_config.page_titles([entry]))
    return titles


def nav_pages(nav):
    """The page of every entry of Zensical's nav, in order, repeats kept."""
    pages = []
    for entry in nav or []:
        if isinstance(entry, dict) and "children" in entry:
            pages.extend([entry["url"]] if entry.get("url") else [])
            pages.extend(nav_pages(entry["children"]))
        else:
            pages.extend(mkdocs_config.nav_pages([entry]))
    return pages


def config_file(conf):
    """The path of mkdocs.yml (Zensical reads it as MkDocs does)."""
    return Path(conf["root_dir"]) / "mkdocs.yml"


def current_source(page):
    """The source file (under docs/) of the page being rendered."""
    return page.path


def rule_link(rule, page, address):
    """A rule's href in raw HTML: Zensical resolves it from the source
    file, so the link to the rule's source file (page.md#id)."""
    target, _, anchor = rule.partition("#")
    folder = posixpath.dirname(current_source(page)) or "."
    return f"{posixpath.relpath(target, folder)}#{anchor}"
