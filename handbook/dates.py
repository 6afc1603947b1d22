"""When each page's content last changed, from git history: one `git log`
for the whole docs folder, not one per page.

A page's content is its own file and the editors' data it shows (a page
with a checklist changes when docs/data/checklists.yml does). Without
history (an exported archive, a shallow clone) the dates are unknown, and
the site says so rather than showing the build date or the newest commit.
"""

import datetime
import subprocess
from pathlib import Path


def git(cwd, *args, stdin=None):
    """What a git command prints (bytes), run in cwd; raises OSError without
    git and CalledProcessError outside a repository. handbook/history.py
    reads the tags with it too."""
    return subprocess.run(
        ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=True
    ).stdout


def commit_dates(docs_dir):
    """{path under docs/: date of its newest commit}, or None when the
    folder has no full git history."""
    try:
        if git(docs_dir, "rev-parse", "--is-shallow-repository").strip() != b"false":
            return None
        log = git(
            docs_dir, "log", "--relative", "--name-only", "--format=%x1e%cs", "--", "."
        ).decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError):
        return None
    dates = {}
    for commit in log.split("\x1e")[1:]:
        day, *names = commit.strip().splitlines()
        for name in names:
            if name:
                dates.setdefault(name, datetime.date.fromisoformat(day))
    return dates


def page_dates(docs_dir, sources):
    """{page.md: its content's newest date, or None if never committed},
    or None without history. sources: {page.md: files its content comes
    from, the page itself included}."""
    dates = commit_dates(Path(docs_dir))
    if dates is None:
        return None
    return {
        page: max((dates[file] for file in files if file in dates), default=None)
        for page, files in sources.items()
    }


def finnish(date):
    """24.11.2026"""
    return f"{date.day}.{date.month}.{date.year}"
