"""What the editor area shows with no post open: New Post, Open, Open Folder, and the recent posts and sites."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)


def recent_label(path: str) -> str:
    """"name — folder" for a post, "folder/ (site or folder)" for a folder."""
    if os.path.isdir(path):
        return f"{os.path.basename(path.rstrip(os.sep)) or path}/ — {os.path.dirname(path.rstrip(os.sep))}"
    return f"{os.path.basename(path)} — {os.path.dirname(path)}"


class EmptyState(QWidget):
    """Buttons run the window's own actions; `openRequested(path)` asks the window to open a recent entry."""

    openRequested = Signal(str)

    def __init__(self, actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setAccessibleName("No post open")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QVBoxLayout()
        box.setSpacing(10)
        title = QLabel("<h2>No post open</h2>", self)
        title.setObjectName("emptyStateTitle")
        hint = QLabel("Pick a post in the list, start a new one, or open a file, folder or Hugo site.", self)
        hint.setObjectName("emptyStateHint")
        hint.setWordWrap(True)
        box.addWidget(title)
        box.addWidget(hint)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, action, text in (("emptyNewPost", actions.new_post, "&New Post…"),
                                   ("emptyOpen", actions.open, "&Open…"),
                                   ("emptyOpenFolder", actions.open_folder, "Open &Folder or Site…")):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            button.setToolTip(action.toolTip())
            button.setIcon(action.icon())
            button.clicked.connect(action.trigger)
            row.addWidget(button)
            self.buttons[name] = button
        row.addStretch(1)
        box.addLayout(row)
        self.recent_label = QLabel("&Recent posts and sites", self)
        self.recent_label.setObjectName("emptyRecentLabel")
        self.recent = QListWidget(self)
        self.recent.setObjectName("emptyRecentList")
        self.recent.setAccessibleName("Recent posts and sites")
        self.recent_label.setBuddy(self.recent)
        box.addWidget(self.recent_label)
        box.addWidget(self.recent)
        holder = QHBoxLayout()
        holder.addStretch(1)
        holder.addLayout(box, 4)
        holder.addStretch(1)
        outer.addLayout(holder)
        outer.addStretch(2)
        self.recent.itemActivated.connect(lambda item: self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole)))

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(recent_label(path))
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        rows = self.recent.sizeHintForRow(0) * len(paths) if paths else 0
        self.recent.setFixedHeight(min(260, rows + 2 * self.recent.frameWidth() + 4))   # no empty box below
        self.recent_label.setVisible(bool(paths))
