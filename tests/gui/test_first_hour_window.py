"""A new author's first hour in the window: the list, the size, new posts, the empty state, recent files,
panes by keyboard, driven by real clicks and keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHeaderView, QMenu

from editor.gui.window.layout import first_geometry
from tests.gui.helpers import make_window
from tests.sitegen import make_site

LONG = "A Post Stating Something Rather Long About Writing Front Matter in TOML by Hand"


def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", {
        "posts/one.md": f"---\ntitle: \"{LONG}\"\ndate: 2024-01-03\n---\nFirst body.\n",
        "posts/two.md": "---\ntitle: Two\ndate: 2024-01-02\n---\nSecond body.\n",
        "longer-section-name/three.md": "---\ntitle: Three\ndate: 2024-01-01\nslug: Has Space\n---\nThird.\n",
    })


def ready(qtbot, window, rows: int = 3):
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.post_list.model().rowCount() == rows, timeout=10000)
    qtbot.waitUntil(lambda: window.document.is_open, timeout=5000)
    window.activateWindow()


def click_row(qtbot, window, title: str) -> None:
    view = window.post_list
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 0).data() == title)
    rect = view.visualRect(view.model().index(row, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def test_one_click_opens_a_post_asking_about_unsaved_changes_first(qtbot, tmp_path):
    root = site(tmp_path)
    window = make_window(qtbot, root)
    ready(qtbot, window)
    assert window.document.path.endswith("one.md")
    click_row(qtbot, window, "Two")
    qtbot.waitUntil(lambda: window.document.path.endswith("two.md"), timeout=3000)
    window.editor.setFocus()
    QTest.keyClicks(window.editor, "unsaved words ")
    asked = []
    window.prompts.script(unsaved=lambda _name: asked.append(1) or "cancel")
    click_row(qtbot, window, LONG)
    assert asked and window.document.path.endswith("two.md")
    assert window.post_list.path_at(window.post_list.currentIndex().row()).endswith("two.md")
    window.prompts.script(unsaved=lambda _name: asked.append(2) or "discard")
    click_row(qtbot, window, LONG)
    qtbot.waitUntil(lambda: window.document.path.endswith("one.md"), timeout=3000)
    assert asked == [1, 2]


def test_arrow_keys_and_enter_open_and_tab_leaves_the_list(qtbot, tmp_path):
    root = site(tmp_path)
    window = make_window(qtbot, root)
    ready(qtbot, window)
    view = window.post_list
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=3000)
    QTest.keyClick(view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.document.path.endswith("two.md"), timeout=3000)
    QTest.keyClick(view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.document.path.endswith("three.md"), timeout=3000)
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.path.endswith("two.md"), timeout=3000)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view and not view.isAncestorOf(QApplication.focusWidget())


def test_the_list_is_readable(qtbot, tmp_path):
    root = site(tmp_path)
    window = make_window(qtbot, root)
    ready(qtbot, window)
    window.resize(1600, 1000)
    qtbot.wait(100)
    window.window_layout.default_sizes()   # first-start layout, real screen size (offscreen: 800×800)
    view = window.post_list
    qtbot.waitUntil(lambda: view.columnWidth(0) >= 40 * view.fontMetrics().averageCharWidth(), timeout=3000)
    header = view.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    metrics = view.fontMetrics()
    assert view.columnWidth(0) >= 40 * metrics.averageCharWidth()    # the title keeps ~40 characters
    # Two sections: the Section column shows where there is room beside 40 characters of title, and gives way
    # (before the status) where there is not.
    window.resizeDocks([window.post_dock], [900], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: not view.isColumnHidden(3), timeout=3000)
    assert view.columnWidth(0) >= 40 * metrics.averageCharWidth()
    assert view.columnWidth(3) >= metrics.horizontalAdvance("longer-section-name")   # sections fit their names
    window.resizeDocks([window.post_dock], [330], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: view.isColumnHidden(3), timeout=3000)
    assert not view.isColumnHidden(2)
    first = view.model().index(next(r for r in range(3) if view.model().index(r, 0).data() == LONG), 0)
    assert LONG in first.data(Qt.ItemDataRole.ToolTipRole)
    warned = view.model().index(next(r for r in range(3) if view.model().index(r, 0).data() == "Three"), 0)
    assert warned.data(Qt.ItemDataRole.DecorationRole) is not None   # the ⚠ marker…
    assert "Warning:" in warned.data(Qt.ItemDataRole.AccessibleTextRole)   # …said in words


def test_first_start_fills_most_of_the_screen_then_the_layout_is_restored(qtbot, tmp_path):
    root = site(tmp_path)
    window = make_window(qtbot, root)
    ready(qtbot, window)
    # The offscreen screen (800×800) is smaller than the window's minimum: the rule is checked on a real size.
    screen = window.screen().availableGeometry()
    assert window.height() == int(0.85 * screen.height()) and window.width() >= int(0.85 * screen.width())
    assert first_geometry(QRect(0, 0, 1600, 1000), QSize(900, 600)) == QRect(120, 75, 1360, 850)
    assert first_geometry(QRect(0, 28, 1024, 672), QSize(900, 600)) == QRect(62, 64, 900, 600)
    window.resize(window.width(), 700)
    first_dock, first_sizes = window.post_dock.width(), window.splitter.sizes()
    window.resizeDocks([window.post_dock], [first_dock - 40], Qt.Orientation.Horizontal)
    window.splitter.setSizes([first_sizes[0] + 30, first_sizes[1] - 15, first_sizes[2] - 15])
    qtbot.wait(50)
    sizes, dock = window.splitter.sizes(), window.post_dock.width()
    assert dock != first_dock   # (the splitter is at its minimum sizes on the small offscreen screen)
    window.close()
    again = make_window(qtbot, root)
    ready(qtbot, again)
    # Not the first-start 680: the saved height (the width is clamped by the 800-px offscreen screen).
    assert again.height() == 700
    qtbot.waitUntil(lambda: abs(again.post_dock.width() - dock) <= 2, timeout=2000)
    assert again.splitter.sizes() == sizes


def test_new_post_puts_the_focus_in_the_title_and_enter_moves_to_the_body(qtbot, tmp_path):
    root = site(tmp_path)
    window = make_window(qtbot, root)
    ready(qtbot, window)
    window.prompts.script(new_post=lambda folder, *_: ("posts", "Fresh Start", False))
    QTest.keySequence(window.windowHandle(), QKeySequence(QKeySequence.StandardKey.New))
    qtbot.waitUntil(lambda: window.document.path.endswith("fresh-start.md"), timeout=20000)
    title = window.form.title_edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title, timeout=3000)
    assert title.selectedText() == title.text() == "Fresh Start"
    QTest.keyClicks(title, "A Better Title")
    QTest.keyClick(title, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.editor
    assert window.document.post.get("title") == "A Better Title"


def test_start_focus_is_in_the_editor(qtbot, tmp_path):
    window = make_window(qtbot, site(tmp_path))
    ready(qtbot, window)
    try:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor, timeout=3000)
    except Exception:
        w = QApplication.focusWidget()
        chain = []
        while w is not None:
            chain.append(f"{type(w).__name__}:{w.objectName()}")
            w = w.parentWidget()
        raise AssertionError(f"focus: {chain}")


def test_empty_state_offers_the_next_step_and_post_actions_are_off(qtbot, tmp_path):
    root = site(tmp_path)
    window = make_window(qtbot, root)
    ready(qtbot, window)
    assert window.actions.save.isEnabled() and window.actions.site_preview.isEnabled()
    QTest.keySequence(window.windowHandle(), QKeySequence(QKeySequence.StandardKey.Close))
    qtbot.waitUntil(lambda: not window.document.is_open, timeout=3000)
    empty = window.empty_state
    assert empty.isVisible() and not window.editor.isVisible() and not window.form.isVisible()
    for name in ("actionSave", "actionSaveAs", "actionExport", "actionSitePreview", "actionBold", "actionFind",
                 "actionToggleDraft", "actionRevert"):
        assert not window.actions[name].isEnabled(), name
    for name in ("emptyNewPost", "emptyOpen", "emptyOpenFolder"):
        assert empty.buttons[name].isVisible() and empty.buttons[name].accessibleName()
    recent = [empty.recent.item(i).data(Qt.ItemDataRole.UserRole) for i in range(empty.recent.count())]
    assert any(p.endswith("one.md") for p in recent)
    # A recent post opens from the empty state with the keyboard.
    empty.recent.setFocus()
    empty.recent.setCurrentRow(next(i for i, p in enumerate(recent) if p.endswith("one.md")))
    QTest.keyClick(empty.recent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.is_open and window.document.path.endswith("one.md"), timeout=3000)
    assert window.editor.isVisible() and window.actions.save.isEnabled()


def test_open_recent_lists_the_last_posts_and_sites_across_starts(qtbot, tmp_path):
    root = site(tmp_path)
    window = make_window(qtbot, root)
    ready(qtbot, window)
    click_row(qtbot, window, "Two")
    qtbot.waitUntil(lambda: window.document.path.endswith("two.md"), timeout=3000)
    window.close()
    again = make_window(qtbot, root)
    ready(qtbot, again)
    menu = again.findChild(QMenu, "menuOpenRecent")
    assert menu is not None and menu.menuAction() in again.menuBar().actions()[0].menu().actions()
    menu.aboutToShow.emit()
    paths = [a.data() for a in menu.actions() if a.data()]
    assert paths[0].endswith("one.md") and any(p.endswith("two.md") for p in paths)
    assert str(root.resolve()) in paths and len(paths) <= 10
    next(a for a in menu.actions() if (a.data() or "").endswith("two.md")).trigger()
    qtbot.waitUntil(lambda: again.document.path.endswith("two.md"), timeout=3000)


def test_panes_by_keyboard(qtbot, tmp_path):
    window = make_window(qtbot, site(tmp_path))
    ready(qtbot, window)
    window.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor, timeout=3000)

    def focused_pane() -> int:
        return window.panes.current()

    handle = window.windowHandle()
    QTest.keySequence(handle, QKeySequence("Ctrl+Tab"))
    assert focused_pane() == 3                      # editor → preview
    QTest.keySequence(handle, QKeySequence("F6"))
    assert focused_pane() == 0                      # preview → post list
    QTest.keySequence(handle, QKeySequence("F6"))
    assert QApplication.focusWidget() is window.form.title_edit
    QTest.keySequence(handle, QKeySequence("Ctrl+Shift+Tab"))
    assert focused_pane() == 0
    QTest.keySequence(handle, QKeySequence("Shift+F6"))
    assert focused_pane() == 3
    for keys, pane in (("Alt+1", 0), ("Alt+2", 1), ("Alt+3", 2), ("Alt+4", 3)):
        QTest.keySequence(handle, QKeySequence(keys))
        assert focused_pane() == pane, keys
    # Tab in the editor still indents.
    QTest.keySequence(handle, QKeySequence("Alt+3"))
    before = window.editor.toPlainText()
    QTest.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.toPlainText() != before and "\t" in window.editor.toPlainText()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert {"actionNextPane", "actionPreviousPane", "actionFocusPostList", "actionFocusForm", "actionFocusEditor",
            "actionFocusPreview"} <= {a.objectName() for a in view_menu.actions()}
