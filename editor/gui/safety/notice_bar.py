"""A non-modal bar with a message and a few buttons (recovery, outside changes, repair offers)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

COLOURS = {"warning": ("#fff4ce", "#e0c060", "#4d3800"), "info": ("#e5f1fb", "#8fb8de", "#0b3a62"),
           "error": ("#fde7e9", "#e5a0a8", "#6b0f1a")}


class NoticeBar(QFrame):
    """Message + buttons; hidden until `show_notice`. Buttons are named for tests and screen readers."""

    def __init__(self, name: str, accessible: str, kind: str = "warning", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        bg, border, fg = COLOURS[kind]
        self.setStyleSheet(f"QFrame#{name} {{ background: {bg}; border: 1px solid {border}; border-radius: 4px; }}"
                           f" QFrame#{name} QLabel {{ color: {fg}; }}")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel(self)
        self.label.setObjectName(name + "Text")
        self.label.setAccessibleName(accessible + " text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout.addWidget(self.label, 1)
        self.buttons: dict[str, QWidget] = {}
        close = QToolButton(self)
        close.setObjectName(name + "Close")
        close.setAccessibleName("Dismiss")
        close.setText("\u2715")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        self._close = close
        self._layout.addWidget(close)
        self.hide()

    def add_button(self, name: str, text: str, accessible: str, slot=None, action: QAction | None = None) -> QWidget:
        if action is not None:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        else:
            button = QPushButton(text, self)
            button.clicked.connect(slot)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        self._layout.insertWidget(self._layout.count() - 1, button)
        self.buttons[name] = button
        return button

    def show_notice(self, text: str, buttons: tuple[str, ...] | None = None) -> None:
        """Show `text` with only the named buttons (all when None)."""
        self.label.setText(text)
        for name, button in self.buttons.items():
            button.setVisible(buttons is None or name in buttons)
        self.show()
