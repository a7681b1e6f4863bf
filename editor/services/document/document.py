"""One open post: load, edit, save (checked against the disk), revert, export; dirty state, recovery
journal, outside-change watching, raw-text repair and encoding conversion."""

from __future__ import annotations

import datetime as dt
import os
from typing import Callable

from PySide6.QtCore import QObject, Signal

from editor.core import PostError
from editor.core.hugo import fields
from editor.core.files.export import (DEFAULT_SECTION, ExportError, ExportPlan, default_slug, export_url,
                                      local_images, plan_export, resolve_content_dir, target_path, write_export)
from editor.core.files.io import read_bytes, save, to_bytes
from editor.core.post import Post
from editor.core.files.recovery import Journal, content_hash
from editor.core.hugo.site import Site
from editor.core.files.text import decode
from editor.core.hugo.urls import title_slug
from editor.services.document.safety import DocumentSafety, RawText, parse_error
from editor.services.document.file_watch import FileWatch
from editor.services.document.recovery import RecoveryJournal
from editor.services.workspace import site_for, site_offset

UNREADABLE = "unreadable"   # a disk hash for a file that exists but cannot be read
CHECKED, FORCE = "checked", "force"   # how a save may write: only over what we read, or over anything


def _canonical(key: str) -> str:
    return fields.canonical(key) or key


