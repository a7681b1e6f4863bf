"""A non-modal message strip above the panes, for errors the core reports (never a modal box)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

STYLES = {"error": ("#fde7e9", "#e5a0a8", "#6b0f1a"), "info": ("#e6f4ea", "#9ccfa9", "#0d4a1f")}


class MessageBar(QFrame):
    """A non-modal message above the panes (errors from the core, e.g. an edit it refused)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName("Message")
        self.set_kind("error")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel(self)
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setObjectName("messageClose")
        close.setAccessibleName("Dismiss message")
        close.setText("\u2715")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        """kind: "error" (red) or "info" (green: a result, such as a commit pushed)."""
        self.set_kind(kind)
        self.label.setText(text)
        self.show()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        background, border, color = STYLES.get(kind, STYLES["error"])
        self.setStyleSheet(f"QFrame#messageBar {{ background: {background}; border: 1px solid {border};"
                           f" border-radius: 4px; }} QFrame#messageBar QLabel {{ color: {color}; }}")
