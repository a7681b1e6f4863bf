"""Undo, Redo, Cut, Copy, Paste and Select All from the Edit menu, applied to whichever field has the focus."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from editor.gui.feature_context import FeatureContext

StdKey = QKeySequence.StandardKey
# The editor lets these reach the window's actions (one path for menu and keyboard); line edits keep
# their own handling, and the actions' slots act on them too when chosen from the menu.
WINDOW_KEYS = (StdKey.Undo, StdKey.Redo, StdKey.Cut, StdKey.Copy, StdKey.Paste, StdKey.SelectAll)


def leaves_to_window(event: QEvent) -> bool:
    """True for a ShortcutOverride of a key the window's Edit actions handle (the editor declines it)."""
    return event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and \
        any(event.matches(k) for k in WINDOW_KEYS)


def _is_web_view(widget: QWidget) -> bool:
    web = sys.modules.get("PySide6.QtWebEngineWidgets")   # not loaded yet: no web view exists
    return web is not None and isinstance(widget, web.QWebEngineView)


def _target(window) -> QWidget | None:
    widget = QApplication.focusWidget()
    while widget is not None and widget is not window:
        if _is_web_view(widget) or hasattr(widget, "selectAll"):
            return widget
        widget = widget.parentWidget()
    return None


def apply(ctx: FeatureContext, what: str) -> None:
    """Run `what` (undo, redo, cut, copy, paste, selectAll) on the focused field; undo/redo default to the editor."""
    target = _target(ctx.parent)
    if target is not None and _is_web_view(target):
        if what in ("copy", "selectAll"):   # what a page does of the six
            from PySide6.QtWebEngineCore import QWebEnginePage
            web = {"copy": QWebEnginePage.WebAction.Copy, "selectAll": QWebEnginePage.WebAction.SelectAll}
            target.page().triggerAction(web[what])
        return
    if target is None and what in ("undo", "redo"):
        target = ctx.editor
    method = getattr(target, what, None) if target is not None else None
    if callable(method):
        method()


class EditActions(QObject):
    """Connects the six actions; its slots die with the window (the application's focus signal outlives it)."""

    def __init__(self, ctx: FeatureContext) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        a = ctx.actions
        ctx.editor.undoAvailable.connect(self.refresh)
        ctx.editor.redoAvailable.connect(self.refresh)
        QApplication.instance().focusChanged.connect(self.refresh)
        for action, what in ((a.undo, "undo"), (a.redo, "redo"), (a.cut, "cut"), (a.copy, "copy"),
                             (a.paste, "paste"), (a.select_all, "selectAll")):
            action.triggered.connect(lambda _checked=False, w=what: apply(ctx, w))
        self.refresh()

    @Slot()
    def refresh(self, *_args) -> None:
        """Undo/Redo say what the focused field can do: a line edit's own history, else the editor's."""
        try:
            ctx = self.ctx
            target = _target(ctx.parent)
            a = ctx.actions
            if isinstance(target, QLineEdit):
                self._follow(target)
                a.undo.setEnabled(target.isUndoAvailable())
                a.redo.setEnabled(target.isRedoAvailable())
            else:
                doc = ctx.editor.document()
                a.undo.setEnabled(doc.isUndoAvailable())
                a.redo.setEnabled(doc.isRedoAvailable())
        except RuntimeError:
            pass   # the window is being torn down: focus moves while its children are deleted

    def _follow(self, edit: QLineEdit) -> None:
        """Watch a line edit's text from its first focus on: cheaper at start-up than walking every
        child of the window, and it covers fields made later too."""
        mark = f"hpeEditActions{id(self)}"   # per window: another window's actions may follow it too
        if not edit.property(mark):
            edit.setProperty(mark, True)
            edit.textChanged.connect(self.refresh)


def install_edit_actions(ctx: FeatureContext) -> EditActions:
    return EditActions(ctx)
