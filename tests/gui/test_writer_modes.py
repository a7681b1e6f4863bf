"""Writer's tools in the window: focus mode, typewriter scrolling, preferences, image paste and drop into bundles."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QAction, QColor, QFont, QImage
from PySide6.QtWidgets import QApplication, QDockWidget, QPlainTextEdit

from editor.services.settings import Settings
from tests.gui.helpers import copy_seed, find, make_window


def test_focus_mode_and_typewriter(qtbot, tmp_path):
    window = make_window(qtbot, copy_seed(tmp_path))
    editor = find(window, QPlainTextEdit, "markdownEditor")
    window.resize(1300, 800)
    # Narrower than any screen the test may get in full screen (offscreen's is 800 px wide).
    window.settings.set_value("editor/focusWidth", 400)
    qtbot.waitUntil(lambda: window.form_scroll.isVisible(), timeout=10000)
    docks = [d for d in window.findChildren(QDockWidget) if d.isVisible()]
    assert docks
    find(window, QAction, "actionFocusMode").trigger()
    qtbot.waitUntil(lambda: not window.form_scroll.isVisible(), timeout=10000)
    assert not window.preview.isVisible() and not window.menuBar().isVisible()
    assert not any(d.isVisible() for d in docks)
    qtbot.waitUntil(lambda: editor.viewportMargins().left() > 0, timeout=10000)
    assert editor.viewportMargins().left() == editor.viewportMargins().right()
    assert editor.viewport().width() <= 400 + 2
    find(window, QAction, "actionFocusMode").trigger()
    qtbot.waitUntil(lambda: window.form_scroll.isVisible() and window.preview.isVisible(), timeout=10000)
    assert all(d.isVisible() for d in docks) and window.menuBar().isVisible()
    assert editor.viewportMargins().left() == 0

    find(window, QAction, "actionTypewriter").trigger()
    assert editor.typewriter and editor.centerOnScroll()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("\n".join(f"line {i}" for i in range(300)))
    qtbot.waitUntil(lambda: abs(editor.cursorRect().center().y() - editor.viewport().height() / 2)
                    < editor.fontMetrics().height() * 2, timeout=5000)
    assert Settings().value("editor/typewriter", False, bool)


def test_preferences_are_applied_and_persisted(qtbot, tmp_path):
    window = make_window(qtbot, copy_seed(tmp_path))
    editor = find(window, QPlainTextEdit, "markdownEditor")
    asked = []

    def answer(current):
        asked.append(current)
        return {**current, "font_family": "DejaVu Sans Mono", "font_size": 15.0, "width": 600,
                "theme": "dark", "spell_language": "de", "image_width": 800, "remote_content": True}
    window.prompts.script(preferences=answer)
    original_palette = QApplication.palette()
    try:
        check_preferences(qtbot, window, editor, asked)
    finally:
        QApplication.setPalette(original_palette)   # the palette is process-wide: leave it as found


def check_preferences(qtbot, window, editor, asked):
    prefs = window.preferences
    find(window, QAction, "actionPreferences").trigger()
    assert asked and asked[0]["remote_content"] is False and asked[0]["image_width"] == 1600
    assert editor.font().pointSizeF() == 15.0
    assert editor.column_width == 600
    qtbot.waitUntil(lambda: window.palette().color(window.palette().ColorRole.Base).lightness() < 128,
                    timeout=5000)
    assert editor.highlighter.dark
    qtbot.waitUntil(lambda: window.spell.service.language == "de", timeout=5000)
    stored = Settings()
    assert stored.remote_content() is True
    assert stored.value("preview/remoteContent", False, bool) is True
    assert window.preview_glue.remote_content is True   # the open preview follows at once, not after a restart
    assert stored.value("images/maxWidth", 0, int) == 800
    assert stored.value("editor/fontSize", 0.0, float) == 15.0
    # The dialog itself carries named, accessible controls.
    from editor.gui.dialogs.preferences import PreferencesDialog, current
    dialog = PreferencesDialog(current(stored))
    qtbot.addWidget(dialog)
    for name in ("fontCombo", "fontSizeSpin", "editorWidthSpin", "themeCombo", "spellLanguageCombo",
                 "imageWidthSpin", "remoteContentCheck"):
        widget = dialog.findChild(object, name)
        assert widget is not None and widget.accessibleName(), name
    assert dialog.values()["width"] == 600 and dialog.values()["theme"] == "dark"
    prefs.apply({**current(stored), "theme": "system"})
    qtbot.waitUntil(lambda: window.palette().color(window.palette().ColorRole.Base) != QColor("#0d1117"),
                    timeout=5000)
    assert isinstance(editor.font(), QFont)


def test_pasted_and_dropped_images_go_into_the_bundle(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    window.settings.set_value("images/maxWidth", 500)
    asked = []
    window.prompts.script(make_bundle=lambda old, new: asked.append((old, new)) or True)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    image = QImage(1200, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    mime = QMimeData()
    mime.setImageData(image)
    assert editor.canInsertFromMimeData(mime)
    editor.insertFromMimeData(mime)
    bundle = path.parent / path.stem
    assert asked == [(str(path), str(bundle / "index.md"))]
    assert not path.exists() and (bundle / "index.md").is_file()
    assert window.document.path == str(bundle / "index.md")
    assert editor.toPlainText().rstrip().endswith("![image](image.png)")
    with Image.open(bundle / "image.png") as saved:
        assert saved.size == (500, 125)
    # A dropped file keeps a safe form of its name; a second image does not overwrite the first.
    photo = tmp_path / "My Holiday Photo.JPG"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (0, 128, 0)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    drop = QMimeData()
    drop.setUrls([QUrl.fromLocalFile(str(photo))])
    editor.insertFromMimeData(drop)
    assert (bundle / "my-holiday-photo.jpg").is_file()
    assert "![My Holiday Photo](my-holiday-photo.jpg)" in editor.toPlainText()
    image.fill(QColor("blue"))
    mime2 = QMimeData()
    mime2.setImageData(image)
    editor.insertFromMimeData(mime2)
    assert (bundle / "image-2.png").is_file()
    assert len(asked) == 1     # already a bundle: no second question
    # The saved post is the bundle's index.md, with the links.
    assert window.commands.save()
    assert "![image](image.png)" in (bundle / "index.md").read_text()
