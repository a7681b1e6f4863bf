"""Shared helpers for window tests: open a window, wait for the preview, run script in the page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtWidgets import QWidget

from editor.gui import open_window
from editor.gui.dialogs.prompts import DialogPrompts
from tests.conftest import SEED


def fake_render(text: str) -> str:
    """A deterministic stand-in for the renderer: the body as paragraphs, escaped."""
    import html
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def copy_seed(tmp_path: Path, name: str | None = None) -> Path:
    path = tmp_path / "site" / "content" / "posts" / (name or SEED.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, path)
    path.chmod(0o644)
    return path


class UnscriptedQuestion(AssertionError):
    """The app asked the author something the test did not script an answer for."""


class FakePrompts:
    """Scripted answers to the window's questions (editor.gui.dialogs.prompts.Prompts), recording each one asked.

    An answer is a value, or a callable taking the question's arguments. A question without an
    answer raises UnscriptedQuestion (also when asked inside a Qt slot, where pytest-qt fails the
    test with it) and is listed in `unscripted`: no test ever blocks on, or silently skips, a dialog.
    """

    QUESTIONS = ("unsaved", "revert", "overwrite_export", "overwrite_outside", "make_bundle", "fix_mojibake",
                 "open_file", "open_folder", "save_as_path", "new_post_folder", "new_post", "export",
                 "translation_language", "publish", "preferences", "about")

    def __init__(self, **answers) -> None:
        self.answers: dict = {}
        self.asked: list[tuple[str, tuple]] = []
        self.unscripted: list[str] = []
        self.script(**answers)

    def script(self, **answers) -> "FakePrompts":
        unknown = set(answers) - set(self.QUESTIONS)
        assert not unknown, f"no such question: {sorted(unknown)}"
        self.answers.update(answers)
        return self

    def names(self) -> list[str]:
        return [name for name, _args in self.asked]

    def _ask(self, name: str, *args):
        self.asked.append((name, args))
        if name not in self.answers:
            self.unscripted.append(name)
            raise UnscriptedQuestion(f"the app asked {name}{args!r}, which this test did not script")
        answer = self.answers[name]
        return answer(*args) if callable(answer) else answer


def _question(name: str):
    return lambda self, *args: self._ask(name, *args)


for _name in FakePrompts.QUESTIONS:
    setattr(FakePrompts, _name, _question(_name))


class RealDialogs(DialogPrompts):
    """The real dialogs for a test of one of them; only closing the window at the end of the test
    discards unsaved changes instead of asking in a modal box (which would block)."""

    def unsaved(self, name: str) -> str:
        return "discard"


def make_window(qtbot, path, render=fake_render, prompts=None):
    """A window on `path` whose questions go to `prompts` (default: a FakePrompts that discards
    unsaved changes, so closing at teardown never blocks; anything else must be scripted)."""
    prompts = FakePrompts(unsaved="discard") if prompts is None else prompts
    window = open_window(str(path) if path is not None else None, render=render, prompts=prompts)
    qtbot.addWidget(window)
    return window


def find(window, cls, name: str):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def js(qtbot, window, script: str, timeout: int = 5000):
    """The value of a script in the preview page (passed through JSON, so arrays come back intact)."""
    result: list = []
    window.preview.page().runJavaScript(f"JSON.stringify(({script}))", 0, lambda r: result.append(r))
    qtbot.waitUntil(lambda: bool(result), timeout=timeout)
    return json.loads(result[0]) if isinstance(result[0], str) else None


def preview_text(qtbot, window) -> str:
    return js(qtbot, window, "(document.getElementById('page') || {innerText: ''}).innerText") or ""


def wait_preview_contains(qtbot, window, text: str, timeout: int = 8000) -> None:
    qtbot.waitUntil(lambda: text in preview_text(qtbot, window), timeout=timeout)


def label_text(widget: QWidget) -> str:
    return widget.text()


def widen_post_list(qtbot, window, width: int = 700) -> None:
    """Give the post browser room beside the title, so optional columns (language, git) show."""
    from PySide6.QtCore import Qt
    window.resize(max(window.width(), 3 * width), window.height())
    qtbot.waitUntil(lambda: window.width() >= 3 * width, timeout=5000)
    window.resizeDocks([window.post_dock], [width], Qt.Orientation.Horizontal)


def page_text(qtbot, view) -> str:
    """The visible text of any web view's page (the site preview's, say)."""
    result: list = []
    view.page().runJavaScript("JSON.stringify(document.body ? document.body.innerText : '')", 0,
                              lambda r: result.append(r))
    qtbot.waitUntil(lambda: bool(result), timeout=10000)
    return json.loads(result[0]) if isinstance(result[0], str) else ""
