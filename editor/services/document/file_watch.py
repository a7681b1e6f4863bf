"""Watching the open post for other programs' writes, through atomic replaces and renames."""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal


class FileWatch(QObject):
    """Watches one file and its folder. Many editors and sync tools replace a file (write elsewhere,
    rename over it), which drops a plain file watch: the folder watch sees that, and the file is
    watched again. `changed` is emitted after the writes settle; the receiver compares bytes."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None, settle_ms: int = 150) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self._settled)
        self.path: str | None = None

    def watch(self, path: str | None) -> None:
        self.stop()
        if not path:
            return
        self.path = os.path.abspath(path)
        folder = os.path.dirname(self.path)
        if os.path.isdir(folder):
            self._watcher.addPath(folder)
        self._rearm()

    def stop(self) -> None:
        self._timer.stop()
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)
        self.path = None

    def _rearm(self) -> None:
        if self.path and os.path.exists(self.path) and self.path not in self._watcher.files():
            self._watcher.addPath(self.path)

    def _poke(self, _changed: str) -> None:
        self._rearm()
        self._timer.start()

    def _settled(self) -> None:
        self._rearm()
        if self.path:
            self.changed.emit(self.path)
