"""One open post: load, edit (front matter and body), save, save as, revert, export; dirty state and signals."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import QObject, Signal

from editor.core import PostError, fields, load, save
from editor.core.export import (DEFAULT_SECTION, ExportError, ExportPlan, default_slug, local_images,
                                plan_export, write_export)
from editor.core.io import to_bytes
from editor.core.post import Post
from editor.core.site import Site, load_site
from editor.core.urls import safe_slug
from editor.services.workspace import site_for, site_offset


def _canonical(key: str) -> str:
    return fields.canonical(key) or key


class Document(QObject):
    """Holds the Post being edited. Widgets call these methods; they never touch files themselves."""

    loaded = Signal()              # a post was opened or reverted (read every field again)
    saved = Signal(str)            # the path written
    dirtyChanged = Signal(bool)
    fieldsChanged = Signal()       # the front matter changed (status, URL … may differ)
    failed = Signal(str)           # a message for the author (nothing was changed)
    closed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.post: Post | None = None
        self.site: Site | None = None
        self._dirty = False
        self._original_keys: set[str] = set()
        self._loaded_offset: dt.timedelta | None = None

    # ------------------------------------------------------------------ state
    @property
    def path(self) -> str | None:
        return self.post.path if self.post else None

    @property
    def is_open(self) -> bool:
        return self.post is not None

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _update_dirty(self) -> None:
        dirty = bool(self.post and self.post.changed)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _remember_keys(self) -> None:
        self._original_keys = {_canonical(k) for k in (self.post.keys() if self.post else [])}

    # ------------------------------------------------------------------ open / close
    def open(self, path: str) -> bool:
        """Read and parse fully first, so a failed open leaves the current post untouched."""
        try:
            post = load(path)
        except PostError as exc:
            self.failed.emit(str(exc))
            return False
        site = site_for(path)
        if site is not None and site.read_only:
            self.failed.emit(f"site configuration ignored: {site.error}")
        if site is not None:
            post.timezone = site.timezone
        self.post, self.site = post, site
        self._remember_keys()
        self._loaded_offset = self._own_offset()   # kept when the author clears every date
        self.loaded.emit()
        self._update_dirty()
        return True

    def close(self) -> None:
        self.post = None
        self.site = None
        self._update_dirty()
        self.closed.emit()

    def revert(self) -> bool:
        """Read the file again, dropping unsaved edits."""
        if not self.path:
            return False
        return self.open(self.path)

    # ------------------------------------------------------------------ editing
    def set_field(self, key: str, value) -> bool:
        """post[key] = value; None removes the key. An empty value for a key the file did not have
        removes it again, so that typing and then clearing a field leaves the file as it was."""
        post = self.post
        if post is None:
            return False
        try:
            if value is None or (_canonical(key) not in self._original_keys and value in ("", [], False)):
                if key in post:
                    del post[key]
                else:
                    return True
            else:
                post[key] = value
        except (PostError, ValueError, TypeError) as exc:
            self.failed.emit(str(exc))
            return False
        self.fieldsChanged.emit()
        self._update_dirty()
        return True

    def set_body(self, text: str) -> None:
        if self.post is None:
            return
        self.post.content = text
        self._update_dirty()

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        """Write through the core; nothing is written when nothing changed."""
        post = self.post
        if post is None:
            return False
        if not post.changed:
            return True
        try:
            written = save(post)
        except PostError as exc:
            self.failed.emit(str(exc))
            return False
        self._remember_keys()
        self._update_dirty()
        self.saved.emit(str(written))
        return True

    def save_as(self, path: str) -> bool:
        post = self.post
        if post is None:
            return False
        try:
            written = save(post, path)
        except PostError as exc:
            self.failed.emit(str(exc))
            return False
        post.path = str(written)
        post.mark_saved()
        self.site = site_for(post.path)
        self._remember_keys()
        self._update_dirty()
        self.fieldsChanged.emit()
        self.saved.emit(str(written))
        return True

    # ------------------------------------------------------------------ Hugo's view
    def status(self, now: dt.datetime | None = None) -> tuple[str, dt.datetime | None]:
        """(draft/scheduled/published/expired, the publish date when scheduled)."""
        if self.post is None:
            return "", None
        try:
            status = self.post.status(now, self.site)
            dates = self.post.dates(self.site.frontmatter_rules if self.site else None)
        except (PostError, ValueError) as exc:
            return f"invalid: {exc}", None
        return status, dates.get("publishDate")

    def url(self) -> str:
        if self.post is None:
            return ""
        try:
            return self.post.url(self.site)
        except (PostError, ValueError, OSError):
            return ""

    def suggest_slug(self) -> str:
        """A Hugo-safe slug ([a-z0-9-]) made from the title."""
        title = self.post.get("title") if self.post else None
        return safe_slug(str(title)) if title else ""

    def tz_offset(self) -> dt.timedelta:
        """The offset new dates of this post get: that of its own dates, else the site's or computer's."""
        offset = self._own_offset()
        if offset is not None:
            return offset
        return self._loaded_offset if self._loaded_offset is not None else site_offset(self.site)

    def _own_offset(self) -> dt.timedelta | None:
        if self.post is not None:
            for key in ("date", "publishDate", "lastmod", "expiryDate"):
                value = self.post.get(key)
                if isinstance(value, dt.datetime) and value.utcoffset() is not None:
                    return value.utcoffset()
        return None

    # ------------------------------------------------------------------ export
    def export_defaults(self) -> tuple[str, str, int]:
        """(section, file name, number of local images) proposed for an export."""
        post = self.post
        if post is None:
            return DEFAULT_SECTION, "untitled", 0
        section = DEFAULT_SECTION
        if self.site is not None and post.path:
            section = self.site.section_of(post.path) or DEFAULT_SECTION
        images = local_images(post.content, os.path.dirname(post.path))[0] if post.path else []
        return section, default_slug(post), len(images)

    def plan_export(self, target_folder: str, section: str, slug: str, bundle: bool) -> ExportPlan | None:
        """Plan an export of the current text (unsaved edits included) into a site or content folder."""
        post = self.post
        if post is None:
            return None
        content = content_folder(target_folder)
        try:
            return plan_export(to_bytes(post), post.content, post.path, content, section, slug, bundle)
        except (ExportError, PostError, OSError) as exc:
            self.failed.emit(str(exc))
            return None

    def export(self, plan: ExportPlan, force: bool = False) -> str | None:
        try:
            return str(write_export(plan, force=force))
        except (ExportError, OSError) as exc:
            self.failed.emit(str(exc))
            return None


def content_folder(folder: str) -> str:
    """A site root's content folder (from its config); any other folder is taken as a content folder."""
    from editor.core.site import is_site_root
    from pathlib import Path
    p = Path(folder)
    if is_site_root(p):
        try:
            return str(load_site(p).content_dir)
        except PostError:
            return str(p / "content")
    return os.fspath(p)