class Document(QObject):
    """Holds the Post being edited. Widgets call these methods; they never touch files themselves."""

    loaded = Signal()              # a post was opened or reverted (read every field again)
    saved = Signal(str)            # the path written
    dirtyChanged = Signal(bool)
    fieldsChanged = Signal()       # the front matter changed (status, URL … may differ)
    bodyChanged = Signal()         # an edit changed the body (or the raw text); a load says `loaded` instead
    failed = Signal(str)           # a message for the author (nothing was changed)
    closed = Signal()
    openFailed = Signal(str, object)       # path, PostError: the file cannot be opened as a post
    rawOpened = Signal()                   # the file is open as raw text (self.raw) for repair
    rawErrorChanged = Signal()             # self.raw.error changed (moved, or fixed: None)
    changedOnDisk = Signal(str)            # another program changed the file while we have edits
    removedFromDisk = Signal(str)          # the file was deleted or renamed away
    aboutToReload = Signal()               # an unedited post is read again after an outside change
    reloaded = Signal()
    recoveryAvailable = Signal(object)     # a Journal from a previous run (crash) for this post
    recoveryCleared = Signal()

    def __init__(self, parent: QObject | None = None, journal_delay_ms: int = 1000,
                 confirm_overwrite: Callable[[str, str], bool] | None = None) -> None:
        super().__init__(parent)
        self.post: Post | None = None
        self.site: Site | None = None
        self.raw: RawText | None = None
        self.recovered: Journal | None = None
        self.converted: str | None = None      # summary of an encoding conversion not yet saved
        self.missing = False                   # the file was deleted or renamed away
        # Asked before saving over a file that changed on disk: (path, what happened) -> overwrite?
        self._confirm_overwrite = confirm_overwrite
        self._dirty = False
        self._original_keys: set[str] = set()
        self._loaded_offset: dt.timedelta | None = None
        self._baseline = ""                    # the text as on disk (read or last written)
        self._base_hash: str | None = None     # sha256 of the bytes on disk when read or written
        self.journal = RecoveryJournal(self._snapshot, journal_delay_ms, self)
        self.journal.failed.connect(self.failed)
        self.safety = DocumentSafety(self)   # raw repair, encodings, outside changes, crash recovery
        self.watch = FileWatch(self)
        self.watch.changed.connect(self.safety.disk_changed)

    # ------------------------------------------------------------------ state
    @property
    def path(self) -> str | None:
        if self.raw is not None:
            return self.raw.path
        return self.post.path if self.post else None

    @property
    def is_open(self) -> bool:
        return self.post is not None

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def base_hash(self) -> str | None:
        return self._base_hash

    @property
    def baseline(self) -> str:
        """The text as on disk (read or last written)."""
        return self._baseline

    @property
    def body(self) -> str:
        """What the editor shows: the body, or in raw mode the whole file's text ("" with nothing open)."""
        if self.raw is not None:
            return self.raw.text
        return self.post.content if self.post else ""

    def current_text(self) -> str:
        """The whole text (front matter and body, no BOM) as it would be saved."""
        if self.raw is not None:
            return self.raw.text
        return self.post.text if self.post else ""

    # compute_dirty … may_overwrite are public for Document's own safety part (services.document.safety).
    def compute_dirty(self) -> bool:
        if self.raw is not None:
            return self.raw.text != self.raw.original or self.converted is not None
        return bool(self.post and (self.post.text != self._baseline or self.converted is not None))

    def update_dirty(self) -> None:
        dirty = self.compute_dirty()
        if dirty:
            self.journal.schedule()
        elif self._dirty:
            self.journal.clear()   # edited back to what is on disk: nothing to recover
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _snapshot(self):
        return (self.path, self.current_text(), self._base_hash) if self.compute_dirty() else None

    def remember_keys(self) -> None:
        self._original_keys = {_canonical(k) for k in (self.post.keys() if self.post else [])}

    def disk_hash(self, path: str | None = None) -> str | None:
        try:
            return content_hash(read_bytes(path or self.path))
        except PostError:
            return None if not os.path.lexists(path or self.path or "") else UNREADABLE

    # ------------------------------------------------------------------ open / close
    def open(self, path: str) -> bool:
        """Read and parse fully first, so a failed open leaves the current post untouched."""
        try:
            data = read_bytes(path)
            decoded = decode(data, path)
            post = Post(decoded.text, path=path, bom=decoded.bom, newline=decoded.newline)
        except PostError as exc:
            self.failed.emit(str(exc))
            self.openFailed.emit(path, exc)
            return False
        self.adopt(post, content_hash(data), decoded.text)
        return True

    def adopt(self, post: Post, disk_hash: str, baseline: str, converted: str | None = None) -> None:
        site = site_for(post.path)
        if site is not None and site.read_only:
            self.failed.emit(f"site configuration ignored: {site.error}")
        if site is not None:
            post.timezone = site.timezone
        self.journal.clear()
        self.post, self.site, self.raw = post, site, None
        self._set_disk(post.path, disk_hash, baseline, converted)
        self.remember_keys()
        self._loaded_offset = self._own_offset()   # kept when the author clears every date
        self.loaded.emit()
        self.update_dirty()
        self.safety.check_recovery(post.path)

    def adopt_raw(self, raw: RawText, disk_hash: str, converted: str | None) -> bool:
        self.journal.clear()
        self.post, self.raw = None, raw
        self.site = site_for(raw.path)
        self._set_disk(raw.path, disk_hash, raw.original, converted)
        self.loaded.emit()
        self.rawOpened.emit()
        self.update_dirty()
        self.safety.check_recovery(raw.path)
        return True

    def _set_disk(self, path: str, disk_hash: str | None, baseline: str, converted: str | None) -> None:
        self._base_hash, self._baseline, self.converted = disk_hash, baseline, converted
        self.safety.notified_hash, self.missing = None, False
        self.journal.follow(path)
        self.watch.watch(path)

    def close(self) -> None:
        self.journal.clear()
        self.watch.stop()
        self.post = None
        self.raw = None
        self.site = None
        self.recovered = None
        self.update_dirty()
        self.closed.emit()

    def revert(self) -> bool:
        """Read the file again, dropping unsaved edits."""
        path = self.path
        if not path:
            return False
        self.journal.clear()
        if self.raw is not None and parse_error(self.raw.original, path) is not None:
            return self.safety.open_raw(path)
        return self.open(path)

    def discard_recovery(self) -> None:
        """The author dropped the unsaved changes (e.g. on quitting): forget their journal."""
        self.journal.clear()

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
        self.update_dirty()
        return True

    def set_body(self, text: str) -> None:
        """The editor's text: the body, or in raw mode the whole file's text. `bodyChanged` once per
        real change (the same text again, e.g. a load's echo, changes nothing)."""
        if self.raw is not None:
            if text == self.raw.text:
                return
            self.raw.text = text
        elif self.post is None or text == self.post.content:
            return
        else:
            self.post.content = text
        self.update_dirty()
        self.bodyChanged.emit()

    # ------------------------------------------------------------------ saving
    def save(self, force: bool = False) -> bool:
        """Write through the core; nothing is written when nothing changed. A file changed or removed
        on disk since it was read is only overwritten after `confirm_overwrite` agrees. In raw mode
        the text is written only when it parses (or with `force`), then opened as a post again."""
        if self.raw is not None:
            return self.safety.save_raw(force)
        post = self.post
        if post is None:
            return False
        if not self._dirty and not self.compute_dirty():
            return True
        overwrite = self.may_overwrite(post.path)
        if not overwrite:
            return False
        # The core checks the disk again under the folder's write lock (the same check `set` and
        # scripts get): a write that lands between our check and the save is still refused.
        post.disk_hash = self._base_hash
        try:
            data = to_bytes(post)
            written = save(post, force=overwrite == FORCE)
        except PostError as exc:
            self.failed.emit(str(exc))
            return False
        self.written(str(written), content_hash(data), post.text)
        self.remember_keys()
        self.update_dirty()
        self.saved.emit(str(written))
        return True

    def save_as(self, path: str) -> bool:
        post = self.post
        if post is None:
            return False
        old = post.path
        try:
            data = to_bytes(post)
            written = save(post, path)
        except PostError as exc:
            self.failed.emit(str(exc))
            return False
        self.journal.forget_path(old)
        post.path = str(written)
        post.mark_saved()
        post.disk_hash = content_hash(data)
        self.site = site_for(post.path)
        self.written(str(written), content_hash(data), post.text)
        self.remember_keys()
        self.update_dirty()
        self.fieldsChanged.emit()
        self.saved.emit(str(written))
        return True

    def written(self, path: str, disk_hash: str, text: str) -> None:
        """After our own write: remember its hash (so the watcher ignores it) and drop the journal."""
        self.journal.clear()
        self._set_disk(path, disk_hash, text, None)

    def may_overwrite(self, path: str) -> str | bool:
        """CHECKED when the file on disk is still what we read (by content hash; the core checks it
        again while writing), FORCE when it changed and the author agrees to overwrite, else False."""
        current = self.disk_hash(path)
        if current == self._base_hash:
            return CHECKED
        what = ("was deleted or renamed" if current is None else
                "cannot be read any more" if current == UNREADABLE else "was changed by another program")
        if self._confirm_overwrite is not None and self._confirm_overwrite(path, what):
            return FORCE
        self.failed.emit(f"{path}: not saved: the file {what} since it was opened. Reload it, compare, "
                         "or confirm overwriting it; your text is kept.")
        return False

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
        """The slug Hugo's `urlize` makes of the title (unescaped: urls.title_slug)."""
        title = self.post.get("title") if self.post else None
        return title_slug(str(title)) if title else ""

    def tz_offset(self) -> dt.timedelta:
        """The offset new dates of this post get: that of its own dates, else the site's or computer's."""
        offset = self._own_offset()
        if offset is not None:
            return offset
        return self._loaded_offset if self._loaded_offset is not None else site_offset(self.site)

    def _own_offset(self) -> dt.timedelta | None:
        if self.post is not None:
            for key in fields.DATE_FIELDS:
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
        try:
            content = resolve_content_dir(target_folder)
            return plan_export(to_bytes(post), post.content, post.path, content, section, slug, bundle)
        except (ExportError, PostError, OSError) as exc:
            self.failed.emit(str(exc))
            return None

    def export_preview(self, target_folder: str, section: str, slug: str, bundle: bool) -> tuple[str, str]:
        """(the URL the export would give, or "", and the problem or "") for the export dialog;
        the problem also names a URL that differs from the post's current one."""
        post = self.post
        if post is None:
            return "", "no post is open"
        try:
            content = resolve_content_dir(target_folder)
            new_url = export_url(post, target_path(content, section, slug, bundle))
        except (ExportError, PostError, OSError) as exc:
            return "", str(exc)
        current = self.url()
        if post.path and current and current != new_url:
            return new_url, f"The URL changes from {current}: links to the post break."
        return new_url, ""

    def export(self, plan: ExportPlan, force: bool = False) -> str | None:
        try:
            return str(write_export(plan, force=force))
        except (ExportError, OSError) as exc:
            self.failed.emit(str(exc))
            return None
