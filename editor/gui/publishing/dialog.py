"""The Publish dialog: changed posts with checkboxes, their diffs against HEAD, the message and "Push after commit"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from editor.core.git.publish import Plan, default_message, describe
from editor.core.git.diff import FRONT, file_diff, render

KeyRole = Qt.ItemDataRole.UserRole + 1


@dataclass
class PublishChoice:
    keys: list[str]      # the chosen posts (Item.key)
    message: str
    push: bool


def _named(widget, name: str, accessible: str):
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class DiffHighlighter(QSyntaxHighlighter):
    """Added lines green, removed red, front-matter lines on a tinted background."""

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        label, sep, line = text.partition(" │ ")
        fmt = QTextCharFormat()
        if sep and label.strip() == FRONT:
            fmt.setBackground(QColor(120, 120, 200, 40))
        if sep and line.startswith("+"):
            fmt.setForeground(QColor("#1a7f37"))
        elif sep and line.startswith("-"):
            fmt.setForeground(QColor("#cf222e"))
        elif not sep:
            fmt.setFontWeight(QFont.Weight.Bold)
        self.setFormat(0, len(text), fmt)


class PublishDialog(QDialog):
    """Never decides anything itself: `choice()` says what the author picked; `save_first` is the
    window's save, offered when the open post has unsaved changes (they are never committed)."""

    def __init__(self, plan: Plan, unsaved: str | None = None, save_first: Callable[[], Plan | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setAccessibleName("Publish")
        self.setWindowTitle("Publish")
        self.resize(900, 620)
        self._save_first = save_first
        self._message_edited = False
        layout = QVBoxLayout(self)

        self.unsaved = _named(QFrame(self), "publishUnsaved", "Unsaved changes")
        self.unsaved.setStyleSheet("QFrame#publishUnsaved { background: #fff4ce; border: 1px solid #e0c060;"
                                   " border-radius: 4px; }")
        row = QHBoxLayout(self.unsaved)
        row.setContentsMargins(8, 4, 4, 4)
        self.unsaved_label = _named(QLabel(self.unsaved), "publishUnsavedText", "Unsaved changes warning")
        self.unsaved_label.setWordWrap(True)
        self.save_button = _named(QPushButton("Save First", self.unsaved), "publishSaveFirst", "Save first")
        self.save_button.clicked.connect(self.save_first)
        row.addWidget(self.unsaved_label, 1)
        row.addWidget(self.save_button)
        layout.addWidget(self.unsaved)

        self.branch_label = _named(QLabel(self), "publishBranch", "Branch")
        layout.addWidget(self.branch_label)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.posts = _named(QListWidget(split), "publishPosts", "Changed posts")
        self.diff = _named(QPlainTextEdit(split), "publishDiff", "Changes against the last commit")
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._highlighter = DiffHighlighter(self.diff.document())
        split.setSizes([300, 600])
        layout.addWidget(split, 1)
        self.left_out = _named(QLabel(self), "publishLeftOut", "Files not committed")
        self.left_out.setWordWrap(True)
        layout.addWidget(self.left_out)

        self.message = _named(QLineEdit(self), "publishMessage", "Commit message")
        self.message.textEdited.connect(lambda _t: setattr(self, "_message_edited", True))
        layout.addWidget(QLabel("Message:", self))
        layout.addWidget(self.message)
        self.push = _named(QCheckBox(self), "publishPush", "Push after commit")
        layout.addWidget(self.push)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = _named(self.buttons.button(QDialogButtonBox.StandardButton.Ok), "publishCommit", "Commit")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.posts.currentItemChanged.connect(lambda cur, _prev: self._show_diff(cur))
        self.posts.itemChanged.connect(lambda _item: self._selection_changed())
        self.push.toggled.connect(lambda _on: self._update_ok())
        self.set_plan(plan, unsaved)

    # ------------------------------------------------------------------ content
    def set_plan(self, plan: Plan, unsaved: str | None = None) -> None:
        self.plan = plan
        self.unsaved.setVisible(bool(unsaved))
        if unsaved:
            self.unsaved_label.setText(f"{unsaved} has unsaved changes: they are not part of this commit "
                                       "(only what is saved on disk is published).")
        self.branch_label.setText(f"On branch {plan.branch}" if plan.branch else "HEAD is detached")
        # Posts the author unchecked stay unchecked when the list is read again (after Save First).
        unchecked = {self.posts.item(i).data(KeyRole) for i in range(self.posts.count())
                     if self.posts.item(i).checkState() == Qt.CheckState.Unchecked
                     and self.posts.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable}
        self.posts.blockSignals(True)
        self.posts.clear()
        for it in plan.items:
            item = QListWidgetItem(f"{it.title} — {it.state}")
            item.setData(KeyRole, it.key)
            item.setToolTip("\n".join(c.path for c in it.files))
            problem = it.error or ("resolve the conflict first" if it.state == "conflicted" else "")
            if problem:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setText(f"{it.title} — cannot be published")
                item.setToolTip(problem)
                item.setForeground(QColor("#cf222e"))
            else:
                item.setCheckState(Qt.CheckState.Unchecked if it.key in unchecked else Qt.CheckState.Checked)
            self.posts.addItem(item)
        self.posts.blockSignals(False)
        self.left_out.setVisible(bool(plan.left_out))
        self.left_out.setText("Not committed (outside the content folder): " + describe(plan.left_out))
        upstream = plan.repo.upstream_name() if plan.upstream else None
        self.push.setEnabled(upstream is not None)
        self.push.setChecked(upstream is not None)
        self.push.setText(f"Push after commit (to {upstream})" if upstream
                          else "Push after commit (this branch has no upstream)")
        if self.posts.count():
            self.posts.setCurrentRow(0)
            self._show_diff(self.posts.currentItem())
        self._selection_changed()

    def _show_diff(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self.diff.clear()
            return
        found = next((it for it in self.plan.items if it.key == item.data(KeyRole)), None)
        if found is None:
            return
        parts = []
        if found.error:
            parts.append(f"Not published: {found.error}\n")
        for change in found.files:
            try:
                parts.append(render(file_diff(self.plan.repo, change.path)))
            except OSError as exc:
                parts.append(f"{change.path}: {exc}")
        self.diff.setPlainText("\n\n".join(parts))

    def _selection_changed(self) -> None:
        if not self._message_edited:
            self.message.setText(default_message(self.selected_items()) if self.selected_items() else "")
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok.setText("Commit and Push" if self.push.isChecked() else "Commit")
        self.ok.setEnabled(bool(self.selected_keys()))

    # ------------------------------------------------------------------ answers
    def selected_keys(self) -> list[str]:
        return [self.posts.item(i).data(KeyRole) for i in range(self.posts.count())
                if self.posts.item(i).checkState() == Qt.CheckState.Checked]

    def selected_items(self):
        keys = set(self.selected_keys())
        return [it for it in self.plan.items if it.key in keys]

    def set_checked(self, key: str, on: bool) -> None:
        for i in range(self.posts.count()):
            if self.posts.item(i).data(KeyRole) == key:
                self.posts.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def save_first(self) -> None:
        """Save the open post, then list what is on disk now."""
        if self._save_first is None:
            return
        plan = self._save_first()
        if plan is not None:
            self.set_plan(plan, None)

    def choice(self) -> PublishChoice:
        return PublishChoice(self.selected_keys(), self.message.text().strip() or
                             default_message(self.selected_items()), self.push.isChecked())
