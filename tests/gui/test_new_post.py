"""New Post from the window: the dialog's choices and preview, and the file made as `hugo new content` makes it."""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit

from editor.core.hugo import binary as hugo
from editor.gui.dialogs.new_post import NewPostDialog
from editor.services.posts.new_post import planned_path
from tests.gui.helpers import find, make_window
from tests.sitegen import make_site

ARCH = ('---\ntitle: "{{ replace .File.ContentBaseName "-" " " | title }}"\n'
        'date: {{ .Date }}\ndraft: true\ntags: []\n---\n')


def test_dialog_shows_the_file_and_refuses_a_taken_name(qtbot, tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "taken.md").write_text("---\ntitle: Taken\n---\n")
    dialog = NewPostDialog(str(content), ["", "notes", "posts"],
                           lambda s, t, b: planned_path(str(content), s, t, b))
    qtbot.addWidget(dialog)
    assert dialog.section_edit.currentText() == "posts" and not dialog.ok.isEnabled()
    for widget in (dialog.title_edit, dialog.section_edit, dialog.single, dialog.bundle, dialog.target, dialog.ok):
        assert widget.objectName() and widget.accessibleName()
    dialog.title_edit.setText("Café: Ünïcode & More!")
    assert dialog.target.text() == "posts/café-ünïcode-more.md" and dialog.ok.isEnabled()
    dialog.bundle.setChecked(True)
    assert dialog.target.text() == "posts/café-ünïcode-more/index.md"
    dialog.title_edit.setText("Taken")
    assert "already exists" in dialog.target.text() and not dialog.ok.isEnabled()
    dialog.single.setChecked(True)
    assert "already exists" in dialog.target.text()
    dialog.section_edit.setCurrentText("../outside")
    assert not dialog.ok.isEnabled()
    dialog.section_edit.setCurrentText("notes")
    dialog.title_edit.setText("Fine")
    c = dialog.choice()
    assert (c.section, c.title, c.bundle) == ("notes", "Fine", False) and dialog.ok.isEnabled()


@pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
def test_new_bundle_is_what_hugo_new_content_makes_then_opened_and_listed(qtbot, tmp_path):
    root = make_site(tmp_path / "a", {"posts/old.md": "---\ntitle: Old\ndate: 2020-01-01\n---\n"},
                     files={"archetypes/posts.md": ARCH})
    twin = make_site(tmp_path / "b", {}, files={"archetypes/posts.md": ARCH})
    window = make_window(qtbot, root)
    qtbot.waitUntil(lambda: window.post_model.rowCount() == 1, timeout=20000)
    window.prompts.script(new_post=lambda folder, *_: ("posts", "Hello World & Co", True))
    created = window.flows.new_post()
    target = root / "content" / "posts" / "hello-world-co" / "index.md"
    assert created == str(target) and window.document.path == str(target)
    out = hugo.run(["new", "content", "posts/hello-world-co/index.md"], cwd=twin)
    assert out.returncode == 0, out.stderr
    theirs = (twin / "content" / "posts" / "hello-world-co" / "index.md").read_text()
    ours = target.read_text()
    # Same archetype output, byte for byte, except the creation time and the exact title.
    normalise = [(r"date: \S+", "date: D"), (r'title: "[^"]*"', 'title: T')]
    for rx, repl in normalise:
        ours, theirs = re.sub(rx, repl, ours), re.sub(rx, repl, theirs)
    assert ours == theirs
    assert 'title: "Hello World & Co"' in target.read_text()
    assert find(window, QLineEdit, "titleEdit").text() == "Hello World & Co"
    assert find(window, QCheckBox, "draftCheck").isChecked()
    assert find(window, QLabel, "urlHint").text() == "URL: /posts/hello-world-co/"
    qtbot.waitUntil(lambda: window.post_model.row_for_path(str(target)) >= 0, timeout=20000)
    shutil.rmtree(twin)
