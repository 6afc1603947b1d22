"""MkDocs 1.6 and ProperDocs: config with config_file_path and a Theme
object, nav as mkdocs.yml writes it, pages with page.file, raw HTML left
as written (links in it are not rewritten)."""

from pathlib import Path


def project_dirs(conf):
    """(docs folder, theme's custom_dir) as absolute paths."""
    root = Path(conf["config_file_path"]).parent
    return (root / conf["docs_dir"]).resolve(), (root / conf["theme"].custom_dir).resolve()


def page_titles(nav):
    """{page.md: title} from mkdocs.yml's nav (plain entries have no title)."""
    titles = {}
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, target in entry.items():
                if isinstance(target, list):
                    titles.update(page_titles(target))
                else:
                    titles[target] = title
    return titles


def nav_pages(nav):
    """The page of every entry of mkdocs.yml's nav, in order, repeats kept."""
    pages = []
    for entry in nav or []:
        targets = entry.values() if isinstance(entry, dict) else [entry]
        for target in targets:
            pages.extend(nav_pages(target) if isinstance(target, list) else [target])
    return pages


def config_file(conf):
    """The path of mkdocs.yml."""
    return Path(conf["config_file_path"])


def current_source(page):
    """The source file (under docs/) of the page being rendered."""
    return page.file.src_uri


def rule_link(rule, page, address):
    """A rule's href in raw HTML: the builder leaves it alone, so the
    address itself (address(rule): relative to the page being rendered)."""
    return address(rule)
