"""The render worker process: length-prefixed JSON requests on stdin, chunked HTML replies on stdout.

Run as `python -m editor.core.render.worker`. It keeps one warm IncrementalRenderer, so unchanged
chunks are never rendered twice, and sends a chunk's HTML only when the previous reply lacked it
(the client keeps what it was sent). It exits when stdin closes, so it never outlives the app.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any, BinaryIO

from editor.core.render_config import WIRE_FIELDS
from editor.core.render_wire import HEADER, decode, encode  # noqa: F401 (the wire's names, here too)

from . import RenderConfig
from .incremental import IncrementalRenderer

CONFIG_KEYS = WIRE_FIELDS   # what a request's "config" may set


def _die_with_parent() -> None:
    """Linux: be killed when the parent dies, even by SIGKILL (stdin EOF covers the rest)."""
    import signal

    from editor.core.lifeline import die_with_parent
    die_with_parent(sig=signal.SIGKILL)


def _read_exact(stream: BinaryIO, n: int) -> bytes | None:
    buf = b""
    while len(buf) < n:
        part = stream.read(n - len(buf))
        if not part:
            return None
        buf += part
    return buf


class Server:
    """Answers one request at a time; `handle` is the whole protocol (tests call it directly)."""

    def __init__(self) -> None:
        self.renderer = IncrementalRenderer()
        self.sent: set[str] = set()

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        rid = request.get("id", 0)
        if request.get("reset"):
            self.sent = set()      # the client lost what it had (it restarted its cache)
        cfg = request.get("config") or {}
        self.renderer.set_config(RenderConfig(**{k: cfg[k] for k in CONFIG_KEYS if k in cfg}))
        t0 = time.perf_counter()
        try:
            result = self.renderer.render(request.get("text", ""))
        except Exception as exc:  # a renderer bug must not kill the worker
            return {"id": rid, "error": f"{type(exc).__name__}: {exc}"}
        # A chunk the client already has needs no HTML; its blocks' relative lines travel with its HTML.
        chunks = [[c.key, c.line, None, None] if c.key in self.sent else [c.key, c.line, c.html, list(c.blocks)]
                  for c in result.chunks]
        self.sent = {c.key for c in result.chunks}
        return {"id": rid, "chunks": chunks, "incremental": result.incremental,
                "rendered": result.rendered_chunks, "ms": (time.perf_counter() - t0) * 1000}


def main() -> int:
    _die_with_parent()
    from editor.core.heap import return_big_buffers
    return_big_buffers()   # each request carries the whole body: its copies go back when freed
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    server = Server()
    server.renderer.render("# warm\n\nUp *the* [renderer](x).\n\n```python\nx = 1\n```\n")
    stdout.write(encode({"id": 0, "ready": True, "pid": os.getpid()}))
    stdout.flush()
    while True:
        head = _read_exact(stdin, HEADER.size)
        if head is None:
            return 0
        word = HEADER.unpack(head)[0]
        body = _read_exact(stdin, word & 0x7FFFFFFF)
        if body is None:
            return 0
        request = decode(word, body)
        if request.get("quit"):
            return 0
        stdout.write(encode(server.handle(request)))
        stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
