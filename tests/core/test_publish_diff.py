"""The publish dialog's diff: lines against HEAD, each labelled front matter or body."""

from __future__ import annotations

import pytest

from editor.core.git.repo import Repo
from editor.core.git.diff import BODY, FRONT, file_diff, labelled_diff, render
from tests.gitsites import POST, git_isolated, site_repo  # noqa: F401


def test_front_matter_and_body_lines_are_labelled():
    old = "---\ntitle: Old\ndraft: true\n---\nFirst.\n\nSecond.\n"
    new = "---\ntitle: New\ndraft: true\n---\nFirst.\n\nSecond, edited.\n"
    lines = labelled_diff(old, new)
    assert (FRONT, "-title: Old") in lines and (FRONT, "+title: New") in lines
    assert (BODY, "-Second.") in lines and (BODY, "+Second, edited.") in lines
    assert (FRONT, " ---") in lines and (BODY, " First.") in lines
    text = render(lines)
    assert "front matter │ +title: New" in text and "body         │ +Second, edited." in text


def test_toml_front_matter_growing_shifts_the_labels():
    old = "+++\ntitle = 'A'\n+++\nbody\n"
    new = "+++\ntitle = 'A'\ntags = ['x']\n+++\nbody\n"
    assert (FRONT, "+tags = ['x']") in labelled_diff(old, new)
    assert (BODY, " body") in labelled_diff(old, new)


@pytest.mark.usefixtures("git_isolated")
def test_file_diff_against_head(tmp_path):
    root, _, _ = site_repo(tmp_path, remote=False)
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta two", n=2, body="Beta body."))
    (root / "content/posts/bundle/cover.png").write_bytes(b"\x89PNG\0\0binary")
    repo = Repo.find(root)
    diff = file_diff(repo, "content/posts/beta.md")
    assert diff[:2] == [("", "--- a/content/posts/beta.md"), ("", "+++ b/content/posts/beta.md")]
    assert (FRONT, "+title: Beta two") in diff and not any(line.startswith(("+", "-")) for label, line in diff
                                                           if label == BODY)
    assert file_diff(repo, "content/posts/bundle/cover.png")[-1] == ("", "binary file changed (12 bytes)")
    (root / "content/posts/fresh.md").write_text("---\ntitle: Fresh\n---\nHello\n")
    fresh = file_diff(repo, "content/posts/fresh.md")
    assert fresh[0] == ("", "--- /dev/null") and (FRONT, "+title: Fresh") in fresh and (BODY, "+Hello") in fresh
