"""`python -m editor.core.index.worker`: read many posts in a fresh process, for callers that run threads (the window).

Protocol: stdin holds a pickle of (site, [(language, path, size or None), …]); stdout gets `progress DONE
TOTAL` lines, then a `result N` line followed by N pickles, each a list of (mtime_ns, size, index row). Forking
a process that runs Qt threads is unsafe; this process has no threads, so it may fork copies of itself
(editor.core.index.forked).
"""

from __future__ import annotations

import pickle
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.core.hugo.site import Site
    from editor.core.index.reading import Item

CHUNK = 400


def main() -> int:
    from editor.core.index.reading import index_many
    from editor.core.lifeline import die_with_parent
    die_with_parent()     # never outlive the window that asked (its forked copies stop once we are gone)
    site: Site
    items: list[Item]
    site, items = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer

    def progress(done: int, total: int) -> None:
        out.write(f"progress {done} {total}\n".encode())
        out.flush()

    rows = index_many(site, items, progress, start="fork")
    # In pieces: unpickling one piece is a single call that holds the caller's GIL (its UI thread).
    pieces = [rows[i:i + CHUNK] for i in range(0, len(rows), CHUNK)]
    out.write(f"result {len(pieces)}\n".encode())
    for piece in pieces:
        pickle.dump(piece, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
