"""The `git` binary, run so it never prompts: repository facts (branch, upstream, status) and one-line errors."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Operations that leave the repository half-way; publishing or syncing then would mix work.
IN_PROGRESS = (("MERGE_HEAD", "a merge"), ("rebase-merge", "a rebase"), ("rebase-apply", "a rebase or am"),
               ("CHERRY_PICK_HEAD", "a cherry-pick"), ("REVERT_HEAD", "a revert"))
UNMERGED = {"DD", "AU", "UD", "UA", "DU", "AA", "UU"}
TIMEOUT = 600   # seconds: a slow hook or a slow remote, but never forever


class GitError(Exception):
    """A git problem the author can fix, as one line (the CLI prints it, the window shows it)."""


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The author's environment with every way for git to ask a question switched off:
    no terminal prompt, no askpass program (an empty value stops git falling back to SSH_ASKPASS),
    no editor, and English messages so failures can be recognised."""
    env = dict(os.environ)
    everything = env.pop("LC_ALL", "")
    if everything:   # keep the author's character set; only the messages become English
        env.setdefault("LC_CTYPE", everything)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": "", "GIT_EDITOR": ":",
                "GIT_SEQUENCE_EDITOR": ":", "GIT_MERGE_AUTOEDIT": "no", "LC_MESSAGES": "C",
                "GIT_LITERAL_PATHSPECS": "1", "GCM_INTERACTIVE": "never"})
    env.pop("GIT_INDEX_FILE", None)
    env.update(extra or {})
    return env


def last_line(text: str) -> str:
    """The last non-empty line of git's (or a hook's) output: usually the one that says why."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run_git(cwd: str | os.PathLike[str], *args: str, env: dict[str, str] | None = None,
            input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git with no terminal: stdin is empty and a new session has no controlling tty,
    so neither git nor ssh can stop to ask for a password."""
    try:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=str(cwd), env=git_env(env),
                              input=input if input is not None else b"", capture_output=True,
                              start_new_session=True, timeout=TIMEOUT)
    except FileNotFoundError:
        raise GitError("git is not installed (the git command was not found)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not finish within {TIMEOUT} s") from None


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


@dataclass(frozen=True)
class Change:
    """One changed file: its path relative to the repository top, and git's two status letters."""
    path: str
    index: str
    worktree: str
    orig: str = ""   # a rename's old path

    @property
    def state(self) -> str:
        code = self.index + self.worktree
        if code in UNMERGED:
            return "conflicted"
        if code == "??":
            return "new"
        if "D" in code:   # "AD": added, then deleted from disk before any commit
            return "deleted"
        return "new" if self.index == "A" else "modified"


class Repo:
    """A work tree and its git directory. `Repo.find(path)` raises GitError outside a repository."""

    def __init__(self, top: Path, git_dir: Path) -> None:
        self.top = top
        self.git_dir = git_dir

    @classmethod
    def find(cls, path: str | os.PathLike[str]) -> "Repo":
        folder = Path(path)
        if not folder.is_dir():
            folder = folder.parent
        if not folder.is_dir():
            raise GitError(f"{path}: no such folder")
        out = run_git(folder, "rev-parse", "--show-toplevel", "--absolute-git-dir")
        if out.returncode != 0:
            if b"not a git repository" in out.stderr.lower():
                raise GitError(f"{path} is not in a git repository")
            raise GitError(last_line(_text(out.stderr)) or f"{path}: git rev-parse failed")
        lines = _text(out.stdout).splitlines()
        if len(lines) < 2 or not lines[0]:
            raise GitError(f"{path} is inside a git directory, not a work tree")
        return cls(Path(os.path.realpath(lines[0])), Path(lines[1]))

    # ------------------------------------------------------------------ running
    def git(self, *args: str, env: dict[str, str] | None = None,
            input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return run_git(self.top, *args, env=env, input=input)

    def out(self, *args: str, env: dict[str, str] | None = None) -> str:
        """stdout of a git command that must succeed (GitError with its last line otherwise)."""
        result = self.git(*args, env=env)
        if result.returncode != 0:
            raise GitError(last_line(_text(result.stderr)) or last_line(_text(result.stdout))
                           or f"git {args[0]} failed")
        return _text(result.stdout)

    # ------------------------------------------------------------------ facts
    def branch(self) -> str | None:
        """The current branch, None on a detached HEAD."""
        result = self.git("symbolic-ref", "-q", "--short", "HEAD")
        return (_text(result.stdout).strip() or None) if result.returncode == 0 else None

    def has_head(self) -> bool:
        return self.git("rev-parse", "-q", "--verify", "HEAD^{commit}").returncode == 0

    def head(self) -> str | None:
        result = self.git("rev-parse", "-q", "--verify", "HEAD^{commit}")
        return _text(result.stdout).strip() if result.returncode == 0 else None

    def upstream(self) -> tuple[str, str] | None:
        """(remote, remote branch ref) the current branch pushes to and pulls from, if any."""
        branch = self.branch()
        if branch is None:
            return None
        remote = self.git("config", "--get", f"branch.{branch}.remote")
        merge = self.git("config", "--get", f"branch.{branch}.merge")
        if remote.returncode != 0 or merge.returncode != 0:
            return None
        return _text(remote.stdout).strip(), _text(merge.stdout).strip()

    def upstream_name(self) -> str | None:
        """The upstream as git shows it (origin/main), None without one."""
        result = self.git("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
        return _text(result.stdout).strip() if result.returncode == 0 else None

    def in_progress(self) -> str | None:
        """What is half-way ("a merge", "a rebase", …), or None."""
        for name, what in IN_PROGRESS:
            if (self.git_dir / name).exists():
                return what
        return None

    def status(self, pathspecs: list[str] | None = None) -> list[Change]:
        """Changed, new and conflicted files (ignored files are never listed), optionally only
        under `pathspecs` (paths relative to the top)."""
        args = ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"]
        raw = self.out(*args, "--", *(pathspecs or []))
        changes = []
        fields = raw.split("\0")
        i = 0
        while i < len(fields):
            entry = fields[i]
            i += 1
            if len(entry) < 4:
                continue
            changes.append(Change(entry[3:], entry[0], entry[1]))
        return changes

    def show_head(self, path: str) -> bytes | None:
        """The file as committed in HEAD (None when it is not there)."""
        if not self.has_head():
            return None
        result = self.git("cat-file", "blob", f"HEAD:{path}")
        return result.stdout if result.returncode == 0 else None

    def ahead_behind(self) -> tuple[int, int]:
        """(local commits not on the upstream, upstream commits not here)."""
        counts = self.out("rev-list", "--left-right", "--count", "HEAD...@{upstream}").split()
        return int(counts[0]), int(counts[1])


def relative_inside(top: Path, folder: str | os.PathLike[str]) -> str | None:
    """`folder` relative to the repository top ("" for the top itself), None when outside it."""
    real = Path(os.path.realpath(folder))
    if real == top:
        return ""
    try:
        return real.relative_to(top).as_posix()
    except ValueError:
        return None
