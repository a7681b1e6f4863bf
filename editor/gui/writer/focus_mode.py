"""Focus mode (only the text, in a centred column, full screen) and typewriter scrolling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from editor.gui.feature_context import FeatureContext
from editor.gui.window.menus import VIEW

DEFAULT_FOCUS_WIDTH = 760   # pixels: about 75 characters of a 10.5 pt monospace font


class FocusMode:
    """Hides docks, toolbars, the form, the preview and the menu bar; restores exactly what was shown."""

    def __init__(self, ctx: FeatureContext, panes: tuple[QWidget, ...] = ()) -> None:
        self.ctx = ctx
        self.panes = panes   # the window's panes beside the editor (form, preview), hidden too
        window = ctx.parent
        self._hidden: list = []
        self._was_full_screen = False
        self.active = False
        a = ctx.actions
        a.focus_mode.toggled.connect(self.set_active)
        a.typewriter.toggled.connect(self.set_typewriter)
        typewriter = ctx.settings.value("editor/typewriter", False, bool)
        a.typewriter.setChecked(typewriter)
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape.setEnabled(False)
        self.escape.activated.connect(lambda: a.focus_mode.setChecked(False))
        # The menu bar is hidden in focus mode: keep the toggle reachable by its shortcut.
        window.addAction(a.focus_mode)

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        self.active = on
        w, ctx = self.ctx.parent, self.ctx
        if on:
            widgets = [*w.findChildren(QDockWidget), *w.findChildren(QToolBar), w.menuBar(), w.statusBar(),
                       *self.panes]
            self._hidden = [x for x in widgets if x.isVisible() and x.parent() is not None]
            for x in self._hidden:
                x.hide()
            width = ctx.settings.value("editor/focusWidth", DEFAULT_FOCUS_WIDTH, int)
            ctx.editor.set_column_width(width)
            self._was_full_screen = w.isFullScreen()
            if not self._was_full_screen:
                w.showFullScreen()
            ctx.editor.setFocus()
        else:
            for x in self._hidden:
                x.show()
            self._hidden = []
            ctx.editor.set_column_width(ctx.settings.value("editor/width", 0, int))
            if not self._was_full_screen:
                w.showNormal()
        self.escape.setEnabled(on)
        if ctx.actions.focus_mode.isChecked() != on:
            ctx.actions.focus_mode.setChecked(on)

    def set_typewriter(self, on: bool) -> None:
        self.ctx.editor.set_typewriter(on)
        self.ctx.settings.set_value("editor/typewriter", on)


def install_focus_mode(ctx: FeatureContext, panes: tuple[QWidget, ...] = ()) -> FocusMode:
    mode = FocusMode(ctx, panes)
    view = ctx.menus[VIEW]
    view.addSeparator()
    view.addAction(ctx.actions.focus_mode)
    view.addAction(ctx.actions.typewriter)
    return mode
