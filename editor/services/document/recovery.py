"""Journaling the unsaved buffer to the recovery folder, throttled, with failures reported once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.files import recovery
from editor.core.files.io import describe_os_error

# (post path, whole text as it would be saved, sha256 of the file it is based on) or None when clean.
Snapshot = Callable[[], "tuple[str | None, str, str | None] | None"]


class RecoveryJournal(QObject):
    """Writes the buffer at most `delay_ms` after the first unjournaled change (a throttle, not a
    debounce: continuous typing is still journaled every `delay_ms`). Never touches the post file."""

    failed = Signal(str)       # emitted once per run of failures, not on every keystroke
    written = Signal(str)      # the journal key

    def __init__(self, snapshot: Snapshot, delay_ms: int = 1000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._reported = False
        self._key: str | None = None    # the key of the journal this buffer writes

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Journal now (or forget the journal when the buffer is clean)."""
        self._timer.stop()
        snap = self._snapshot()
        if snap is None:
            self.clear()
            return
        path, text, base_hash = snap
        try:
            self._key = recovery.write(path, text, base_hash, key=self._key)
        except OSError as exc:
            if not self._reported:
                self._reported = True
                self.failed.emit(f"The recovery copy of your unsaved changes cannot be written to "
                                 f"{recovery.recovery_dir()}: {describe_os_error(exc)}. Save soon; "
                                 "a crash now would lose your changes.")
            return
        self._reported = False
        self.written.emit(self._key)

    def clear(self) -> None:
        """Forget the journal (after a save, a revert or a discard)."""
        self._timer.stop()
        if self._key:
            try:
                recovery.clear(key=self._key)
            except OSError:
                pass
        self._key = None

    def forget_path(self, path: str | None) -> None:
        """Forget the journal of `path` (the live one), e.g. before the post is read again."""
        self.clear()
        if path:
            try:
                recovery.clear(path)
            except OSError:
                pass

    def follow(self, path: str | None) -> None:
        """The buffer now belongs to `path` (opened or saved as)."""
        self.clear()
        self._key = recovery.journal_key(path) if path else None

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
