"""The live preview in the window: patched in place (no reload), scroll kept and synced, worker lifetime."""

from __future__ import annotations

import os
import re

from PySide6.QtWidgets import QPlainTextEdit

from tests.gui.helpers import find, js, make_window, preview_text, wait_preview_contains


def _long_post(tmp_path, sections: int = 60):
    post = tmp_path / "content" / "posts" / "long.md"
    post.parent.mkdir(parents=True)
    body = "\n\n".join(f"## Section {i}\n\n" + "\n\n".join(f"Paragraph {i}.{k} of the long post." for k in range(4))
                       for i in range(sections))
    post.write_text("---\ntitle: Long\n---\n" + body + "\n")
    return post


def _section(text: str) -> int:
    """The section number in "## Section 12", "Section 12" or "Paragraph 12.3 of…"."""
    return int(re.search(r"(?:Section|Paragraph) (\d+)", text).group(1))


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(") ")[1][0] == "Z"


def test_typing_patches_the_page_without_reloading_it(qtbot, tmp_path):
    window = make_window(qtbot, _long_post(tmp_path), render=None)    # the real renderer, in its worker
    window.resize(1200, 700)
    wait_preview_contains(qtbot, window, "Paragraph 59.3")
    assert window.preview.loads == 1
    chunks = js(qtbot, window, "document.querySelectorAll('#content > .hpe-chunk').length")
    assert chunks > 10
    # Mark the page and the first chunk: a reload or a whole-page swap would lose both marks.
    js(qtbot, window, "(window.hpeMark = 'kept', document.querySelector('.hpe-chunk').hpeMark = 'same', 1)")
    editor = find(window, QPlainTextEdit, "markdownEditor")
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("Paragraph 30.1") + len("Paragraph 30.1"))
    editor.setTextCursor(cursor)          # scrolls the editor, and the preview follows ...
    qtbot.waitUntil(lambda: abs(js(qtbot, window, f"window.scrollY - hpeLineTop({window.preview_glue.top_line()})"))
                    <= 2, timeout=10000)   # read again on each try: a render still arriving may move the line
    js(qtbot, window, "window.scrollTo(0, 2500) || 1")     # ... then the author scrolls the preview
    top = window.preview_glue.top_line()
    renders = window.preview_service.renders
    qtbot.keyClicks(editor, " typed here")
    wait_preview_contains(qtbot, window, "Paragraph 30.1 typed here")
    assert window.preview_service.renders > renders
    assert window.preview.loads == 1
    assert js(qtbot, window, "window.hpeMark") == "kept"
    assert js(qtbot, window, "document.querySelector('.hpe-chunk').hpeMark") == "same"
    assert js(qtbot, window, "document.querySelectorAll('#content > .hpe-chunk').length") == chunks
    # The author scrolled the preview away, then typed: the preview brings the typed block into view
    # (the preview follows the writing), by patching, not reloading (checked above).
    del top
    in_view = ("(function(){var p=Array.from(document.querySelectorAll('#content p'))"
               ".find(e => e.textContent.indexOf('typed here') >= 0); var r=p.getBoundingClientRect();"
               "return r.top >= 0 && r.bottom <= window.innerHeight;})()")
    qtbot.waitUntil(lambda: js(qtbot, window, in_view), timeout=8000)
    # Headings keep unique ids across chunks; the text is the whole document once.
    ids = js(qtbot, window, "Array.from(document.querySelectorAll('#content h2')).map(h => h.id)")
    assert len(ids) == 60 and len(set(ids)) == 60
    assert preview_text(qtbot, window).count("of the long post.") == 240


def test_preview_follows_the_editors_top_line(qtbot, tmp_path):
    window = make_window(qtbot, _long_post(tmp_path), render=None)
    window.resize(1200, 700)
    wait_preview_contains(qtbot, window, "Paragraph 59.3")
    editor = find(window, QPlainTextEdit, "markdownEditor")
    bar = editor.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    line = window.preview_glue.top_line()
    assert line > 100
    # The line's place is read again on each try: a render still arriving may move it, and the
    # preview must then follow it there (the glue scrolls again after a pending render).
    qtbot.waitUntil(lambda: abs(js(qtbot, window, f"window.scrollY - hpeLineTop({line})")) <= 2, timeout=10000)
    # The section at the top of the preview is the one at the top of the editor.
    block = editor.document().findBlockByNumber(line - 1)
    while not block.text().strip():
        block = block.next()
    top_text = js(qtbot, window, "Array.from(document.querySelectorAll('#content h2, #content p')).find("
                                 "e => e.getBoundingClientRect().bottom > 0).textContent")
    assert abs(_section(top_text) - _section(block.text())) <= 1, (top_text, block.text())
    bar.setValue(0)
    qtbot.waitUntil(lambda: js(qtbot, window, "window.scrollY") == 0, timeout=10000)


def test_site_markup_settings_reach_the_renderer(qtbot, tmp_path):
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text("[markup.goldmark.extensions.typographer]\ndisable = true\n")
    post = site / "content" / "posts" / "p.md"
    post.write_text('---\ntitle: T\n---\nSay "hi" <b>bold</b>.\n')
    window = make_window(qtbot, post, render=None)
    wait_preview_contains(qtbot, window, 'Say "hi"')      # typographer off: straight quotes
    assert js(qtbot, window, "document.querySelectorAll('#content b').length") == 0   # unsafe off


def test_closing_the_window_stops_the_worker(qtbot, tmp_path):
    window = make_window(qtbot, _long_post(tmp_path, 3), render=None)
    wait_preview_contains(qtbot, window, "Paragraph 2.3")
    pid = window.preview_service.worker.pid
    assert pid and not _gone(pid)
    window.close()
    qtbot.waitUntil(lambda: _gone(pid), timeout=10000)


def test_a_hidden_preview_is_not_rendered_until_shown(qtbot, tmp_path):
    window = make_window(qtbot, _long_post(tmp_path, 3), render=None)
    wait_preview_contains(qtbot, window, "Paragraph 2.3")
    qtbot.waitUntil(lambda: not window.preview_service.pending, timeout=10000)
    renders = window.preview_service.renders
    window.preview.hide()
    editor = find(window, QPlainTextEdit, "markdownEditor")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "Typed while hidden")
    assert window.preview_service.renders == renders and window.preview_service.pending
    window.preview.show()
    wait_preview_contains(qtbot, window, "Typed while hidden")
    assert window.preview_service.renders == renders + 1     # one render for all the keys typed
