"""The crash-recovery bar: restore (actionRestoreRecovery), compare with the file on disk, or discard."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from editor.gui.safety.notice_bar import NoticeBar


class RecoveryBar(NoticeBar):
    """Offers unsaved text journaled by an earlier run that did not end cleanly."""

    def __init__(self, restore: QAction, compare, discard, open_other, parent: QWidget | None = None) -> None:
        super().__init__("recoveryBar", "Recovered changes", "info", parent)
        self.add_button("recoveryRestore", "Restore", "Restore the recovered text", action=restore)
        self.add_button("recoveryCompare", "Compare…", "Compare the recovered text with the file on disk", compare)
        self.add_button("recoveryDiscard", "Discard", "Discard the recovered text", discard)
        self.add_button("recoveryOpen", "Open", "Open the post that has recovered text", open_other)

    def show_recovered(self, name: str, saved_at: float, disk_changed: bool) -> None:
        when = dt.datetime.fromtimestamp(saved_at).strftime("%Y-%m-%d %H:%M:%S")
        note = (" The file on disk has changed since; compare before restoring." if disk_changed else "")
        self.show_notice(f"Unsaved changes to {name} from {when} were recovered after the editor "
                         f"closed unexpectedly.{note}", ("recoveryRestore", "recoveryCompare", "recoveryDiscard"))

    def show_other(self, name: str, count: int) -> None:
        more = f" (and {count - 1} other post{'s' if count > 2 else ''})" if count > 1 else ""
        self.show_notice(f"Unsaved changes to {name}{more} were recovered from a session that closed "
                         "unexpectedly.", ("recoveryOpen",))
