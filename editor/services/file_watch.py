"""Watching files for other programs' writes: the open post (through atomic replaces) and a content folder."""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

MAX_FOLDERS = 400   # inotify watches are a shared, limited resource; a huge site falls back to manual reload


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


class FolderWatch(QObject):
    """Watches a content folder's tree (folders only) and emits `changed` once writes settle."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, settle_ms: int = 700) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self.changed)
        self.root: str | None = None

    def watch(self, root: str | None) -> None:
        old = self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        self.root = root
        if not root or not os.path.isdir(root):
            return
        folders = [root]
        for dirpath, dirnames, _ in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            folders += [os.path.join(dirpath, d) for d in dirnames]
            if len(folders) >= MAX_FOLDERS:
                break
        self._watcher.addPaths(folders[:MAX_FOLDERS])

    def _poke(self, _path: str) -> None:
        self._timer.start()
