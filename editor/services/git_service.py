"""Git for the window, off the UI thread: post states for the list, commit-and-push, update from the remote."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThreadPool, Signal

from editor.core.git import publish as core_publish
from editor.core.git.repo import GitError, Repo
from editor.core.git.sync import sync as core_sync
from editor.core.hugo.site import Site


class GitService(QObject):
    """One git operation at a time in a worker thread (states refreshes coalesce behind it).
    Every result comes back as a signal on the UI thread; nothing here ever asks a question."""

    statesChanged = Signal(object)      # {page path: state} or None (not a repository)
    busyChanged = Signal(bool)
    progress = Signal(str)              # "Committing…", "Pushing to origin/main…"
    published = Signal(object)          # core.git.publish.Result (.pushed set when pushed)
    synced = Signal(object)             # core.git.sync.SyncResult
    pushedEarlier = Signal(str, int)    # upstream, number of earlier commits pushed (nothing new to commit)
    failed = Signal(str, str)           # what ("publish", "push", "sync"), one-line message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.site: Site | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)   # git takes a lock on the index: never two at once
        self._lock = threading.Lock()
        self._states_queued = False
        self._busy = False
        self.busyChanged.connect(self._note_busy)   # queued from the worker: the flag lives on the UI thread

    @property
    def busy(self) -> bool:
        return self._busy

    def set_site(self, site: Site | None) -> None:
        self.site = site
        self.refresh_states()

    def wait(self, msecs: int = 60000) -> bool:
        return self._pool.waitForDone(msecs)

    # ------------------------------------------------------------------ states
    def refresh_states(self) -> None:
        """Read the post states again (coalesced: one waits behind a running one at most)."""
        with self._lock:
            if self._states_queued:
                return
            self._states_queued = True
        self._pool.start(self._read_states)

    def _read_states(self) -> None:
        with self._lock:
            self._states_queued = False
            site = self.site
        states = core_publish.page_states(site) if site is not None else None
        self._emit(self.statesChanged, states)

    # ------------------------------------------------------------------ operations
    def plan(self, only: list[str] | None = None) -> core_publish.Plan:
        """What could be published now (GitError when the site is not in a repository).
        Synchronous: a status and a read of the changed posts, for the dialog about to open."""
        if self.site is None:
            raise GitError("open a site first: publishing commits the site's posts")
        return core_publish.plan(self.site, only)

    def publish(self, plan: core_publish.Plan, message: str, push: bool) -> None:
        self._start(lambda: self._publish(plan, message, push))

    def push_earlier(self, plan: core_publish.Plan, count: int) -> None:
        """Push commits made before (kept after a rejected push and an update) when nothing is new."""
        self._start(lambda: self._push_earlier(plan, count))

    def _push_earlier(self, plan: core_publish.Plan, count: int) -> tuple:
        self._emit(self.progress, f"Pushing to {plan.repo.upstream_name() or 'the upstream'}…")
        try:
            return self.pushedEarlier, core_publish.push(plan.repo), count
        except GitError as exc:
            return self.failed, "push", str(exc)

    def sync(self) -> None:
        site = self.site
        self._start(lambda: self._sync(site))

    def _start(self, job) -> None:
        self._set_busy(True)

        def run() -> None:
            outcome = None
            try:
                outcome = job()
            finally:
                # Not busy any more before the result is shown: the author may act on it at once.
                self._emit(self.busyChanged, False)
                if outcome is not None:
                    self._emit(*outcome)
            self._read_states()

        self._pool.start(run)

    def _publish(self, plan: core_publish.Plan, message: str, push: bool) -> tuple:
        try:
            core_publish.check(plan, push=push)
            self._emit(self.progress, "Committing…")
            result = core_publish.commit(plan, message)
        except GitError as exc:
            return self.failed, "publish", str(exc)
        if push:
            where = plan.repo.upstream_name() or "the upstream"
            self._emit(self.progress, f"Pushing to {where}…")
            try:
                result.pushed = core_publish.push(plan.repo)
            except GitError as exc:
                return self.failed, "push", f"Committed {result.commit}, but {exc}"
        return self.published, result

    def _sync(self, site: Site | None) -> tuple:
        try:
            if site is None:
                raise GitError("open a site first")
            self._emit(self.progress, "Updating from the remote…")
            result = core_sync(Repo.find(site.content_dir if site.content_dir.is_dir() else site.root))
        except GitError as exc:
            return self.failed, "sync", str(exc)
        return self.synced, result

    # ------------------------------------------------------------------ plumbing
    def _set_busy(self, busy: bool) -> None:
        self.busyChanged.emit(busy)

    def _note_busy(self, busy: bool) -> None:
        self._busy = busy

    def _emit(self, signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            pass   # the service was deleted while git ran (window closed)
