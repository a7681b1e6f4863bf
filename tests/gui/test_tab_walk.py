"""Keyboard-only authoring: Tab walks the whole window once, in order, and comes back; every stop is
visible; every form field has a mnemonic; the Dark theme greys disabled controls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from editor.gui.dialogs.preferences import PreferencesDialog, current, theme_palette
from tests.gui.helpers import make_window
from tests.sitegen import make_site

# The inputs a keyboard user must reach, in the order Tab reaches them.
# The quick filters are one exclusive group: Tab stops at the checked one, the arrow keys choose.
EXPECTED = ["postFilter", "postStatusAll", "postTagFilter", "postList",
            "draftCheck", "titleEdit", "slugEdit", "slugGenerate", "dateEdit", "publishDateEdit", "lastmodEdit",
            "expiryDateEdit", "tagsEdit", "categoriesEdit", "descriptionEdit", "markdownEditor", "preview"]


def name_of(widget: QWidget | None) -> str:
    while widget is not None and not widget.objectName():
        widget = widget.parentWidget()   # the web view's inner render widget has no name
    return widget.objectName() if widget is not None else ""


def test_tab_walks_every_input_once_and_returns_to_the_start(qtbot, tmp_path):
    root = make_site(tmp_path / "s", {"posts/a.md": "---\ntitle: A\ndate: 2024-01-01T10:00:00+01:00\n"
                                                    "tags: [x]\n---\nBody text.\n"})
    window = make_window(qtbot, root)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.document.is_open, timeout=10000)
    window.activateWindow()
    start = window.post_browser.search
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=3000)
    seen: list[str] = []
    for _ in range(80):
        widget = QApplication.focusWidget()
        name = name_of(widget)
        if seen and name == seen[0]:
            break
        seen.append(name)
        assert widget.isVisible() and not widget.visibleRegion().isEmpty(), f"{name} holds the focus unseen"
        if widget is window.editor:
            # Tab indents in the editor; Ctrl+Tab (or F6) moves on.
            QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+Tab"))
        else:
            QTest.keyClick(widget, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda w=widget: QApplication.focusWidget() is not w, timeout=3000)
    assert seen[0] == "postFilter" and name_of(QApplication.focusWidget()) == "postFilter", seen
    assert len(seen) == len(set(seen)), f"a stop held the focus twice: {seen}"
    assert [n for n in seen if n in EXPECTED] == EXPECTED, seen
    assert "formScroll" not in seen


def test_every_form_field_and_preference_has_a_mnemonic_with_a_buddy(qtbot, tmp_path):
    root = make_site(tmp_path / "s", {"posts/a.md": "---\ntitle: A\n---\nBody.\n"})
    window = make_window(qtbot, root)
    labels = {lab.buddy().objectName(): lab.text() for lab in window.form.findChildren(QLabel) if lab.buddy()}
    labels["draftCheck"] = window.form.draft_check.text()   # a check box carries its own mnemonic
    for name in ("draftCheck", "titleEdit", "slugEdit", "dateEdit", "publishDateEdit", "lastmodEdit",
                 "expiryDateEdit", "tagsEdit", "categoriesEdit", "descriptionEdit"):
        assert "&" in labels.get(name, ""), name
    letters = [t[t.index("&") + 1].lower() for t in labels.values()]
    menus = [a.text()[a.text().index("&") + 1].lower() for a in window.menuBar().actions() if "&" in a.text()]
    assert len(letters) == len(set(letters)) and not set(letters) & set(menus), (letters, menus)
    # Alt+letter jumps to the field.
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.document.is_open, timeout=10000)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor, timeout=3000)
    QTest.keySequence(window.windowHandle(), QKeySequence("Alt+X"))
    assert QApplication.focusWidget() is window.form.dates["expiryDate"].edit
    dialog = PreferencesDialog(current(window.settings), window)
    qtbot.addWidget(dialog)
    buddies = [lab for lab in dialog.findChildren(QLabel) if lab.buddy() is not None]
    assert len(buddies) == 8 and all("&" in lab.text() for lab in buddies)


def test_dark_theme_greys_disabled_controls(qtbot):
    p = theme_palette("dark")
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        active = p.color(QPalette.ColorGroup.Active, role)
        disabled = p.color(QPalette.ColorGroup.Disabled, role)
        assert abs(active.lightness() - disabled.lightness()) > 60, role
