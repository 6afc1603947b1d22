"""What each site builder hands the handbook, in one shape.

The content layer (handbook/) knows no builder. macros.py, run by the
mkdocs-macros plugin under MkDocs and ProperDocs, or as a Markdown
extension under Zensical, asks `adapter(conf)` for the module that reads
this builder's config, nav and pages:

- builders/mkdocs_config.py: MkDocs 1.6 and ProperDocs (its fork), same shapes;
- builders/zensical_config.py: Zensical's plain dicts.

builders/internals.py holds every reach into Material's or a plugin's
internals; builders/check.py is the editors' quick check (`python macros.py`).
"""

from builders import mkdocs_config, zensical_config


def adapter(conf):
    """The adapter module for the builder whose config this is."""
    return mkdocs_config if conf.get("config_file_path") else zensical_config
