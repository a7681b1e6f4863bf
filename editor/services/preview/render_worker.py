"""The render worker process seen from the app: start, send a request, read replies, restart if it dies."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal, Slot

from editor.core.render_wire import HEADER, encode

MAX_RESTARTS = 3          # within RESTART_WINDOW seconds; then the worker is given up on
RESTART_WINDOW = 30.0


class RenderWorker(QObject):
    """One `python -m editor.core.render.worker` child; at most one request outstanding.

    `replied(dict)` carries each reply with chunk HTML filled in from what earlier replies sent;
    `failed(str)` means the worker died too often (or could not start) and was given up on.
    """

    replied = Signal(dict)
    failed = Signal(str)
    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._proc: QProcess | None = None
        self._buffer = b""
        self._html: dict[str, str] = {}      # key -> HTML of the chunks in the last reply
        self._blocks: dict[str, list] = {}   # key -> its blocks' lines (relative), from the same replies
        self._pending: dict | None = None    # the request in flight (resent after a restart)
        self._deaths: list[float] = []
        self._closing = False
        self.is_ready = False
        self.pid: int | None = None
        self.restarts = 0
        self.start()

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def start(self) -> None:
        proc = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        root = str(Path(__file__).resolve().parents[3])   # the folder holding the `editor` package
        env.insert("PYTHONPATH", os.pathsep.join(p for p in (root, env.value("PYTHONPATH")) if p))
        proc.setProcessEnvironment(env)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        proc.readyReadStandardOutput.connect(self._read)
        proc.finished.connect(self._finished)
        proc.errorOccurred.connect(self._error)
        self._proc, self._buffer, self._html, self.is_ready = proc, b"", {}, False
        proc.start(sys.executable, ["-m", "editor.core.render.worker"])

    def submit(self, request: dict) -> None:
        """Send `request` ({"id", "text", "config"}); the caller waits for `replied` before the next."""
        self._pending = request
        self._send(request)

    def _send(self, request: dict) -> None:
        if self._proc is not None and self._proc.state() != QProcess.ProcessState.NotRunning:
            self._proc.write(encode(request))

    @Slot()
    def _read(self) -> None:
        if self._proc is None:
            return
        self._buffer += bytes(self._proc.readAllStandardOutput().data())
        while len(self._buffer) >= HEADER.size:
            size = HEADER.unpack_from(self._buffer)[0]
            if len(self._buffer) < HEADER.size + size:
                break
            body, self._buffer = self._buffer[HEADER.size:HEADER.size + size], self._buffer[HEADER.size + size:]
            self._reply(json.loads(body))

    def _reply(self, reply: dict) -> None:
        if reply.get("ready"):
            self.is_ready, self.pid = True, reply.get("pid")
            self.ready.emit()
            return
        chunks = reply.get("chunks")
        if chunks is not None:
            html, blocks = {}, {}
            for chunk in chunks:
                if chunk[2] is None:
                    chunk[2] = self._html.get(chunk[0], "")
                if len(chunk) > 3:    # the blocks' relative lines come with the HTML only
                    if chunk[3] is None:
                        chunk[3] = self._blocks.get(chunk[0])
                    blocks[chunk[0]] = chunk[3]
                html[chunk[0]] = chunk[2]
            self._html, self._blocks = html, blocks   # exactly what the worker believes we hold
        self._pending = None
        self.replied.emit(reply)

    @Slot(int, QProcess.ExitStatus)
    def _finished(self, _code: int, _status) -> None:
        self._died("the render worker stopped")

    @Slot(QProcess.ProcessError)
    def _error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._died("the render worker could not start")

    def _died(self, why: str) -> None:
        proc, self._proc = self._proc, None
        if proc is None or self._closing:
            return
        proc.deleteLater()
        now = time.monotonic()
        self._deaths = [t for t in self._deaths if now - t < RESTART_WINDOW] + [now]
        if len(self._deaths) > MAX_RESTARTS:
            self._pending = None
            self.failed.emit(why)
            return
        self.restarts += 1
        self.start()
        if self._pending is not None:
            self._send({**self._pending, "reset": True})

    def shutdown(self, wait_ms: int = 2000) -> None:
        """Close stdin (the worker exits on EOF) and wait; kill it if it lingers."""
        self._closing = True
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.state() != QProcess.ProcessState.NotRunning:
            proc.closeWriteChannel()
            if not proc.waitForFinished(wait_ms):
                proc.kill()
                proc.waitForFinished(1000)
        proc.deleteLater()
