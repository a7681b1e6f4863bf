"""Outline dock: the body's headings as a tree; click to jump, the current section follows the cursor."""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QDockWidget, QPlainTextEdit, QTreeWidget, QTreeWidgetItem

from editor.core.lint.bodylint import outside_fences
from editor.gui.feature_context import FeatureContext
from editor.gui.window.menus import VIEW

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ID = re.compile(r"\s*\{#[^}]*\}\s*$")
LINE_ROLE = Qt.ItemDataRole.UserRole


def headings(text: str) -> list[tuple[int, int, str]]:
    """(0-based line, level, title) of the ATX and setext headings outside fenced code."""
    out: list[tuple[int, int, str]] = []
    lines = text.split("\n")
    for i in outside_fences(lines):
        line = lines[i]
        m = _ATX.match(line)
        if m:
            out.append((i, len(m.group(1)), _ID.sub("", m.group(2) or "").strip()))
            continue
        s = _SETEXT.match(line)
        if s and i > 0 and lines[i - 1].strip() and not _ATX.match(lines[i - 1]) \
                and not (out and out[-1][0] == i - 1) and not lines[i - 1].startswith((" " * 4, "\t")):
            if s.group(1)[0] == "-" and re.match(r"^\s*([-*+]|\d+[.)])\s", lines[i - 1]):
                continue
            out.append((i - 1, 1 if s.group(1)[0] == "=" else 2, lines[i - 1].strip()))
    return out


class OutlineView(QTreeWidget):
    """The tree of headings; `refresh` rebuilds it from the editor's text (debounced by the dock)."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__()
        self.setObjectName("outlineTree")
        self.setAccessibleName("Outline")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.editor = editor
        self._lines: list[int] = []
        self._items: list[QTreeWidgetItem] = []
        self._signature: list[tuple[int, int, str]] | None = None
        self.itemClicked.connect(self._jump)
        self.itemActivated.connect(self._jump)

    def refresh(self) -> None:
        found = headings(self.editor.toPlainText())
        if found == self._signature:
            self.follow_cursor()
            return
        self._signature = found
        self.clear()
        self._lines, self._items = [], []
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for line, level, title in found:
            while parents and parents[-1][0] >= level:
                parents.pop()
            item = QTreeWidgetItem([title or "(untitled)"])
            item.setData(0, LINE_ROLE, line)
            item.setToolTip(0, f"line {line + 1}")
            (parents[-1][1].addChild(item) if parents else self.addTopLevelItem(item))
            parents.append((level, item))
            self._lines.append(line)
            self._items.append(item)
        self.expandAll()
        self.follow_cursor()

    def follow_cursor(self) -> None:
        """Select the heading of the section the cursor is in (without moving the cursor)."""
        line = self.editor.textCursor().blockNumber()
        i = bisect.bisect_right(self._lines, line) - 1
        self.blockSignals(True)
        if i >= 0:
            self.setCurrentItem(self._items[i])
            self.scrollToItem(self._items[i])
        else:
            self.clearSelection()
            self.setCurrentItem(None)
        self.blockSignals(False)

    def _jump(self, item: QTreeWidgetItem) -> None:
        block = self.editor.document().findBlockByNumber(int(item.data(0, LINE_ROLE)))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus()


def install_outline(ctx: FeatureContext) -> QDockWidget:
    """A left-hand dock with the outline (behind the post list), refreshed 300 ms after typing stops."""
    view = OutlineView(ctx.editor)
    dock = ctx.add_dock("Outline", "outlineDock", view, Qt.DockWidgetArea.LeftDockWidgetArea)
    ctx.parent.tabifyDockWidget(ctx.panes.post_dock, dock)
    ctx.panes.post_dock.raise_()
    timer = QTimer(dock)
    timer.setSingleShot(True)
    timer.setInterval(300)
    timer.timeout.connect(view.refresh)
    for signal in (ctx.document.bodyChanged, ctx.document.loaded, ctx.document.closed):
        signal.connect(timer.start)
    ctx.editor.cursorPositionChanged.connect(view.follow_cursor)
    toggle = dock.toggleViewAction()
    toggle.setObjectName("actionShowOutline")
    toggle.setShortcut(QKeySequence("Ctrl+Shift+T"))
    ctx.menus[VIEW].addAction(toggle)
    dock.view = view
    view.refresh()
    return dock

