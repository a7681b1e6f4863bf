"""Writer's tools in the window: status bar figures, problems panel, mojibake repair, spelling menu."""

from __future__ import annotations

from PySide6.QtGui import QAction, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit

from editor.core import load, render_html
from editor.core.hugo import textstats
from editor.services.checks.spelling import personal_dictionary_path
from tests.gui.helpers import copy_seed, find, make_window


def test_status_bar_shows_hugo_word_count_reading_time_cursor_status_url(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path, render=None)      # the real renderer, as Hugo counts rendered text
    words, minutes = textstats.stats(render_html(load(path).content))
    label = find(window, QLabel, "wordCountLabel")
    assert label.accessibleName()
    qtbot.waitUntil(lambda: label.text() == f"{words:,} words", timeout=20000)
    assert find(window, QLabel, "readingTimeLabel").text() == f"{minutes} min read"
    assert find(window, QLabel, "postStatusLabel").text() == "published"
    url_label = find(window, QLabel, "postUrlLabel")
    url = "/posts/ibm-no-longer-offers-facial-recognition-software/"
    assert url_label.toolTip() == url
    shown = url_label.text()   # elided in the middle when it does not fit
    assert shown == url or (shown.startswith("/posts/") and "\u2026" in shown and shown.endswith("/"))
    editor = find(window, QPlainTextEdit, "markdownEditor")
    line = next(i for i, t in enumerate(editor.toPlainText().split("\n")) if i > 1 and len(t) > 10)
    block = editor.document().findBlockByNumber(line)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + 4)
    editor.setTextCursor(cursor)
    # File lines, as the Problems panel and `check` count them (the seed's body starts on line 12).
    assert find(window, QLabel, "cursorLabel").text() == f"Ln {line + window.document.post.body_line}, Col 5"
    assert window.document.post.body_line == 12
    # A thousand more words: the count follows the rendered text.
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText("\n\n" + " ".join(["word"] * 1000) + "\n")
    qtbot.waitUntil(lambda: label.text() == f"{words + 1000:,} words", timeout=20000)
    assert find(window, QLabel, "readingTimeLabel").text() == f"{(words + 1000 + 212) // 213} min read"
    window.actions.toggle_draft.trigger()
    qtbot.waitUntil(lambda: find(window, QLabel, "postStatusLabel").text() == "draft", timeout=5000)


