"""Keyboard moves between the window's panes: post list → form → editor → preview (F6, Ctrl+Tab, Alt+1…4)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from editor.gui.feature_context import FeatureContext

POST_LIST, FORM, EDITOR, PREVIEW = range(4)


class Panes:
    """Which pane holds the focus, and moving it; hidden panes (a closed dock, focus mode) are skipped."""

    def __init__(self, ctx: FeatureContext, site_view: Callable[[], QWidget | None] = lambda: None) -> None:
        self.ctx = ctx
        self.site_view = site_view   # shown instead of the instant preview while the site preview is on
        self.skip_hidden: SkipHiddenStops | None = None
        a = ctx.actions
        a.next_pane.triggered.connect(lambda: self.cycle(1))
        a.previous_pane.triggered.connect(lambda: self.cycle(-1))
        for action, pane in ((a.focus_post_list, POST_LIST), (a.focus_form, FORM),
                             (a.focus_editor, EDITOR), (a.focus_preview, PREVIEW)):
            action.triggered.connect(lambda _checked=False, p=pane: self.focus(p, show=True))

    def containers(self) -> list[QWidget]:
        c, panes = self.ctx, self.ctx.panes
        preview = c.preview.parentWidget() if c.preview.parentWidget() is not panes.splitter else c.preview
        return [panes.post_dock, panes.form_scroll, c.editor, preview]

    def targets(self) -> list[QWidget]:
        """The widget that takes the focus in each pane."""
        c, site = self.ctx, self.site_view()
        preview = site if site is not None and site.isVisible() else c.preview
        return [c.post_browser.view, c.form.title_edit, c.editor, preview]

    def current(self) -> int:
        widget = QApplication.focusWidget()
        for i, box in enumerate(self.containers()):
            if widget is not None and (widget is box or box.isAncestorOf(widget)):
                return i
        return -1

    def available(self, pane: int) -> bool:
        target = self.targets()[pane]
        return target.isVisible() and target.isEnabled()

    def focus(self, pane: int, show: bool = False) -> bool:
        dock = self.ctx.panes.post_dock
        if show and pane == POST_LIST and not dock.isVisible():
            dock.show()
        if pane == POST_LIST:
            dock.raise_()
        if not self.available(pane):
            return False
        self.targets()[pane].setFocus()
        return True

    def cycle(self, step: int) -> None:
        start = self.current()
        pane = start if start >= 0 else (EDITOR if step > 0 else POST_LIST)
        for _ in range(4):
            pane = (pane + step) % 4
            if self.focus(pane):
                return


class SkipHiddenStops(QObject):
    """Tab never rests on a widget nobody can see: a dock behind another dock's tab keeps its widgets
    "visible" but moved out of the window, so Tab would vanish into it."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        QApplication.instance().focusChanged.connect(self.focus_changed)

    @Slot(QWidget, QWidget)
    def focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        try:
            if new is None or new.window() is not self.window or not new.visibleRegion().isEmpty():
                return
        except RuntimeError:
            return   # the window is being torn down
        backward = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        QTimer.singleShot(0, self, lambda: self._move_on(new, not backward))

    def _move_on(self, widget: QWidget, forward: bool) -> None:
        if QApplication.focusWidget() is widget:
            self.window.focusNextPrevChild(forward)


def install_panes(ctx: FeatureContext, site_view: Callable[[], QWidget | None] = lambda: None) -> Panes:
    panes = Panes(ctx, site_view)
    panes.skip_hidden = SkipHiddenStops(ctx.parent)
    return panes
