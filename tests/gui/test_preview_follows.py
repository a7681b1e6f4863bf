"""The preview follows the writing: blocks carry their source line; the block being typed stays in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.core.render.incremental import IncrementalRenderer
from tests.gui.helpers import js, make_window, wait_preview_contains


def test_blocks_know_their_source_lines():
    text = "# Head\n\nPara one\nline two.\n\n[ref]: http://x.y\n\n- a\n- b\n\n<div>raw</div>\n\n> quote\n"
    result = IncrementalRenderer().render(text)
    starts = [c.line + r - 1 for c in result.chunks for r in c.blocks]
    assert starts == [1, 3, 8, 13]    # heading, paragraph, list, quote: the definition and omitted HTML make nothing


def test_typing_at_the_end_of_a_long_post_keeps_it_in_view(qtbot, tmp_path):
    path = tmp_path / "long.md"
    paras = "\n\n".join(f"Paragraph {i} " + "with a fair amount of text to wrap " * 6 for i in range(150))
    path.write_text("---\ntitle: Long\ndate: 2024-01-01\n---\n" + paras + "\n")
    window = make_window(qtbot, path, render=None)   # the real worker: it sends the block lines
    qtbot.waitExposed(window)
    wait_preview_contains(qtbot, window, "Paragraph 149", timeout=20000)
    # Every paragraph of the page carries its source line.
    marked = js(qtbot, window, "document.querySelectorAll('#content p[data-line]').length")
    assert marked == 150
    assert js(qtbot, window, "Number(Array.from(document.querySelectorAll('#content p')).pop()"
                             ".getAttribute('data-line'))") == 1 + 149 * 2
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor, timeout=3000)
    QTest.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window.editor, Qt.Key.Key_Return)
    QTest.keyClick(window.editor, Qt.Key.Key_Return)
    QTest.keyClicks(window.editor, "Freshly typed closing words")
    wait_preview_contains(qtbot, window, "Freshly typed closing words", timeout=10000)

    def shown() -> bool:
        box = js(qtbot, window, "(function(){var p=Array.from(document.querySelectorAll('#content p')).pop();"
                                "var r=p.getBoundingClientRect();return {top:r.top+window.scrollY,"
                                "bottom:r.bottom+window.scrollY,y:window.scrollY,h:window.innerHeight,"
                                "text:p.textContent};})()")
        return "Freshly typed" in box["text"] and box["top"] >= box["y"] and box["bottom"] <= box["y"] + box["h"]
    qtbot.waitUntil(shown, timeout=8000)
    assert js(qtbot, window, "window.scrollY") > 1000


def test_a_resized_preview_scrolls_back_to_the_editors_line(qtbot, tmp_path):
    """A narrower or shorter view moves every line of the page: the preview finds the editor's top
    line again (it kept the old pixel offset, showing another part of the post)."""
    from PySide6.QtWidgets import QPlainTextEdit, QSplitter

    from tests.gui.helpers import find
    path = tmp_path / "long.md"
    path.write_text("---\ntitle: Long\n---\n" + "\n\n".join(
        f"Paragraph {i} " + "with words to wrap at any width " * 5 for i in range(120)) + "\n")
    window = make_window(qtbot, path, render=None)
    window.resize(1400, 900)
    qtbot.waitExposed(window)
    wait_preview_contains(qtbot, window, "Paragraph 119", timeout=20000)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("Paragraph 80 "))
    editor.setTextCursor(cursor)

    def synced() -> bool:
        want = min(js(qtbot, window, "document.documentElement.scrollHeight - window.innerHeight"),
                   js(qtbot, window, f"hpeLineTop({window.preview_glue.top_line()})"))
        return abs(js(qtbot, window, "window.scrollY") - want) <= 2
    qtbot.waitUntil(lambda: js(qtbot, window, "window.scrollY") > 1000 and synced(), timeout=10000)
    before = js(qtbot, window, "window.scrollY")
    width = js(qtbot, window, "window.innerWidth")
    # The splitter handle dragged toward the preview: it gets narrower (its paragraphs wrap into more
    # lines, every line moves down the page).
    splitter, pane = window.preview, window.preview
    while not isinstance(splitter, QSplitter):
        pane, splitter = splitter, splitter.parentWidget()
    sizes = splitter.sizes()
    i = splitter.indexOf(pane)
    sizes[i - 1] += sizes[i] // 2
    sizes[i] -= sizes[i] // 2
    splitter.setSizes(sizes)
    qtbot.waitUntil(lambda: js(qtbot, window, "window.innerWidth") < width * 0.7, timeout=5000)
    qtbot.waitUntil(synced, timeout=5000)            # the preview shows the editor's top line again
    assert js(qtbot, window, "window.scrollY") != before
