"""What a path given to the app means: a post, a content folder or a site root, and the folder to list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from editor.core import PostError
from editor.core.hugo.site import Site, find_site


@dataclass
class Workspace:
    folder: str                 # the content folder listed in the post list
    site: Site | None
    post: str | None = None     # the post to open, when the path was a file
    warning: str = ""


def resolve(path: str) -> Workspace:
    """Raises FileNotFoundError for a path that does not exist."""
    p = Path(path).expanduser().resolve()
    if not p.exists():
        raise FileNotFoundError(path)
    site = site_for(p)
    warning = ""
    if site is not None and site.read_only:
        warning = f"site configuration ignored (nothing in it is used until fixed): {site.error}"
    if p.is_dir():
        # The site root (its contentDir may live elsewhere) or a folder holding the content folder.
        # A language's own content folder lists the whole site too: every language, one list.
        content = site.content_dir if site is not None and (
            _inside(site.content_dir, p) or p == site.root
            or any(p == Path(d).resolve() for d in site.content_dirs)) else p
        return Workspace(str(content), site, warning=warning)
    folder = p.parent
    if site is not None:
        for content in site.content_dirs:
            if _inside(p, content):
                folder = site.content_dir   # the site's list, with the post's translations in it
                break
    return Workspace(str(folder), site, str(p), warning)


def site_for(path: str | Path) -> Site | None:
    """The site of any path: configured, bare (a content folder) or None; never raises for config."""
    try:
        from editor.core.hugo.site import open_site
    except ImportError:   # older core: configured sites only
        try:
            return find_site(path)
        except PostError:
            return None
    try:
        return open_site(path)
    except PostError:
        return None


def _inside(child: Path, parent: Path) -> bool:
    try:
        Path(child).resolve().relative_to(Path(parent).resolve())
        return True
    except ValueError:
        return False


def site_offset(site: Site | None, when: dt.datetime | None = None) -> dt.timedelta:
    """The UTC offset new dates get: the site's timeZone, else this computer's."""
    when = when or dt.datetime.now(dt.timezone.utc)
    if site is not None and site.config.get("timezone"):
        return when.astimezone(site.timezone).utcoffset() or dt.timedelta(0)
    return when.astimezone().utcoffset() or dt.timedelta(0)
