"""Watch a site's content folders (not single files) and say, debounced, that the post list may be stale."""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

MAX_FOLDERS = 2000   # inotify watches are a shared, limited resource (8192 per user by default)


def folders_to_watch(roots: list[str], files: list[str], limit: int = MAX_FOLDERS) -> set[str]:
    """The content roots and every folder holding a listed file, with the folders in between.

    Folders see files created, deleted and renamed (atomic saves), not in-place writes. Past
    `limit` folders, only the roots and their direct sub-folders (the sections) are watched."""
    roots = [os.path.abspath(r) for r in roots]
    found = set(roots)
    for path in files:
        folder = os.path.dirname(path)
        while folder not in found:
            root = next((r for r in roots if folder.startswith(r + os.sep)), None)
            if root is None:
                break
            found.add(folder)
            folder = os.path.dirname(folder)
    if len(found) > limit:
        found = {f for f in found if f in roots or os.path.dirname(f) in roots}
    return found


class ContentWatcher(QObject):
    """`changed` fires once, `delay` ms after the last folder change (a checkout touches thousands)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, delay: int = 400) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay)
        self._timer.timeout.connect(self.changed)
        self._watcher.directoryChanged.connect(lambda _path: self._timer.start())

    def watch(self, roots: list[str], files: list[str]) -> None:
        """Watch exactly the folders that `roots` and `files` need (added and dropped as they change)."""
        self.watch_folders(folders_to_watch(roots, files))

    def watch_folders(self, folders: set[str]) -> None:
        wanted = {f for f in folders if os.path.isdir(f)}
        current = set(self._watcher.directories())
        gone, new = sorted(current - wanted), sorted(wanted - current)
        if gone:
            self._watcher.removePaths(gone)
        if new:
            self._watcher.addPaths(new)

    def folders(self) -> list[str]:
        return self._watcher.directories()

    def stop(self) -> None:
        self._timer.stop()
        folders = self._watcher.directories()
        if folders:
            self._watcher.removePaths(folders)
