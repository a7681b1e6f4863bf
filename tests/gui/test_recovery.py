"""Crash recovery for real: a child process types into the window and is SIGKILLed; the next start offers it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from editor.core.files import recovery
from tests.conftest import ROOT
from tests.gui.helpers import copy_seed, find, make_window

# The child: open the window on a post, type a title suffix in the form, then a word every 100 ms in
# the editor, printing each word after it was typed.
CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from editor.gui import application, open_window
from tests.gui.helpers import fake_render

window = open_window(sys.argv[1], render=fake_render)
app = application()
count = [0]

def type_word():
    i = count[0]
    count[0] += 1
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QTest.keyClicks(editor, f" typed{i:03d}")
    print(f"typed{i:03d}", flush=True)

def start():
    title = window.findChild(QLineEdit, "titleEdit")
    title.setFocus()
    title.end(False)
    QTest.keyClicks(title, " RECOVERED")
    print("title", flush=True)
    timer.start()

timer = QTimer()
timer.setInterval(100)
timer.timeout.connect(type_word)
QTimer.singleShot(500, start)
app.exec()
"""


def _run_and_kill(post, words_before_kill: int) -> tuple[list[str], str]:
    """Let the child type, wait until its journal on disk holds the words typed so far (the event the
    promise rests on, not a clock), SIGKILL it, and return the words typed and the word awaited."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(post)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    words: list[str] = []
    try:
        while len(words) < words_before_kill:
            line = child.stdout.readline()
            assert line, f"the child stopped after {words}"
            words.append(line.split()[0])
        awaited = words[-1]
        deadline = time.monotonic() + 60      # a bound for a broken journal, not a measurement
        while not ((entry := recovery.read(post)) and awaited in entry.text):
            assert time.monotonic() < deadline, f"the journal never held {awaited!r}"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        words += [line.split()[0] for line in child.stdout.read().splitlines() if line.strip()]
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    return words, awaited


def test_sigkill_while_typing_keeps_everything_the_journal_held(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    before = post.read_bytes()
    words, awaited = _run_and_kill(post, words_before_kill=12)
    assert words[0] == "title", words
    assert post.read_bytes() == before           # the post file itself was never written

    journals = recovery.entries()
    assert len(journals) == 1 and journals[0].post_path == str(post)
    text = journals[0].text
    must_have = words[:words.index(awaited) + 1]
    for word in must_have:
        assert (word if word != "title" else "Software RECOVERED") in text, word

    # The next start offers it: a visible bar, the action enabled; restoring gives text and fields back.
    window = make_window(qtbot, post)
    bar = window.safety.recovery_bar
    qtbot.waitUntil(bar.isVisible, timeout=10000)
    restore = find(window, QAction, "actionRestoreRecovery")
    assert restore.isEnabled()
    assert "recovered" in bar.label.text() and post.name in bar.label.text()
    for name in ("recoveryRestore", "recoveryCompare", "recoveryDiscard"):
        assert bar.buttons[name].isVisible() and bar.buttons[name].accessibleName(), name
    bar.buttons["recoveryCompare"].click()
    diff = window.safety.compare.text.toPlainText()
    assert (window.safety.compare.isVisible()
            and '+title: "IBM No Longer Offers General Purpose Facial Recognition Software RECOVERED"' in diff
            and must_have[-1] in diff)
    restore.trigger()
    editor = find(window, QPlainTextEdit, "markdownEditor")
    for word in must_have[1:]:
        assert word in editor.toPlainText()
    assert find(window, QLineEdit, "titleEdit").text().endswith("Software RECOVERED")
    assert window.document.dirty and window.isWindowModified()
    assert not restore.isEnabled() and not bar.isVisible()
    assert post.read_bytes() == before
    # Saving writes it and clears every journal.
    assert window.commands.save()
    assert "typed000" in post.read_text() and recovery.entries() == []


def test_journal_follows_edits_and_is_cleared_on_save_and_discard(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    window = make_window(qtbot, post)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "journaled words")
    qtbot.waitUntil(lambda: recovery.read(post) is not None, timeout=5000)
    assert recovery.read(post).text.endswith("journaled words")
    assert str(recovery.recovery_dir()).startswith(os.environ["XDG_DATA_HOME"])
    assert window.commands.save()
    assert recovery.read(post) is None
    qtbot.keyClicks(editor, " again")
    qtbot.waitUntil(lambda: recovery.read(post) is not None, timeout=5000)
    window.prompts.script(unsaved=lambda _name: "discard")
    assert window.commands.close_post()
    assert recovery.entries() == []


def test_discarding_recovered_text_and_other_posts_offered_at_start(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    other = copy_seed(tmp_path, "other.md")
    text = post.read_text()
    recovery.write(post, text + "\nlost paragraph\n", recovery.content_hash(post.read_bytes()))
    recovery.write(other, other.read_text() + "\nother lost\n", recovery.content_hash(other.read_bytes()))
    window = make_window(qtbot, post)
    bar = window.safety.recovery_bar
    qtbot.waitUntil(lambda: bar.isVisible() and "from" in bar.label.text(), timeout=10000)
    # Typing before deciding must not overwrite the recovered journal.
    editor = find(window, QPlainTextEdit, "markdownEditor")
    qtbot.keyClicks(editor, "new typing ")
    window.document.journal.flush()
    assert any(j.text.endswith("lost paragraph\n") for j in recovery.for_post(post))
    bar.buttons["recoveryDiscard"].click()
    assert not find(window, QAction, "actionRestoreRecovery").isEnabled()
    # The bar now offers the other post's recovered text instead.
    assert bar.buttons["recoveryOpen"].isVisible() and not bar.buttons["recoveryRestore"].isVisible()
    assert "other.md" in bar.label.text()
    assert not any("lost paragraph" in j.text for j in recovery.entries())
    window.close()   # discards "new typing" (the scripted prompts answer discard): its journal goes too
    assert [j.post_path for j in recovery.entries()] == [str(other)]
    # The other post's journal is offered once the window has started.
    window2 = make_window(qtbot, post)
    qtbot.waitUntil(lambda: window2.safety.recovery_bar.buttons["recoveryOpen"].isVisible(), timeout=10000)
    assert "other.md" in window2.safety.recovery_bar.label.text()
    window2.safety.recovery_bar.buttons["recoveryOpen"].click()
    qtbot.waitUntil(lambda: window2.document.path == str(other), timeout=5000)
    assert window2.document.recovered is not None
    window2.safety.restore_action.trigger()
    assert window2.editor.toPlainText().endswith("other lost\n") and window2.document.dirty
