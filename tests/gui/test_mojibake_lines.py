"""The Fix Mojibake dialog and the Problems panel name the same file lines."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidget

from tests.gui.helpers import copy_seed, find, make_window


def _line(text: str) -> int:
    return int(re.match(r"line (\d+):", text).group(1))


def test_dialog_and_problems_panel_give_the_same_file_line(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    problems = find(window, QListWidget, "problemsList")
    qtbot.waitUntil(lambda: problems.count() == 1, timeout=20000)
    panel_line = _line(problems.item(0).text())
    file_lines = path.read_text(encoding="utf-8").split("\n")
    assert "â€“" in file_lines[panel_line - 1]
    shown: list[list[str]] = []
    window.prompts.script(fix_mojibake=lambda lines: shown.append(lines) or False)
    find(window, QAction, "actionFixMojibake").trigger()
    assert [_line(t) for t in shown[0]] == [panel_line]


def test_front_matter_repairs_name_the_key_line(qtbot, tmp_path):
    path = tmp_path / "p.md"
    path.write_text("---\ndraft: false\ntitle: CafÃ© notes\n---\n\nIntro.\n\nnaÃ¯ve\n", encoding="utf-8")
    window = make_window(qtbot, path)
    shown: list[list[str]] = []
    window.prompts.script(fix_mojibake=lambda lines: shown.append(lines) or False)
    find(window, QAction, "actionFixMojibake").trigger()
    assert [_line(t) for t in shown[0]] == [8, 3]
