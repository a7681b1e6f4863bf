"""Update from the remote: fetch, then fast-forward or rebase local commits; on any conflict nothing changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.core.git.repo import GitError, Repo, last_line
from editor.core.git.publish import tracked_branch


class SyncConflict(GitError):
    """The update would conflict: `files` are the files both sides changed (the repository is untouched)."""

    def __init__(self, message: str, files: list[str]) -> None:
        super().__init__(message)
        self.files = files


@dataclass
class SyncResult:
    upstream: str
    action: str                  # "up to date" | "fast-forward" | "rebase"
    before: str
    after: str
    changed: list[str] = field(default_factory=list)   # files the update changed (relative to the top)
    ahead: int = 0               # local commits not yet pushed (after the update)

    def summary(self) -> str:
        if self.action == "up to date":
            text = f"already up to date with {self.upstream}"
        elif self.action == "fast-forward":
            text = f"updated from {self.upstream} ({self.before[:7]}..{self.after[:7]}, {len(self.changed)} file(s))"
        else:
            text = (f"updated from {self.upstream}: local commits replayed on top "
                    f"({len(self.changed)} file(s) changed)")
        if self.ahead:
            text += f"; {self.ahead} local commit(s) not pushed yet"
        return text


def _files_between(repo: Repo, a: str, b: str) -> list[str]:
    out = repo.out("diff", "--name-only", "--no-renames", "-z", a, b)   # a rename: both paths
    return [p for p in out.split("\0") if p]


def _overwritten(text: str) -> list[str]:
    """The files git lists (tab-indented) under 'would be overwritten'."""
    return [line.strip() for line in text.splitlines() if line.startswith("\t")]


def sync(repo: Repo) -> SyncResult:
    """Fetch the current branch's upstream and bring the branch up to it."""
    busy = repo.in_progress()
    if busy:
        raise GitError(f"{busy} is in progress in {repo.top}: finish or abort it first")
    branch, remote, _merge = tracked_branch(repo)
    fetched = repo.git("fetch", "--quiet", remote)
    if fetched.returncode != 0:
        raise GitError(f"fetch from {remote} failed: {last_line(fetched.stderr.decode('utf-8', 'replace'))}")
    name = repo.upstream_name()
    if name is None:
        raise GitError(f"the upstream of {branch} is not on {remote} (was the branch deleted there?)")
    if not repo.has_head():
        raise GitError(f"{branch} has no commit yet: publish first")
    before = repo.head() or ""
    ahead, behind = repo.ahead_behind()
    if behind == 0:
        return SyncResult(name, "up to date", before, before, ahead=ahead)
    target = repo.out("rev-parse", "@{upstream}").strip()
    incoming = _files_between(repo, before if ahead == 0 else repo.out("merge-base", "HEAD", target).strip(),
                              target)
    local = {c.path for c in repo.status()}   # uncommitted changes and untracked files
    clash = sorted(local & set(incoming))
    if clash:
        raise SyncConflict("the remote changed files you have unpublished changes to: "
                           f"{', '.join(clash)} (publish or discard them first; nothing was changed)", clash)
    if ahead == 0:
        result = repo.git("merge", "--ff-only", "--quiet", target)
        if result.returncode != 0:
            err = result.stderr.decode("utf-8", "replace")
            files = _overwritten(err)
            raise GitError("fast-forward refused: " + (", ".join(files) if files else last_line(err)))
        return SyncResult(name, "fast-forward", before, target, _files_between(repo, before, target))
    # Diverged: find conflicts without touching anything (merge-tree writes only objects).
    probe = repo.git("merge-tree", "--write-tree", "--name-only", "--no-messages", "HEAD", target)
    if probe.returncode == 1:
        files = [line for line in probe.stdout.decode("utf-8", "replace").splitlines()[1:] if line.strip()]
        raise SyncConflict(f"your commits and {name}'s both change: {', '.join(files)} "
                           "(resolve by hand; nothing was changed)", files)
    if probe.returncode != 0:
        raise GitError(last_line(probe.stderr.decode("utf-8", "replace")) or "git merge-tree failed")
    rebased = repo.git("rebase", "--autostash", "--quiet", target)
    if rebased.returncode != 0:
        conflicted = [p for p in repo.git("diff", "--name-only", "--diff-filter=U", "-z").stdout
                      .decode("utf-8", "replace").split("\0") if p]
        repo.git("rebase", "--abort")
        err = rebased.stderr.decode("utf-8", "replace") + rebased.stdout.decode("utf-8", "replace")
        if conflicted:
            raise SyncConflict(f"your commits and {name}'s both change: {', '.join(conflicted)} "
                               "(resolve by hand; nothing was changed)", conflicted)
        raise GitError(f"rebase onto {name} failed, nothing was changed: {last_line(err)}")
    after = repo.head() or ""
    ahead_after, _ = repo.ahead_behind()
    return SyncResult(name, "rebase", before, after, _files_between(repo, before, after), ahead=ahead_after)
