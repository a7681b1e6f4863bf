"""The outside-change bar (reload / keep yours / compare; deleted or renamed) and the compare window."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QVBoxLayout, QWidget

from editor.gui.safety.notice_bar import NoticeBar


class ChangeBar(NoticeBar):
    """Shown when another program changed or removed the open post while it has unsaved edits."""

    def __init__(self, reload, keep, compare, save_as, parent: QWidget | None = None) -> None:
        super().__init__("changeBar", "Changed on disk", "warning", parent)
        self.add_button("changeReload", "Reload (Discard Yours)", "Reload the file and discard your changes", reload)
        self.add_button("changeKeep", "Keep Yours", "Keep your text; saving asks before overwriting", keep)
        self.add_button("changeCompare", "Compare…", "Compare the file on disk with your text", compare)
        self.add_button("changeSaveAs", "Save As…", "Save your text under another name", save_as)

    def show_changed(self, name: str) -> None:
        self.show_notice(f"{name} was changed on disk by another program, and you have unsaved changes.",
                         ("changeReload", "changeKeep", "changeCompare"))

    def show_removed(self, name: str) -> None:
        self.show_notice(f"{name} was deleted or renamed on disk by another program. Your text is still "
                         "here; saving asks before creating the file again.", ("changeSaveAs",))


class CompareDialog(QDialog):
    """A non-modal window showing a unified diff (read-only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setAccessibleName("Compare")
        self.setModal(False)
        self.resize(760, 520)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("compareText")
        self.text.setAccessibleName("Differences")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)

    def show_diff(self, title: str, diff: str) -> None:
        self.setWindowTitle(title)
        self.text.setPlainText(diff or "No differences.")
        self.show()
        self.raise_()
