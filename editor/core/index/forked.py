"""Work through chunks here and in forked copies of this process at once: each takes the next chunk free."""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

C = TypeVar("C")

MAX_CHUNKS = 255   # one byte names a chunk on the queue pipe


def run_forked(chunks: Sequence[C], work: Callable[[C], list[Any]], copies: int,
               progress: Callable[[int], None] | None = None) -> list[list[Any]]:
    """[work(c) for c in chunks], computed by this process and `copies` forked copies of it, each
    taking the next chunk not yet taken (a copy slowed by other load takes fewer).

    The chunks are inherited by the copies, not sent; each copy sends its results back once, at
    the end, as one marshal blob (so they must be plain values marshal writes). A chunk whose copy
    failed (died, could not write) is computed here afterwards: the answer never depends on the
    copies. `progress(i)` is called with each chunk's index as it is done (here or in a copy).
    Only for a process without threads (fork copies just the calling thread)."""
    if len(chunks) > MAX_CHUNKS:
        raise ValueError(f"at most {MAX_CHUNKS} chunks")
    results: list[list[Any] | None] = [None] * len(chunks)
    if progress is not None:
        progress = _once(progress)   # a chunk a failed copy had done is done again here
    queue_r, queue_w = os.pipe()
    os.write(queue_w, bytes(range(len(chunks))))   # at most 255 bytes: fits in the pipe at once
    os.close(queue_w)   # readers see the end once every chunk is taken
    kids: list[_Kid] = []
    try:
        for _ in range(copies):
            kid = _fork(chunks, work, queue_r, kids)
            if kid is None:
                break
            kids.append(kid)
        while taken := os.read(queue_r, 1):
            results[taken[0]] = work(chunks[taken[0]])
            if progress:
                progress(taken[0])
                for kid in kids:
                    _notes(kid[1], progress)
        while kids:
            _collect(kids.pop(0), results, progress)
    finally:
        os.close(queue_r)
        for pid, notes, out in kids:   # left by an exception here: the copies are of no use now
            _end(pid)
            os.close(notes)
            os.close(out)
    out_rows: list[list[Any]] = []
    for i, rows in enumerate(results):
        if rows is None:   # a copy failed, or none could be made
            rows = work(chunks[i])
            if progress:
                progress(i)
        out_rows.append(rows)
    return out_rows


_Kid = tuple[int, int, int]   # a copy: (pid, its notes' read end, its result file)


def _fork(chunks: Sequence[C], work: Callable[[C], list[Any]], queue: int, kids: list[_Kid]) -> _Kid | None:
    """Start one copy (None when none can be made: the work is then shared among fewer)."""
    try:
        out = _scratch_file()
    except OSError:
        return None
    notes_r, notes_w = os.pipe()
    try:
        pid = os.fork()
    except OSError:   # no more processes or memory
        for fd in (out, notes_r, notes_w):
            os.close(fd)
        return None
    if pid == 0:   # the copy: never returns
        os.close(notes_r)
        _serve(chunks, work, queue, notes_w, out, kids)
    os.close(notes_w)
    os.set_blocking(notes_r, False)
    return pid, notes_r, out


def _collect(kid: _Kid, results: list[list[Any] | None], progress: Callable[[int], None] | None) -> None:
    """Wait for a copy to finish and take its results (none if it failed)."""
    pid, notes, out = kid
    try:
        os.set_blocking(notes, True)
        _notes(notes, progress)   # to the end: the copy has finished, or failed
        ok = os.waitpid(pid, 0)[1] == 0
        pid = 0
        found = _load(out) if ok else []
    finally:
        if pid:
            _end(pid)
        os.close(notes)
        os.close(out)
    for item in found:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], int) \
                and 0 <= item[0] < len(results) and isinstance(item[1], list):
            results[item[0]] = item[1]


def _serve(chunks: Sequence[C], work: Callable[[C], list[Any]], queue: int, notes: int, out: int,
           earlier: list[_Kid]) -> None:
    """A copy's life: take chunks until none is left, note each one done, write the results, exit."""
    code = 1
    try:
        for _, other_notes, other_out in earlier:   # the parent's ends of the copies made before
            os.close(other_notes)
            os.close(other_out)
        parent = os.getppid()
        done: list[tuple[int, list[Any]]] = []
        while os.getppid() == parent and (taken := os.read(queue, 1)):   # stop once the parent is gone
            done.append((taken[0], work(chunks[taken[0]])))
            os.write(notes, taken)
        data = memoryview(marshal.dumps(done))
        while data:
            data = data[os.write(out, data):]
        code = 0
    finally:
        os._exit(code)   # no cleanup of the parent's state (buffers, atexit) in the copy


def _notes(fd: int, progress: Callable[[int], None] | None) -> None:
    """Read a copy's notes (one byte per chunk done) as far as they go, passing each to `progress`."""
    while True:
        try:
            data = os.read(fd, 256)
        except BlockingIOError:
            return
        if not data:
            return
        if progress:
            for i in data:
                progress(i)


def _load(fd: int) -> list[Any]:
    """A copy's results from its file ([] when unreadable: the chunks are then computed again)."""
    try:
        size = os.fstat(fd).st_size
        parts = []
        offset = 0
        while offset < size:
            part = os.pread(fd, size - offset, offset)
            if not part:
                break
            parts.append(part)
            offset += len(part)
        found = marshal.loads(b"".join(parts))
    except (OSError, EOFError, ValueError, TypeError):
        return []
    return found if isinstance(found, list) else []


def _scratch_file() -> int:
    """An anonymous file for a copy's results: in memory where the system has memfd_create."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("hugo-post-editor-index")
    import tempfile
    with tempfile.TemporaryFile() as fh:
        return os.dup(fh.fileno())


def _once(progress: Callable[[int], None]) -> Callable[[int], None]:
    seen: set[int] = set()

    def report(i: int) -> None:
        if i not in seen:
            seen.add(i)
            progress(i)
    return report


def _end(pid: int) -> None:
    import signal
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
