"""Reading many posts into index rows: in this process, with forked copies of it, or in the index worker process."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from editor.core.hugo.site import Site
from editor.core.index.model import IndexEntry

# One post as the cache holds it (_row): (entry JSON without the private fields, url, draft,
# publishDate ts, expiryDate ts, date ts, url line, path, lastmod ts, is a section). A plain tuple:
# marshal writes only exact tuples, and the sort and status work on its fields without parsing the JSON.
Row = tuple[str, str, bool, float | None, float | None, float | None, int | None, str, float | None, bool]
Item = tuple[str, str, int | None]          # a file to read: (scan language, absolute path, size if known)
Fresh = tuple[int, int, Row]                # a file read: (mtime_ns, size) as read (-1, -1: gone), its row
Progress = Callable[[int, int], None]       # progress(done, total)


def _encoder() -> Callable[[object], str]:
    """json.dumps(…, ensure_ascii=False) for an index entry. JSONEncoder.encode builds its C
    encoder, with a dict for the circular check, on every call; here it is built once (an entry
    holds no cycle) and called directly: the same C code writes the same text, a quarter faster."""
    from json import encoder
    make = getattr(encoder, "c_make_encoder", None)
    if make is None:   # no C accelerator: the pure-Python encoder, as json.dumps would use
        return json.JSONEncoder(ensure_ascii=False).encode
    fail = json.JSONEncoder().default
    encode = make(None, fail, encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


_ENCODE = _encoder()


def _row(entry: IndexEntry) -> Row:
    """The entry as the cache holds it (see Row); takes the private fields off `entry`."""
    pub, exp, date, lastmod = entry.pop("_ts")
    line = entry.pop("_url_line")
    return (_ENCODE(entry), entry["url"], entry["draft"], pub, exp, date, line,
            entry["path"], lastmod, entry["bundle"] == "branch")


def _index_chunk(items: list[Item], site: Site) -> list[Fresh]:
    from editor.core.index.entry import read_entry
    out: list[Fresh] = []
    for _, p, size in items:
        entry, (mtime, length) = read_entry(site, p, size)
        out.append((mtime, length, _row(entry)))
    return out


def index_many(site: Site, items: list[Item], progress: Progress | None = None,
                start: str = "fork") -> list[Fresh]:
    """Index files, on every core when there are many. `start`: "fork" (a process without
    threads, e.g. the command line: this process and forked copies of it read the files),
    "subprocess" (a process with threads, e.g. the window: a fresh `editor.core.index.worker`
    process does the forking) or "in-process". `progress(done, total)` after each chunk."""
    from editor.core.index import entry  # noqa: F401 - loaded once here, inherited by forked copies
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8)
    total = len(items)
    if start == "subprocess" and total >= 500 and workers >= 2 and site.error is None:
        rows = _index_in_subprocess(site, items, progress)
        if rows is not None:
            return rows
    if total < 500 or workers < 2 or start != "fork" or not hasattr(os, "fork"):
        step = max(100, total // 50)
        out: list[Fresh] = []
        for i in range(0, total, step):
            out.extend(_index_chunk(items[i:i + step], site))
            if progress:
                progress(len(out), total)
        return out
    from editor.core.index.forked import MAX_CHUNKS, run_forked
    # Many small chunks (~150 files, ~10 ms): a process slowed by other load takes fewer, and none
    # waits long for the last one.
    parts = min(MAX_CHUNKS, max(workers * 32, total // 250))
    size = -(-total // parts)
    chunks = [items[i:i + size] for i in range(0, total, size)]
    done = [0]

    def report(i: int) -> None:
        done[0] += len(chunks[i])
        if progress:
            progress(done[0], total)
    parts_done = run_forked(chunks, lambda c: _index_chunk(c, site), workers - 1, report if progress else None)
    return [row for part in parts_done for row in part]


def _index_in_subprocess(site: Site, items: list[Item], progress: Progress | None) -> list[Fresh] | None:
    """index_many in `python -m editor.core.index.worker` (None when that fails: read here instead)."""
    import pickle
    import subprocess
    import sys
    package_parent = str(Path(__file__).resolve().parents[3])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [package_parent, *filter(None, [os.environ.get("PYTHONPATH")])]))
    try:
        proc = subprocess.Popen([sys.executable, "-m", "editor.core.index.worker"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    except OSError:
        return None
    try:
        assert proc.stdin is not None and proc.stdout is not None   # both PIPE
        with proc.stdin:
            pickle.dump((site, items), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        for line in proc.stdout:
            if line.startswith(b"progress ") and progress:
                done, total = map(int, line.split()[1:3])
                progress(done, total)
            elif line.startswith(b"result "):
                rows: list[Fresh] = []
                for _ in range(int(line.split()[1])):
                    rows.extend(pickle.load(proc.stdout))
                return rows if proc.wait() == 0 and len(rows) == len(items) else None
        return None
    except (OSError, EOFError, ValueError, pickle.UnpicklingError):
        return None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
