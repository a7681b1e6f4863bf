"""The window's sizes: first-start geometry, the default share of the panes, and restoring and saving them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QScrollArea

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow

FIRST_SIZE = 0.85   # of the available screen, on the first start


def first_geometry(screen: QRect, least: QSize) -> QRect:
    """~85 % of the available screen, centred (never below the window's minimum, never off the top-left)."""
    size = QSize(max(int(screen.width() * FIRST_SIZE), least.width()),
                 max(int(screen.height() * FIRST_SIZE), least.height()))
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(screen.center())
    rect.moveTopLeft(QPoint(max(rect.left(), screen.left()), max(rect.top(), screen.top())))
    return rect


class WindowLayout:
    """Geometry, dock state and splitter sizes of a main window, kept in its settings."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def restore(self) -> None:
        w = self.w
        geometry = w.settings.state("geometry")
        if geometry is None or not w.restoreGeometry(geometry):
            # First start: most of the screen, centred (the editor needs width to be useful).
            w.setGeometry(first_geometry(w.screen().availableGeometry(), w.minimumSizeHint()))
        state = w.settings.state("state")
        if state is not None:
            w.restoreState(state)
        splitter = w.settings.state("splitter")
        if splitter is not None:
            w.splitter.restoreState(splitter)
        else:
            # First run: share the width once the window has its real size.
            QTimer.singleShot(0, self.default_sizes)

    def default_sizes(self) -> None:
        w = self.w
        width = w.width()
        # The post browser: room for ~40 characters of title beside status and date, at most 30 % (the
        # editor and the preview need the rest).
        dock = min(max(260, w.post_list.wanted_width() + 16), int(width * 0.3))
        w.resizeDocks([w.post_dock], [dock], Qt.Orientation.Horizontal)
        # a strip of problems, not a third of the window
        w.resizeDocks([w.problems_dock], [max(90, w.height() // 8)], Qt.Orientation.Vertical)
        rest = max(0, width - dock - 24)
        needed = w.form.minimumSizeHint().width() + w.form_scroll.verticalScrollBar().sizeHint().width()
        form = max(needed, int(rest * 0.3))
        w.splitter.setSizes([form, (rest - form) // 2, (rest - form) // 2])

    def save(self) -> None:
        w = self.w
        w.settings.set_state("splitter", w.splitter.saveState())
        w.settings.set_state("geometry", w.saveGeometry())
        w.settings.set_state("state", w.saveState())


class FitWidth(QObject):
    """Keeps a scroll area at least as wide as its widget needs (fields appear and grow at run time,
    and the form never scrolls sideways): nothing in the form is ever clipped."""

    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self.scroll = scroll

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            needed = obj.minimumSizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width() + 2
            if needed > self.scroll.minimumWidth():
                self.scroll.setMinimumWidth(needed)
        return False