def test_problems_panel_and_mojibake_fix(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    problems = find(window, QListWidget, "problemsList")
    qtbot.waitUntil(lambda: problems.count() == 1, timeout=20000)
    text = problems.item(0).text()
    assert text.startswith("line 19: mojibake 'â€“'") and "meant '–'" in text
    editor = find(window, QPlainTextEdit, "markdownEditor")
    problems.itemDoubleClicked.emit(problems.item(0))
    assert editor.textCursor().block().text().startswith(">Responsible technology policies â€“")
    assert editor.textCursor().positionInBlock() == editor.textCursor().block().text().index("â€“")
    # An undefined reference link typed into the body shows up with its line.
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText("\nSee [the docs][nowhere].\n")
    qtbot.waitUntil(lambda: problems.count() == 2, timeout=20000)
    assert "reference link [nowhere] is not defined" in problems.item(1).text()
    editor.undo()
    qtbot.waitUntil(lambda: problems.count() == 1, timeout=20000)

    shown: list[list[str]] = []
    window.prompts.script(fix_mojibake=lambda lines: shown.append(lines) or True)
    before = editor.toPlainText()
    find(window, QAction, "actionFixMojibake").trigger()
    assert len(shown) == 1 and "policies â€“ technology" in shown[0][0] and "policies – technology" in shown[0][0]
    assert "policies – technology" in editor.toPlainText() and "â€“" not in editor.toPlainText()
    assert window.document.post.content == editor.toPlainText()
    qtbot.waitUntil(lambda: problems.count() == 0, timeout=20000)
    editor.undo()                                # one step takes the repair back
    assert editor.toPlainText() == before
    # Declining changes nothing.
    window.prompts.script(fix_mojibake=lambda lines: False)
    find(window, QAction, "actionFixMojibake").trigger()
    assert editor.toPlainText() == before


def test_spelling_underlines_suggests_and_learns(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    path.write_text("---\ntitle: Spelling\n---\nThe transparancy of `transparancy` code.\n")
    window = make_window(qtbot, path)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    spell = window.spell.service
    qtbot.waitUntil(lambda: spell.is_ready, timeout=20000)
    block = editor.document().firstBlock()

    def underlined() -> list[tuple[int, int]]:
        return [(r.start, r.length) for r in block.layout().formats()
                if QTextCharFormat(r.format).underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline]
    qtbot.waitUntil(lambda: underlined() == [(4, 12)], timeout=10000)   # the prose word, not the code span
    cursor = QTextCursor(block)
    cursor.setPosition(6)
    point = editor.cursorRect(cursor).center()
    menu = editor.context_menu_at(point)
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "transparency"
    assert "Add “transparancy” to Dictionary" in texts
    menu.actions()[0].trigger()
    assert block.text() == "The transparency of `transparancy` code."
    qtbot.waitUntil(lambda: underlined() == [], timeout=10000)
    # Add to dictionary: the personal list in the user data folder; the underline goes.
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText("Hugoverse rocks.")
    last = editor.document().lastBlock()
    cursor = QTextCursor(last)
    cursor.setPosition(last.position() + 2)
    menu = editor.context_menu_at(editor.cursorRect(cursor).center())
    add = next(a for a in menu.actions() if a.objectName() == "actionAddToDictionary")
    add.trigger()
    assert "Hugoverse" in personal_dictionary_path().read_text().split()
    qtbot.waitUntil(lambda: not any(
        QTextCharFormat(r.format).underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
        for r in last.layout().formats()), timeout=10000)
    # Turning spell check off removes every underline.
    editor.insertPlainText(" Wrnog.")
    find(window, QAction, "actionSpellCheck").trigger()
    qtbot.waitUntil(lambda: not any(
        QTextCharFormat(r.format).underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
        for r in last.layout().formats()), timeout=10000)


def test_mojibake_changes_cover_body_and_front_matter():
    from editor.gui.writer.problems_panel import describe_changes, mojibake_changes
    body = "Intro.\n>policies â€“ technology\n"
    spans, fields = mojibake_changes(body, {"title": "CafÃ© notes", "tags": ["naÃ¯ve", "ok"], "draft": False})
    assert [(m.text, m.fixed) for m in spans] == [("â€“", "–")]
    assert fields == {"title": "Café notes", "tags": ["naïve", "ok"]}
    lines = describe_changes(body, spans, fields)
    assert lines[0] == "line 2: …>policies â€“ technology… → …>policies – technology…"
    assert lines[1:] == ["front matter title: → Café notes", "front matter tags: → ['naïve', 'ok']"]


def test_the_word_count_waits_for_a_pause_in_typing(qtbot, tmp_path):
    """Counting words holds the GIL in its thread: a post's first render is counted at once, the
    renders that follow each keystroke only once the preview has been quiet for a second."""
    window = make_window(qtbot, copy_seed(tmp_path))
    stats = window.writer_status._stats
    label = find(window, QLabel, "wordCountLabel")
    qtbot.waitUntil(lambda: stats.runs == 1 and bool(label.text()), timeout=20000)
    renders = window.preview_service.renders
    for word in ("one", "two", "three", "four"):
        with qtbot.waitSignal(window.preview_service.rendered, timeout=20000):
            window.editor.insertPlainText(f" {word}")
    assert window.preview_service.renders >= renders + 4
    assert stats.runs == 1                      # no count while the renders keep coming ...
    qtbot.waitUntil(lambda: stats.runs == 2, timeout=5000)   # ... one after the pause
    qtbot.wait(1500)
    assert stats.runs == 2


def test_the_word_count_follows_the_text_while_the_preview_is_hidden(qtbot, tmp_path):
    """Focus mode (or the site preview) hides the instant preview, which then is not kept up to date
    keystroke by keystroke; the word count, counted from the rendered text, still follows a pause."""
    window = make_window(qtbot, copy_seed(tmp_path))
    label = find(window, QLabel, "wordCountLabel")
    qtbot.waitUntil(lambda: bool(label.text()), timeout=20000)
    before = int(label.text().split()[0].replace(",", ""))
    window.actions.focus_mode.setChecked(True)
    qtbot.waitUntil(lambda: not window.preview.isVisible(), timeout=5000)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    for word in ("one", "two", "three"):
        window.editor.insertPlainText(f" {word}")
        qtbot.wait(50)
    qtbot.waitUntil(lambda: label.text() == f"{before + 3:,} words", timeout=10000)
    window.actions.focus_mode.setChecked(False)
    qtbot.waitUntil(lambda: window.preview.isVisible(), timeout=5000)
    window.editor.insertPlainText(" four")
    qtbot.waitUntil(lambda: label.text() == f"{before + 4:,} words", timeout=10000)
