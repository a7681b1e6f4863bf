"""The Publish dialog on its own (never exec'd): checkboxes, labelled diffs, the message, push, the unsaved warning."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.core.git import publish
from editor.core.hugo.site import open_site
from editor.gui.publishing.dialog import PublishDialog
from tests.gitsites import POST, git, git_isolated, site_repo  # noqa: F401

pytestmark = pytest.mark.usefixtures("git_isolated")


def _changed_site(tmp_path, remote=True):
    root, _, _ = site_repo(tmp_path, remote=remote)
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha edited", n=1,
                                                             body="Alpha body.\n\nSecond paragraph, changed."))
    (root / "content/posts/gamma.md").write_text(POST.format(title="Gamma", n=5, body="New."))
    (root / "content/posts/broken.md").write_text("---\ntitle: [oops\n---\nx\n")
    (root / "hugo.toml").write_text("baseURL = 'https://changed.example/'\n")
    return root


def test_lists_changed_posts_with_diffs_message_and_push(qtbot, tmp_path):
    root = _changed_site(tmp_path)
    plan = publish.plan(open_site(root))
    dialog = PublishDialog(plan)
    qtbot.addWidget(dialog)
    posts = dialog.posts
    texts = [posts.item(i).text() for i in range(posts.count())]
    assert texts == ["Alpha edited — modified", "broken — cannot be published", "Gamma — new"]
    broken = posts.item(1)
    assert broken.checkState() == Qt.CheckState.Unchecked
    assert (not broken.flags() & Qt.ItemFlag.ItemIsUserCheckable
            and "content/posts/broken.md:3:1: invalid YAML" in broken.toolTip())
    assert dialog.selected_keys() == ["content/posts/alpha.md", "content/posts/gamma.md"]
    assert dialog.message.text() == "Publish: Alpha edited, Gamma"
    diff = dialog.diff.toPlainText()
    assert "front matter │ -title: Alpha" in diff and "front matter │ +title: Alpha edited" in diff
    assert "body         │ +Second paragraph, changed." in diff
    assert dialog.push.isChecked() and dialog.push.isEnabled() and "origin/main" in dialog.push.text()
    assert dialog.ok.text() == "Commit and Push"
    assert dialog.left_out.text() == "Not committed (outside the content folder): hugo.toml"
    assert not dialog.unsaved.isVisibleTo(dialog)
    # Unchecking a post rewrites the message (until the author types one).
    posts.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.message.text() == "Publish: Alpha edited"
    posts.setCurrentRow(2)
    assert "+++ b/content/posts/gamma.md" in dialog.diff.toPlainText()
    dialog.push.setChecked(False)
    assert dialog.ok.text() == "Commit"
    qtbot.keyClicks(dialog.message, " and more")
    posts.item(2).setCheckState(Qt.CheckState.Checked)
    assert dialog.message.text() == "Publish: Alpha edited and more"
    choice = dialog.choice()
    assert choice.keys == ["content/posts/alpha.md", "content/posts/gamma.md"] and not choice.push
    assert choice.message == "Publish: Alpha edited and more"
    posts.item(0).setCheckState(Qt.CheckState.Unchecked)
    posts.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.ok.isEnabled()


def test_no_upstream_means_no_push(qtbot, tmp_path):
    root = _changed_site(tmp_path, remote=False)
    dialog = PublishDialog(publish.plan(open_site(root)))
    qtbot.addWidget(dialog)
    assert not dialog.push.isChecked() and not dialog.push.isEnabled()
    assert "no upstream" in dialog.push.text() and dialog.ok.text() == "Commit"


def test_unsaved_warning_offers_to_save_first(qtbot, tmp_path):
    root = _changed_site(tmp_path)
    site = open_site(root)
    saved = []

    def save_first():
        (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="saved now"))
        saved.append(True)
        return publish.plan(site)

    dialog = PublishDialog(publish.plan(site), "beta.md", save_first)
    qtbot.addWidget(dialog)
    assert dialog.unsaved.isVisibleTo(dialog)
    assert dialog.unsaved_label.text().startswith("beta.md has unsaved changes: they are not part of this commit")
    assert dialog.save_button.accessibleName() == "Save first"
    dialog.save_button.click()
    assert saved == [True] and not dialog.unsaved.isVisibleTo(dialog)
    assert "content/posts/beta.md" in dialog.selected_keys()
    assert dialog.message.text() == "Publish: Alpha edited, Beta, Gamma"
    assert git(root, "rev-list", "--count", "HEAD").strip() == "1"   # the dialog itself never commits
