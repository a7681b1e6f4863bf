"""The open post's safety behaviours: raw-text repair, encoding conversion, outside changes, crash recovery."""

from __future__ import annotations

import os
from dataclasses import dataclass

from editor.core import PostError
from editor.core.files import recovery
from editor.core.files.io import read_bytes, write_checked
from editor.core.post import Post
from editor.core.files.recovery import content_hash
from editor.core.files.text import decode, decode_legacy, encode, is_encoding_error, unified_diff


@dataclass
class RawText:
    """A file that does not parse (or was recovered unparsable), open as plain text for repair."""
    path: str
    text: str                  # the whole text as edited (no BOM)
    original: str              # the text as on disk, to tell whether it was edited
    bom: bool
    error: PostError | None    # why it does not parse (None: it parses now)


class DocumentSafety:
    """Mixed into Document (which owns the state and signals these methods use)."""

    # ------------------------------------------------------------------ raw text and encodings
    def open_converted(self, path: str) -> bool:
        """Reopen a file that is not UTF-8 with its bad bytes read as Windows-1252; it is then unsaved
        (saving writes UTF-8). `conversion(path)` shows what changes first."""
        try:
            data = read_bytes(path)
            conversion = decode_legacy(data, path)
        except PostError as exc:
            self.failed.emit(str(exc))
            return False
        d = conversion.decoded
        summary = f"converted to UTF-8: {conversion.summary()}"
        try:
            post = Post(d.text, path=path, bom=d.bom, newline=d.newline)
        except PostError as exc:
            return self._adopt_raw(RawText(path, d.text, d.text, d.bom, exc), content_hash(data), summary)
        self._adopt(post, content_hash(data), d.text, summary)
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
            self.failed.emit(str(exc))
            return False
        return self._adopt_raw(RawText(path, d.text, d.text, d.bom, self._parse_error(d.text, path)),
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
        if self.raw is None:
            return None
        error = self._parse_error(self.raw.text, self.raw.path)
        if (error and str(error)) != (self.raw.error and str(self.raw.error)):
            self.raw.error = error
            self.rawErrorChanged.emit()
        return error

    def _parse_error(self, text: str, path: str) -> PostError | None:
        try:
            Post(text, path=path)
            return None
        except PostError as exc:
            return exc

    def _save_raw(self, force: bool) -> bool:
        raw = self.raw
        error = self._parse_error(raw.text, raw.path)
        raw.error = error
        if error is not None and not force:
            self.failed.emit(f"{error}\nNot saved: the front matter still does not parse. Fix the marked "
                             "line, or use Save Anyway to write the text as it is.")
            self.rawErrorChanged.emit()   # the error mark moves to the new line
            return False
        overwrite = self._may_overwrite(raw.path)
        if not overwrite:
            return False
        try:   # the same checked, locked write as a post's save (core.files.io.write_checked)
            data = encode(raw.text, raw.bom)
            write_checked(raw.path, data, self._base_hash, force=overwrite == "force")
        except PostError as exc:
            self.failed.emit(str(exc))
            return False
        self._written(raw.path, content_hash(data), raw.text)
        raw.original = raw.text
        self.saved.emit(raw.path)
        if error is None:
            return self.open(raw.path)   # repaired: a post again (form, preview)
        self._update_dirty()
        return True

    # ------------------------------------------------------------------ outside changes
    def _disk_changed(self, path: str) -> None:
        if not self.path or os.path.abspath(path) != os.path.abspath(self.path):
            return
        current = self._disk_hash()
        if current == self._base_hash:
            self.missing = False       # our own save, a touch, or a change undone
            return
        if current is None:
            if not self.missing:
                self.missing = True
                self.removedFromDisk.emit(self.path)
            return
        self.missing = False
        if current == self._notified_hash:
            return
        if not self._compute_dirty() and self.raw is None:
            self.reload_from_disk()
        else:
            self._notified_hash = current
            self.changedOnDisk.emit(self.path)

    def reload_from_disk(self) -> bool:
        """Read the file again after an outside change (dropping our edits, if any)."""
        path = self.path
        self.aboutToReload.emit()
        self.journal.clear()
        ok = self.open(path) if self.raw is None else self.revert()
        if ok:
            self.reloaded.emit()
        return ok

    def disk_text(self) -> str:
        """The file's text as it is on disk now (for comparing; undecodable bytes shown as U+FFFD)."""
        try:
            data = read_bytes(self.path)
        except PostError as exc:
            return f"({exc})\n"
        return data.decode("utf-8", "replace").removeprefix("\ufeff")

    def disk_diff(self) -> str:
        """Unified diff from the file on disk to our text."""
        name = os.path.basename(self.path or "post")
        return unified_diff(self.disk_text(), self.current_text(), f"{name} (on disk)", f"{name} (yours)")

    # ------------------------------------------------------------------ crash recovery
    def _check_recovery(self, path: str) -> None:
        """Offer the newest journal of this post left by an earlier run (a crash), set aside so that
        new typing cannot overwrite it; journals equal to what is open are dropped."""
        found = None
        for journal in recovery.for_post(path):
            if journal.text == self.current_text() or found is not None:
                if found is None or journal.text == found.text:
                    recovery.clear(key=journal.key)
                continue
            found = journal
        if found is not None and found.key == recovery.journal_key(path):
            found = recovery.set_aside(found)
        self.recovered = found
        if found is not None:
            self.recoveryAvailable.emit(found)

    def restore_recovery(self) -> bool:
        """Put the recovered text (body and front matter) back as unsaved changes."""
        journal = self.recovered
        if journal is None or not self.path:
            return False
        path = self.path
        bom = self.raw.bom if self.raw is not None else bool(self.post and self.post.bom)
        error = self._parse_error(journal.text, path)
        if error is None:
            post = Post(journal.text, path=path, bom=bom)
            if self.site is not None:
                post.timezone = self.site.timezone
            self.post, self.raw = post, None
            self._remember_keys()
            self.loaded.emit()
        else:
            self.post, self.raw = None, RawText(path, journal.text, self._baseline, bom, error)
            self.loaded.emit()
            self.rawOpened.emit()
        recovery.clear(key=journal.key)
        self.recovered = None
        self.recoveryCleared.emit()
        self._update_dirty()
        self.journal.flush()   # safe again at once, under the live journal
        self.fieldsChanged.emit()
        return True

    def discard_recovered(self) -> None:
        if self.recovered is not None:
            recovery.clear(key=self.recovered.key)
        self.recovered = None
        self.recoveryCleared.emit()

    def recovery_diff(self) -> str:
        """Unified diff from the file on disk to the recovered text."""
        if self.recovered is None:
            return ""
        name = os.path.basename(self.path or "post")
        return unified_diff(self.disk_text(), self.recovered.text, f"{name} (on disk)", f"{name} (recovered)")
