"""Updates reach the preview page as messages over the web channel, never as a script per update
(each distinct script's source stays in the renderer's memory for good)."""
from __future__ import annotations

from tests.gui.helpers import copy_seed, make_window, wait_preview_contains


def test_updates_are_not_sent_as_scripts(qtbot, tmp_path):
    window = make_window(qtbot, copy_seed(tmp_path))
    with qtbot.waitSignal(window.preview.applied, timeout=20000):
        pass
    page = window.preview.page()
    sent: list[str] = []
    real = page.runJavaScript

    def spy(script, *args):
        sent.append(script)
        return real(script, *args)
    page.runJavaScript = spy
    for word in ("Firstnewword", "Secondnewword"):
        with qtbot.waitSignal(window.preview.applied, timeout=20000):
            window.editor.textCursor().insertText(f"\n\n{word} paragraph.\n\n")
    wait_preview_contains(qtbot, window, "Secondnewword")
    assert window.preview.updates >= 3
    assert not [s for s in sent if "Firstnewword" in s or "Secondnewword" in s or "hpePatch" in s]


def test_the_page_collects_its_garbage_once_the_author_pauses(qtbot, tmp_path):
    """Replaced nodes wait for a collection; the page asks for one 2 s after an update."""
    from tests.gui.helpers import js
    window = make_window(qtbot, copy_seed(tmp_path))
    with qtbot.waitSignal(window.preview.applied, timeout=20000):
        pass
    assert js(qtbot, window, "typeof window.gc") == "function"
    js(qtbot, window, "(window.hpeGcs = 0, window.gc = (function (real) {"
                      " return function () { window.hpeGcs += 1; return real(); }; })(window.gc), 0)")
    with qtbot.waitSignal(window.preview.applied, timeout=20000):
        window.editor.textCursor().insertText("\n\nOnenewword paragraph.\n\n")
    qtbot.waitUntil(lambda: js(qtbot, window, "window.hpeGcs") == 1, timeout=8000)
    qtbot.wait(2500)
    assert js(qtbot, window, "window.hpeGcs") == 1   # once per pause, not on a timer of its own
