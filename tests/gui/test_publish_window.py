"""Publishing in the window: git states in the list, Publish… (Ctrl+Shift+U), scripted answers, Update from Remote."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit

from editor.gui.publishing.dialog import PublishChoice
from tests.gitsites import (POST, git, git_isolated, other_author_pushes, site_repo,  # noqa: F401
                            snapshot)
from tests.gui.helpers import find, make_window, widen_post_list

pytestmark = pytest.mark.usefixtures("git_isolated")
ALPHA = "content/posts/alpha.md"


def _open(qtbot, root, post=ALPHA, prompts=None):
    window = make_window(qtbot, root / post, prompts=prompts)
    qtbot.waitUntil(lambda: window.post_model.rowCount() >= 3 and window.post_model.in_repository,
                    timeout=20000)
    return window


def _message(window) -> str:
    return window.message_bar.label.text() if window.message_bar.isVisible() else ""


def _type_at_end(qtbot, window, text: str) -> QPlainTextEdit:
    editor = find(window, QPlainTextEdit, "markdownEditor")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)
    return editor


def test_post_list_shows_git_states_and_filters_changed(qtbot, tmp_path):
    root, _, _ = site_repo(tmp_path)
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="Edited."))
    (root / "content/posts/gamma.md").write_text(POST.format(title="Gamma", n=5, body="New."))
    (root / "content/posts/bundle/cover.png").write_bytes(b"changed resource")
    window = _open(qtbot, root)
    model, browser = window.post_model, window.post_browser
    qtbot.waitUntil(lambda: model.rowCount() == 4 and model.counts()["changed"] == 3, timeout=20000)
    states = {os.path.relpath(r.path, root): model.git_state(r.path) for r in model.rows()}
    assert states == {"content/posts/alpha.md": "unchanged", "content/posts/beta.md": "modified",
                      "content/posts/gamma.md": "new", "content/posts/bundle/index.md": "modified"}
    tips = [browser.proxy.index(r, 0).data(Qt.ItemDataRole.ToolTipRole) for r in range(browser.proxy.rowCount())]
    assert any("beta.md" in tip and "git: modified" in tip for tip in tips)   # even while the column hides
    widen_post_list(qtbot, window)
    qtbot.waitUntil(lambda: not browser.view.isColumnHidden(model.GIT_COLUMN), timeout=5000)
    assert browser.status_buttons["changed"].isVisible() and browser.status_buttons["changed"].text() == "Changed 3"
    browser.set_status("changed")
    shown = sorted(os.path.basename(browser.view.path_at(r)) for r in range(browser.proxy.rowCount()))
    assert shown == ["beta.md", "gamma.md", "index.md"]
    # Saving a post makes it "modified" in the list.
    _type_at_end(qtbot, window, " more")
    assert window.commands.save()
    qtbot.waitUntil(lambda: model.git_state(str(root / ALPHA)) == "modified", timeout=20000)
    qtbot.waitUntil(lambda: browser.proxy.rowCount() == 4, timeout=5000)


def test_no_git_column_outside_a_repository(qtbot, tmp_path):
    root, _, _ = site_repo(tmp_path, remote=False)
    import shutil
    shutil.rmtree(root / ".git")
    window = make_window(qtbot, root / ALPHA)
    qtbot.waitUntil(lambda: window.post_model.rowCount() == 3, timeout=20000)
    with qtbot.waitSignal(window.publishing.service.statesChanged, timeout=20000) as states:
        window.publishing.service.refresh_states()
    assert states.args == [None]
    browser = window.post_browser
    assert not window.post_model.in_repository
    assert browser.view.isColumnHidden(window.post_model.GIT_COLUMN)
    assert not browser.status_buttons["changed"].isVisible()
    window.actions.publish.trigger()
    assert "Cannot publish:" in _message(window) and "not in a git repository" in _message(window)


def test_publish_by_shortcut_pushes_in_the_background_while_the_author_writes(qtbot, tmp_path):
    root, bare, _ = site_repo(tmp_path)
    release = tmp_path / "release-push"
    hook = root / ".git/hooks/pre-push"   # holds the push until the test has typed
    hook.write_text(f"#!/bin/sh\ni=0\nwhile [ ! -e '{release}' ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    (root / "content/posts/gamma.md").write_text(POST.format(title="Gamma", n=5, body="New post."))
    (root / "hugo.toml").write_text("baseURL = 'https://changed.example/'\n")
    window = _open(qtbot, root)
    asked = []

    def choose(plan, unsaved, save_first):
        asked.append((sorted(it.key for it in plan.items), plan.left_out, unsaved))
        return PublishChoice([it.key for it in plan.items], "Publish: Gamma", True)

    window.prompts.script(publish=choose)
    window.activateWindow()
    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+Shift+U"))
    assert asked == [(["content/posts/gamma.md"], ["hugo.toml"], None)]
    progress = window.publishing.progress
    qtbot.waitUntil(lambda: window.publishing.progress_label.text().startswith("Pushing to origin/main"),
                    timeout=20000)
    assert progress.isVisible() and not window.actions.publish.isEnabled()
    editor = _type_at_end(qtbot, window, " typed while pushing")   # the window is not blocked
    assert editor.toPlainText().endswith("typed while pushing")
    release.write_text("go")
    qtbot.waitUntil(lambda: "pushed to origin/main" in _message(window), timeout=30000)
    assert _message(window).startswith("Published ") and "Not committed: hugo.toml" in _message(window)
    assert window.message_bar.kind == "info" and not progress.isVisible() and window.actions.publish.isEnabled()
    assert git(bare, "log", "-1", "--format=%s", "main").strip() == "Publish: Gamma"
    assert git(bare, "show", "--name-only", "--format=", "main").split() == ["content/posts/gamma.md"]
    assert " M hugo.toml" in git(root, "status", "--porcelain=v1")
    qtbot.waitUntil(lambda: window.post_model.git_state(str(root / "content/posts/gamma.md")) == "unchanged",
                    timeout=20000)


def test_unsaved_changes_are_never_committed_and_can_be_saved_first(qtbot, tmp_path):
    root, _, _ = site_repo(tmp_path)
    window = _open(qtbot, root)
    _type_at_end(qtbot, window, " UNSAVED")
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="Edited."))
    seen = []
    window.prompts.script(publish=lambda plan, unsaved, save_first: (
        seen.append((unsaved, [it.key for it in plan.items])) or PublishChoice([it.key for it in plan.items],
                                                                             "first", False)))
    window.actions.publish.trigger()
    assert seen == [(str(root / ALPHA), ["content/posts/beta.md"])]   # warned; alpha not offered
    qtbot.waitUntil(lambda: _message(window).startswith("Published "), timeout=20000)
    assert "UNSAVED" not in git(root, "show", f"HEAD:{ALPHA}") and window.document.dirty
    # Now the author takes the offer to save first: the saved text is what is committed.

    def save_then_choose(plan, unsaved, save_first):
        fresh = save_first()
        seen.append((unsaved, [it.key for it in fresh.items]))
        return PublishChoice([it.key for it in fresh.items], "second", False)

    window.prompts.script(publish=save_then_choose)
    window.actions.publish.trigger()
    assert seen[-1] == (str(root / ALPHA), [ALPHA]) and not window.document.dirty
    qtbot.waitUntil(lambda: "second" in _message(window), timeout=20000)
    assert "UNSAVED" in git(root, "show", f"HEAD:{ALPHA}")


def test_push_rejected_shows_why_and_keeps_the_commit(qtbot, tmp_path):
    root, bare, other = site_repo(tmp_path)
    other_author_pushes(other, "content/posts/other.md", POST.format(title="Other", n=6, body="theirs"))
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="mine"))
    window = _open(qtbot, root)
    window.prompts.script(publish=lambda plan, unsaved, save_first: PublishChoice(
        [it.key for it in plan.items], "Publish: Beta", True))
    window.actions.publish.trigger()
    qtbot.waitUntil(lambda: "Push failed" in _message(window), timeout=20000)
    assert "the remote has new commits: pull first" in _message(window) and window.message_bar.kind == "error"
    assert git(root, "log", "-1", "--format=%s").strip() == "Publish: Beta"
    assert git(bare, "log", "-1", "--format=%s", "main").strip() == "other author"
    # Update from Remote puts the kept commit on top; Publish then pushes it (nothing new to commit).
    window.actions.sync.trigger()
    qtbot.waitUntil(lambda: "1 local commit(s) not pushed yet" in _message(window), timeout=20000)
    window.actions.publish.trigger()
    qtbot.waitUntil(lambda: "pushed 1 earlier commit(s) to origin/main" in _message(window), timeout=20000)
    assert git(bare, "log", "-2", "--format=%s", "main").splitlines() == ["Publish: Beta", "other author"]


def test_publish_refuses_a_detached_head_and_cancel_commits_nothing(qtbot, tmp_path):
    root, _, _ = site_repo(tmp_path)
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="mine"))
    window = _open(qtbot, root)
    before = snapshot(root)
    window.prompts.script(publish=lambda plan, unsaved, save_first: None)
    window.actions.publish.trigger()
    window.publishing.service.wait()
    assert snapshot(root) == before
    git(root, "checkout", "-q", "--detach")
    window.prompts.script(publish=lambda plan, unsaved, save_first: PublishChoice(
        [it.key for it in plan.items], "x", False))
    window.actions.publish.trigger()
    assert _message(window).startswith("Cannot publish: HEAD is detached")


def test_conflicted_posts_are_marked_and_a_merge_in_progress_is_refused(qtbot, tmp_path):
    root, _, other = site_repo(tmp_path)
    other_author_pushes(other, ALPHA, POST.format(title="Alpha", n=1, body="theirs"))
    (root / ALPHA).write_text(POST.format(title="Alpha", n=1, body="mine"))
    git(root, "commit", "-q", "-am", "mine")
    git(root, "pull", "-q", "--no-rebase", check=False)   # stops on the conflict
    window = _open(qtbot, root, "content/posts/beta.md")
    qtbot.waitUntil(lambda: window.post_model.git_state(str(root / ALPHA)) == "conflicted", timeout=20000)
    before = snapshot(root)
    asked = []
    window.prompts.script(publish=lambda *args: asked.append(args))
    window.actions.publish.trigger()
    assert _message(window).startswith("Cannot publish: a merge is in progress") and not asked
    window.actions.sync.trigger()
    qtbot.waitUntil(lambda: "Not updated: a merge is in progress" in _message(window), timeout=20000)
    assert snapshot(root) == before


def test_update_from_remote_refuses_while_dirty_then_reloads_the_open_post(qtbot, tmp_path):
    root, _, other = site_repo(tmp_path)
    other_author_pushes(other, ALPHA, POST.format(title="Alpha", n=1, body="Rewritten by the other author."))
    window = _open(qtbot, root)
    editor = _type_at_end(qtbot, window, " mine")
    head = git(root, "rev-parse", "HEAD")
    window.actions.sync.trigger()
    assert "Save or revert the open post" in _message(window)
    window.publishing.service.wait()
    assert git(root, "rev-parse", "HEAD") == head
    window.prompts.script(revert=True)
    window.commands.revert()
    assert not window.document.dirty
    window.actions.sync.trigger()
    qtbot.waitUntil(lambda: "Updated from origin/main" in _message(window), timeout=20000)
    qtbot.waitUntil(lambda: "Rewritten by the other author." in editor.toPlainText(), timeout=20000)
    assert not window.document.dirty


def test_update_from_remote_conflict_names_the_files_and_changes_nothing(qtbot, tmp_path):
    root, _, other = site_repo(tmp_path)
    other_author_pushes(other, ALPHA, POST.format(title="Alpha", n=1, body="theirs"))
    (root / ALPHA).write_text(POST.format(title="Alpha", n=1, body="mine"))
    git(root, "commit", "-q", "-am", "mine")
    window = _open(qtbot, root)
    before = snapshot(root)
    window.actions.sync.trigger()
    qtbot.waitUntil(lambda: "Not updated" in _message(window), timeout=20000)
    assert ALPHA in _message(window) and "nothing was changed" in _message(window)
    assert snapshot(root) == before and "mine" in find(window, QPlainTextEdit, "markdownEditor").toPlainText()


def test_menu_holds_both_actions(qtbot, tmp_path):
    root, _, _ = site_repo(tmp_path)
    window = _open(qtbot, root)
    menu = window.publishing.menu
    assert menu.title() == "&Git"
    assert [a.objectName() for a in menu.actions()] == ["actionPublish", "actionSync"]
    assert window.actions.publish.text() == "&Publish…" and window.actions.sync.text() == "&Update from Remote"
    assert window.actions.publish.shortcut().toString() == "Ctrl+Shift+U"


def test_publish_from_a_bare_content_folder_repository(qtbot, tmp_path):
    """The bundled content/ turned into a repository: edit the seed post, publish it in the window."""
    import shutil

    from tests.conftest import ROOT
    from tests.gitsites import identify
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    git(content, "init", "-q")
    identify(content)
    git(content, "add", "-A")
    git(content, "commit", "-q", "-m", "initial")
    seed = next(content.glob("posts/ibm-*.md"))
    window = make_window(qtbot, seed)
    qtbot.waitUntil(lambda: window.post_model.rowCount() > 1 and window.post_model.in_repository, timeout=20000)
    _type_at_end(qtbot, window, " A line added in the editor.")
    assert window.commands.save()
    qtbot.waitUntil(lambda: window.post_model.git_state(str(seed)) == "modified", timeout=20000)
    choices = []
    window.prompts.script(publish=lambda plan, unsaved, save_first: choices.append(plan) or PublishChoice(
        [it.key for it in plan.items], "", False))
    window.actions.publish.trigger()
    qtbot.waitUntil(lambda: _message(window).startswith("Published "), timeout=20000)
    title = choices[0].items[0].title
    assert git(content, "log", "-1", "--format=%s").strip() == f"Publish: {title}"
    assert git(content, "status", "--porcelain=v1") == ""
    assert "A line added in the editor." in git(content, "show", f"HEAD:posts/{seed.name}")


def test_the_real_dialog_is_what_publish_asks_by_default(qtbot, tmp_path, monkeypatch):
    """No script: the Publish dialog itself is built (accepted here without showing it modally)."""
    from editor.gui.publishing.dialog import PublishDialog
    from tests.gui.helpers import RealDialogs
    root, bare, _ = site_repo(tmp_path)
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="Edited."))
    window = _open(qtbot, root, prompts=RealDialogs())
    _type_at_end(qtbot, window, " unsaved")
    shown = []

    def accept(dialog):
        shown.append((dialog.unsaved_label.text(), dialog.message.text(), dialog.push.isChecked()))
        return 1   # QDialog.Accepted

    monkeypatch.setattr(PublishDialog, "exec", accept)
    window.actions.publish.trigger()
    assert shown == [("alpha.md has unsaved changes: they are not part of this commit (only what is saved on "
                      "disk is published).", "Publish: Beta", True)]
    qtbot.waitUntil(lambda: "pushed to origin/main" in _message(window), timeout=20000)
    assert git(bare, "log", "-1", "--format=%s", "main").strip() == "Publish: Beta"
