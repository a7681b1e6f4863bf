"""Document's safety part: raw-text repair, encoding conversion, outside changes, crash recovery."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.core import PostError
from editor.core.files import recovery
from editor.core.files.io import read_bytes, write_checked
from editor.core.post import Post
from editor.core.files.recovery import content_hash
from editor.core.files.text import decode, decode_legacy, encode, is_encoding_error, unified_diff

if TYPE_CHECKING:
    from editor.services.document.document import Document


@dataclass
class RawText:
    """A file that does not parse (or was recovered unparsable), open as plain text for repair."""
    path: str
    text: str                  # the whole text as edited (no BOM)
    original: str              # the text as on disk, to tell whether it was edited
    bom: bool
    error: PostError | None    # why it does not parse (None: it parses now)


def parse_error(text: str, path: str) -> PostError | None:
    """Why `text` does not parse as a post (None: it does)."""
    try:
        Post(text, path=path)
        return None
    except PostError as exc:
        return exc


class DocumentSafety:
    """Owned by a Document (`doc.safety`), whose state and signals it works on through its public members."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.notified_hash: str | None = None   # an outside change already reported (not again)

    # ------------------------------------------------------------------ raw text and encodings
    def open_converted(self, path: str) -> bool:
        """Reopen a file that is not UTF-8 with its bad bytes read as Windows-1252; it is then unsaved
        (saving writes UTF-8). `conversion(path)` shows what changes first."""
        try:
            data = read_bytes(path)
            conversion = decode_legacy(data, path)
        except PostError as exc:
            self.doc.failed.emit(str(exc))
            return False
        d = conversion.decoded
        summary = f"converted to UTF-8: {conversion.summary()}"
        try:
            post = Post(d.text, path=path, bom=d.bom, newline=d.newline)
        except PostError as exc:
            return self.doc.adopt_raw(RawText(path, d.text, d.text, d.bom, exc), content_hash(data), summary)
        self.doc.adopt(post, content_hash(data), d.text, summary)
        return True

    def conversion(self, path: str):
        """What reopening `path` as Windows-1252 would change (core.files.text.Conversion), or None."""
        try:
            return decode_legacy(read_bytes(path), path)
        except PostError:
            return None

    def open_raw(self, path: str) -> bool:
        """Open a file that does not parse as plain text, so its front matter can be repaired."""
        try:
            data = read_bytes(path)
            try:
                d, summary = decode(data, path), None
            except PostError as exc:
                if not is_encoding_error(exc):
                    raise
                conversion = decode_legacy(data, path)
                d, summary = conversion.decoded, f"converted to UTF-8: {conversion.summary()}"
        except PostError as exc:
            self.doc.failed.emit(str(exc))
            return False
        return self.doc.adopt_raw(RawText(path, d.text, d.text, d.bom, parse_error(d.text, path)),
                               content_hash(data), summary)

    def can_repair(self, path: str) -> bool:
        """True when `path` is readable UTF-8 text (so its front matter can be repaired as raw text)."""
        try:
            decode(read_bytes(path), path)
            return True
        except PostError:
            return False

    def check_raw(self) -> PostError | None:
        """Parse the raw text again (as the author repairs it); the error, None when it parses."""
        if self.doc.raw is None:
            return None
        error = parse_error(self.doc.raw.text, self.doc.raw.path)
        if (error and str(error)) != (self.doc.raw.error and str(self.doc.raw.error)):
            self.doc.raw.error = error
            self.doc.rawErrorChanged.emit()
        return error

    def save_raw(self, force: bool) -> bool:
        raw = self.doc.raw
        error = parse_error(raw.text, raw.path)
        raw.error = error
        if error is not None and not force:
            self.doc.failed.emit(f"{error}\nNot saved: the front matter still does not parse. Fix the marked "
                             "line, or use Save Anyway to write the text as it is.")
            self.doc.rawErrorChanged.emit()   # the error mark moves to the new line
            return False
        overwrite = self.doc.may_overwrite(raw.path)
        if not overwrite:
            return False
        try:   # the same checked, locked write as a post's save (core.files.io.write_checked)
            data = encode(raw.text, raw.bom)
            write_checked(raw.path, data, self.doc.base_hash, force=overwrite == "force")
        except PostError as exc:
            self.doc.failed.emit(str(exc))
            return False
        self.doc.written(raw.path, content_hash(data), raw.text)
        raw.original = raw.text
        self.doc.saved.emit(raw.path)
        if error is None:
            return self.doc.open(raw.path)   # repaired: a post again (form, preview)
        self.doc.update_dirty()
        return True

    # ------------------------------------------------------------------ outside changes
    def disk_changed(self, path: str) -> None:
        if not self.doc.path or os.path.abspath(path) != os.path.abspath(self.doc.path):
            return
        current = self.doc.disk_hash()
        if current == self.doc.base_hash:
            self.doc.missing = False       # our own save, a touch, or a change undone
            return
        if current is None:
            if not self.doc.missing:
                self.doc.missing = True
                self.doc.removedFromDisk.emit(self.doc.path)
            return
        self.doc.missing = False
        if current == self.notified_hash:
            return
        if not self.doc.compute_dirty() and self.doc.raw is None:
            self.reload_from_disk()
        else:
            self.notified_hash = current
            self.doc.changedOnDisk.emit(self.doc.path)

    def reload_from_disk(self) -> bool:
        """Read the file again after an outside change (dropping our edits, if any)."""
        path = self.doc.path
        self.doc.aboutToReload.emit()
        self.doc.journal.clear()
        ok = self.doc.open(path) if self.doc.raw is None else self.doc.revert()
        if ok:
            self.doc.reloaded.emit()
        return ok

    def disk_text(self) -> str:
        """The file's text as it is on disk now (for comparing; undecodable bytes shown as U+FFFD)."""
        try:
            data = read_bytes(self.doc.path)
        except PostError as exc:
            return f"({exc})\n"
        return data.decode("utf-8", "replace").removeprefix("\ufeff")

    def disk_diff(self) -> str:
        """Unified diff from the file on disk to our text."""
        name = os.path.basename(self.doc.path or "post")
        return unified_diff(self.disk_text(), self.doc.current_text(), f"{name} (on disk)", f"{name} (yours)")

    # ------------------------------------------------------------------ crash recovery
    def check_recovery(self, path: str) -> None:
        """Offer the newest journal of this post left by an earlier run (a crash), set aside so that
        new typing cannot overwrite it; journals equal to what is open are dropped."""
        found = None
        for journal in recovery.for_post(path):
            if journal.text == self.doc.current_text() or found is not None:
                if found is None or journal.text == found.text:
                    recovery.clear(key=journal.key)
                continue
            found = journal
        if found is not None and found.key == recovery.journal_key(path):
            found = recovery.set_aside(found)
        self.doc.recovered = found
        if found is not None:
            self.doc.recoveryAvailable.emit(found)

    def restore_recovery(self) -> bool:
        """Put the recovered text (body and front matter) back as unsaved changes."""
        journal = self.doc.recovered
        if journal is None or not self.doc.path:
            return False
        path = self.doc.path
        bom = self.doc.raw.bom if self.doc.raw is not None else bool(self.doc.post and self.doc.post.bom)
        error = parse_error(journal.text, path)
        if error is None:
            post = Post(journal.text, path=path, bom=bom)
            if self.doc.site is not None:
                post.timezone = self.doc.site.timezone
            self.doc.post, self.doc.raw = post, None
            self.doc.remember_keys()
            self.doc.loaded.emit()
        else:
            self.doc.post, self.doc.raw = None, RawText(path, journal.text, self.doc.baseline, bom, error)
            self.doc.loaded.emit()
            self.doc.rawOpened.emit()
        recovery.clear(key=journal.key)
        self.doc.recovered = None
        self.doc.recoveryCleared.emit()
        self.doc.update_dirty()
        self.doc.journal.flush()   # safe again at once, under the live journal
        self.doc.fieldsChanged.emit()
        return True

    def discard_recovered(self) -> None:
        if self.doc.recovered is not None:
            recovery.clear(key=self.doc.recovered.key)
        self.doc.recovered = None
        self.doc.recoveryCleared.emit()

    def recovery_diff(self) -> str:
        """Unified diff from the file on disk to the recovered text."""
        if self.doc.recovered is None:
            return ""
        name = os.path.basename(self.doc.path or "post")
        return unified_diff(self.disk_text(), self.doc.recovered.text, f"{name} (on disk)", f"{name} (recovered)")
