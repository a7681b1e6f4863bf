"""Real git repositories for publishing tests: a site, a local bare remote, a second author's clone; no network."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.sitegen import make_site

POST = "---\ntitle: {title}\ndate: 2024-01-0{n}T10:00:00+01:00\ndraft: false\n---\n{body}\n"
POSTS = {
    "posts/alpha.md": POST.format(title="Alpha", n=1, body="Alpha body.\n\nSecond paragraph."),
    "posts/beta.md": POST.format(title="Beta", n=2, body="Beta body."),
    "posts/bundle/index.md": POST.format(title="Bundle", n=3, body="![cover](cover.png)"),
    "posts/bundle/cover.png": "not really a png\n",
}


def git(cwd, *args: str, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=str(cwd), capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def identify(repo) -> None:
    git(repo, "config", "user.name", "Test Author")
    git(repo, "config", "user.email", "author@example.org")


@pytest.fixture
def git_isolated(tmp_path, monkeypatch):
    """The machine's git configuration never leaks in: own HOME, no system or global config."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
                "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(var, raising=False)
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n")
    return home


def site_repo(tmp_path, posts=POSTS, remote: bool = True) -> tuple[Path, Path | None, Path | None]:
    """(site root, bare remote, the other author's clone): everything committed and pushed."""
    root = make_site(tmp_path, posts)
    git(root, "init", "-q")
    identify(root)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    if not remote:
        return root, None, None
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(root, "remote", "add", "origin", str(bare))
    git(root, "push", "-q", "-u", "origin", "main")
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(bare), str(other))
    identify(other)
    return root, bare, other


def other_author_pushes(other: Path, rel: str, text: str, message: str = "other author") -> None:
    """The second author changes a file and pushes."""
    target = other / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    git(other, "add", "-A")
    git(other, "commit", "-q", "-m", message)
    git(other, "push", "-q")


def snapshot(repo: Path) -> tuple[str, str, str, str]:
    """HEAD, the index, the work tree's status and its tracked files' contents: 'left as it was'."""
    head = git(repo, "rev-parse", "HEAD")
    index = git(repo, "ls-files", "-s")
    status = git(repo, "status", "--porcelain=v1", "--untracked-files=all")
    contents = git(repo, "diff", "HEAD")
    return head, index, status, contents
