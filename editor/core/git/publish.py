"""Publishing: which posts changed under the site's content folders, and committing only them (then pushing)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.git.repo import Change, GitError, Repo, last_line, relative_inside
from editor.core.hugo.site import CONTENT_SUFFIXES, Site

URL_CODES = ("url-collision", "unsafe-slug")   # warnings in the list: Hugo still builds the site

@dataclass
class Item:
    """One post with its changed files (a leaf bundle's index and resources are one item)."""
    key: str                      # the page's path relative to the repository top (or the lone file's)
    path: str                     # the page's path as the site names it (absolute)
    title: str
    files: list[Change] = field(default_factory=list)
    error: str = ""               # the post does not parse: never committed

    @property
    def state(self) -> str:
        states = {c.state for c in self.files}
        if "conflicted" in states:
            return "conflicted"
        page = next((c for c in self.files if c.path == self.key), None)
        if page is not None:
            return page.state
        return "modified"


@dataclass
class Plan:
    """What publishing would do: the changed posts, and what is left out (changed, but not content)."""
    repo: Repo
    site: Site
    items: list[Item]
    left_out: list[str]          # changed files outside every content folder (never committed)
    branch: str | None
    upstream: tuple[str, str] | None


@dataclass
class Result:
    commit: str
    branch: str
    message: str
    files: list[tuple[str, str]]   # (state, path relative to the top)
    left_out: list[str]
    pushed: str = ""               # "origin/main" when pushed


def describe(paths: list[str], limit: int = 8) -> str:
    """A list of files for one line: the first few, then how many more."""
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


def default_message(items: list[Item]) -> str:
    return "Publish: " + ", ".join(it.title for it in items)


def _content_roots(repo: Repo, site: Site) -> list[tuple[str, Path]]:
    """(path relative to the top, the folder as the site names it) for every content folder in the repo."""
    roots = []
    for folder in site.content_dirs:
        rel = relative_inside(repo.top, folder)
        if rel is not None and os.path.isdir(folder):
            roots.append((rel, Path(folder)))
    if not roots:
        raise GitError(f"the content folder {site.content_dir} is not inside the repository {repo.top}")
    return roots


def _page_of(top: Path, rel_root: str, rel: str) -> str:
    """The page a changed file belongs to (paths relative to the top): the index of the outermost
    leaf bundle holding it (everything inside a leaf bundle is its resource), else the file itself."""
    parts = rel.split("/")
    base = len(rel_root.split("/")) if rel_root else 0
    for depth in range(base + 1, len(parts)):
        folder = "/".join(parts[:depth])
        for suffix in CONTENT_SUFFIXES:
            index = f"{folder}/index{suffix}"
            if index == rel or (top / index).is_file():
                return index
    return rel


def _title(site: Site, rel: str, abs_path: str) -> tuple[str, str]:
    """(title, the first problem that stops Hugo building it) of a page; deleted pages and
    resources are named by their file. The check is the post list's (the content index's), so a
    post the list marks "error" is never published: Hugo would refuse to build the site."""
    stem = Path(rel).stem if Path(rel).stem != "index" else Path(rel).parent.name
    if os.path.splitext(rel)[1].lower() not in CONTENT_SUFFIXES or not os.path.isfile(abs_path):
        return stem or rel, ""
    from editor.core.index.entry import index_file
    entry = index_file(site, abs_path)
    errors = [p for p in entry["problems"] if p.get("severity") == "error" and p.get("code") not in URL_CODES]
    error = f"{rel}:{errors[0]['line']}:{errors[0]['column']}: {errors[0]['message']}" if errors else ""
    return entry["title"] or stem, error


def plan(site: Site, only: list[str] | None = None, repo: Repo | None = None) -> Plan:
    """The changed posts of `site` (only those named by `only`: post files or bundle folders)."""
    repo = repo or find_repo(site)
    roots = _content_roots(repo, site)
    items, left_out = _changed(repo, site, roots, titles=True)
    if only:
        items = _select(repo, roots, items, only)
    return Plan(repo, site, items, left_out, repo.branch(), repo.upstream())


def find_repo(site: Site) -> Repo:
    return Repo.find(site.content_dir if os.path.isdir(site.content_dir) else site.root)


def _changed(repo: Repo, site: Site, roots: list[tuple[str, Path]], titles: bool) -> tuple[list[Item], list[str]]:
    """The changed posts (sorted by path) and the changed files outside every content folder.
    titles=False skips reading the posts (their state is all the post list needs)."""
    items: dict[str, Item] = {}
    left_out = []
    for change in repo.status():
        root = next(((rel, folder) for rel, folder in roots
                     if rel == "" or change.path == rel or change.path.startswith(rel + "/")), None)
        if root is None:
            left_out.append(change.path)
            continue
        rel_root, folder = root
        key = _page_of(repo.top, rel_root, change.path)
        item = items.get(key)
        if item is None:
            inside = key[len(rel_root) + 1:] if rel_root else key
            path = os.path.normpath(os.path.join(str(folder), *inside.split("/")))
            title, error = _title(site, key, path) if titles else (key, "")
            item = items[key] = Item(key, path, title, error=error)
        item.files.append(change)
    return sorted(items.values(), key=lambda it: it.key), sorted(left_out)


def page_states(site: Site) -> dict[str, str] | None:
    """State of every changed page by its path as the site names it (new, modified, deleted,
    conflicted; unchanged pages are absent); None when the site is not in a git repository."""
    try:
        repo = find_repo(site)
        items, _ = _changed(repo, site, _content_roots(repo, site), titles=False)
    except GitError:
        return None
    return {it.path: it.state for it in items}


def _select(repo: Repo, roots: list[tuple[str, Path]], items: list[Item], only: list[str]) -> list[Item]:
    picked: list[Item] = []
    for name in only:
        rel = relative_inside(repo.top, name)
        if rel is None or not any(r == "" or rel == r or rel.startswith(r + "/") for r, _ in roots):
            raise GitError(f"{name}: not a post under the site's content folder")
        match = [it for it in items if it.key == rel or it.key.startswith(rel + "/")
                 or any(c.path == rel for c in it.files)]
        if not match and not os.path.exists(name):
            raise GitError(f"{name}: no such post")
        picked.extend(it for it in match if it not in picked)
    return picked


def check_repo(plan_: Plan) -> None:
    """Refuse a repository that is half-way through something or not on a branch."""
    repo = plan_.repo
    busy = repo.in_progress()
    if busy:
        raise GitError(f"{busy} is in progress in {repo.top}: finish or abort it first")
    if plan_.branch is None:
        raise GitError("HEAD is detached (not on a branch): check out a branch first")


def check(plan_: Plan, push: bool = False) -> None:
    """Refuse what cannot be published: GitError with one line (nothing has been changed yet)."""
    check_repo(plan_)
    conflicted = [it.key for it in plan_.items if it.state == "conflicted"]
    if conflicted:
        raise GitError(f"conflicted, resolve first: {', '.join(conflicted)}")
    broken = [it for it in plan_.items if it.error]
    if broken:
        more = f"; {len(broken) - 1} more post(s) do not parse" if len(broken) > 1 else ""
        raise GitError(f"{broken[0].error} (not published{more}; fix it or name other posts)")
    if push and plan_.upstream is None:
        raise GitError(no_upstream(plan_.branch))


def no_upstream(branch: str | None) -> str:
    return f"the branch {branch} has no upstream: set one with git push -u origin {branch}"


def tracked_branch(repo: Repo) -> tuple[str, str, str]:
    """(branch, remote, remote branch ref) of the current branch; GitError on a detached HEAD or a
    branch without upstream (push and sync both need one)."""
    branch = repo.branch()
    if branch is None:
        raise GitError("HEAD is detached (not on a branch): check out a branch first")
    upstream = repo.upstream()
    if upstream is None:
        raise GitError(no_upstream(branch))
    return branch, *upstream


def commit(plan_: Plan, message: str | None = None) -> Result:
    """Commit exactly the plan's files through a temporary index, so whatever else is staged
    (a hugo.toml, another post) stays staged and uncommitted; the real index then records the
    committed files. On failure (a hook) nothing changes."""
    check(plan_)
    repo = plan_.repo
    # A file added to the index and then deleted from disk was never committed: nothing to record.
    paths = [c.path for it in plan_.items for c in it.files
             if os.path.lexists(repo.top / c.path) or repo.show_head(c.path) is not None]
    if not paths:
        raise GitError("nothing to publish")
    message = message or default_message(plan_.items)
    fd, index = tempfile.mkstemp(prefix="publish-index-", dir=str(repo.git_dir))
    os.close(fd)
    os.unlink(index)   # a unique name; git writes the index itself (an empty file is not an index)
    try:
        env = {"GIT_INDEX_FILE": index}
        if repo.has_head():
            repo.out("read-tree", "HEAD", env=env)
        else:
            repo.out("read-tree", "--empty", env=env)
        repo.out("add", "-A", "--", *paths, env=env)
        result = repo.git("commit", "-q", "-F", "-", env=env,
                          input=message.encode("utf-8"))
        if result.returncode != 0:
            text = result.stderr.decode("utf-8", "replace") + result.stdout.decode("utf-8", "replace")
            why = last_line(text) or "git commit failed"
            raise GitError(f"the commit was refused: {why}")
    finally:
        for leftover in (index, index + ".lock"):
            try:
                os.unlink(leftover)
            except OSError:
                pass
    # The real index follows the new commit for these paths only (git reset -- paths).
    repo.git("reset", "-q", "--", *paths)
    head = repo.out("rev-parse", "--short", "HEAD").strip()
    committed = set(paths)
    files = [(c.state, c.path) for it in plan_.items for c in it.files if c.path in committed]
    return Result(head, plan_.branch or "", message, files, plan_.left_out)


def unpushed(repo: Repo) -> int:
    """Local commits the upstream does not have yet (0 without an upstream)."""
    if repo.upstream() is None or not repo.has_head():
        return 0
    try:
        return repo.ahead_behind()[0]
    except GitError:
        return 0   # the upstream branch was never fetched


def push(repo: Repo) -> str:
    """Push the current branch to its upstream; returns "remote/branch". A rejection because the
    remote moved says so (the local commit stays)."""
    branch, remote, merge = tracked_branch(repo)
    result = repo.git("push", "--porcelain", remote, f"refs/heads/{branch}:{merge}")
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    shown = repo.upstream_name() or f"{remote}/{merge.removeprefix('refs/heads/')}"
    if result.returncode == 0:
        return shown
    if any(line.startswith("!") and ("fetch first" in line or "non-fast-forward" in line)
           for line in out.splitlines()):
        raise GitError(f"push to {shown} rejected: the remote has new commits: pull first "
                       "(Update from Remote, or hugo-post-editor sync); your commit is kept")
    rejected = next((line.split("\t")[-1] for line in out.splitlines() if line.startswith("!")), "")
    raise GitError(f"push to {shown} failed: {last_line(err) or rejected or 'git push failed'}"
                   "; your commit is kept")
