"""The app's persistent settings (last opened path, window and splitter state) in one INI file."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from editor.core.files.private import private_dir
from editor.services.resources import APP_ID


RECENT_MAX = 10


def settings_file() -> Path:
    # Resolved at call time (not import time) so that $XDG_CONFIG_HOME set later is honoured.
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / APP_ID / "settings.ini"


class Settings:
    """Typed access to the few values the window remembers between runs."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or settings_file()
        try:
            # The file names the posts and folders the author works on: keep it theirs alone.
            private_dir(path.parent)
        except OSError:
            pass   # QSettings then keeps the values in memory; nothing worth stopping for
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def last_paths(self) -> tuple[str | None, str | None]:
        """(the folder or site last opened, the post last opened) — None when unknown or gone."""
        folder = self._qs.value("session/folder", "", str) or None
        post = self._qs.value("session/post", "", str) or None
        return (folder if folder and os.path.isdir(folder) else None,
                post if post and os.path.isfile(post) else None)

    def set_last_paths(self, folder: str | None, post: str | None) -> None:
        self._qs.setValue("session/folder", folder or "")
        self._qs.setValue("session/post", post or "")
        self._qs.sync()

    def recent(self) -> list[str]:
        """Posts and folders opened lately, newest first, those that still exist (File → Open Recent)."""
        paths = self._qs.value("session/recent", [], list) or []
        return [p for p in paths if isinstance(p, str) and os.path.exists(p)][:RECENT_MAX]

    def add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        paths = [path] + [p for p in (self._qs.value("session/recent", [], list) or []) if p != path]
        self._qs.setValue("session/recent", paths[:RECENT_MAX])

    def export_folder(self) -> str | None:
        folder = self._qs.value("export/folder", "", str)
        return folder if folder and os.path.isdir(folder) else None

    def set_export_folder(self, folder: str) -> None:
        self._qs.setValue("export/folder", folder)

    def state(self, name: str) -> QByteArray | None:
        value = self._qs.value(f"window/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self._qs.setValue(f"window/{name}", value)

    def remote_content(self) -> bool:
        """Whether the preview may load remote images, media and frames (off unless the author enables it)."""
        return self._qs.value("preview/remoteContent", False, bool)

    def set_remote_content(self, on: bool) -> None:
        self._qs.setValue("preview/remoteContent", bool(on))

    def sync(self) -> None:
        self._qs.sync()

    # Preferences (editor/gui/dialogs/preferences.py): editor/font, editor/width, appearance/theme,
    # spell/enabled, spell/language, images/maxWidth, preview/remoteContent.
    def value(self, key: str, default=None, kind: type | None = None):
        if kind is None:
            return self._qs.value(key, default)
        return self._qs.value(key, default, kind)

    def set_value(self, key: str, value) -> None:
        self._qs.setValue(key, value)
