"""Hostile values and alias bombs in the window: the file opens as raw text with the error line marked."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from editor.gui.safety.raw_mode import marked_lines
from tests.core.test_attacks_parse import BOMB, HOSTILE
from tests.gui.helpers import find, make_window

CASES = {name: HOSTILE[name] for name in ("float-abc.md", "recursive-alias.md", "digits-json.md",
                                          "deep-toml.md", "deep-yaml.md")}
CASES["bomb.md"] = (BOMB, 8)   # a5: the first value that alone expands past the budget


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_opens_as_raw_text_with_the_line_marked(qtbot, tmp_path, name):
    text, line = CASES[name]
    path = tmp_path / name
    path.write_text(text)
    window = make_window(qtbot, path)
    raw_bar = window.safety.raw_bar
    qtbot.waitUntil(raw_bar.isVisible, timeout=10000)
    raw_bar.buttons["rawRepair"].click()
    editor = find(window, QPlainTextEdit, "markdownEditor")
    qtbot.waitUntil(lambda: window.document.raw is not None, timeout=10000)
    assert editor.toPlainText() == text and not window.form.isEnabled()
    assert window.document.raw.error.line == line
    assert marked_lines(editor) == [line]
    assert path.read_text() == text


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59",
                                  "0001-01-01T00:30:00+01:00"])
def test_dates_at_the_edges_of_time_open_and_save(qtbot, tmp_path, date):
    path = tmp_path / "edge.md"
    text = f"---\ntitle: Edge\ndate: {date}\ndraft: true\n---\nbody\n"
    path.write_text(text)
    window = make_window(qtbot, path)
    qtbot.waitUntil(lambda: window.document.is_open, timeout=10000)
    assert window.document.post["title"] == "Edge" and window.form.isEnabled()
    assert window.document.set_field("draft", False)
    assert window.commands.save()
    assert path.read_text() == text.replace("draft: true", "draft: false")


def test_post_browser_lists_hostile_posts_with_their_problem(qtbot, tmp_path):
    from tests.sitegen import make_site
    posts = {f"posts/{name}": text for name, (text, _) in CASES.items()}
    posts["posts/good.md"] = "---\ntitle: Good\ndate: 2020-01-01\n---\nbody\n"
    root = make_site(tmp_path, posts)
    window = make_window(qtbot, root)
    qtbot.waitUntil(lambda: window.post_model.rowCount() == len(posts), timeout=30000)
    assert window.post_model.counts()["problems"] == len(CASES)
    window.commands.open_post(str(root / "content" / "posts" / "bomb.md"))
    qtbot.waitUntil(window.safety.raw_bar.isVisible, timeout=10000)
    assert "alias" in window.safety.raw_bar.label.text()
