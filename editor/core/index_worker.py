"""`python -m editor.core.index_worker`: read many posts in a fresh process, for callers that run threads (the window).

Protocol: stdin holds a pickle of (site, [(language, path), …]); stdout gets `progress DONE TOTAL`
lines, then a `result` line followed by a pickle of the index rows. Forking a process that runs Qt
threads is unsafe; this process has no threads, so it may fork its own pool (editor.core.index).
"""

from __future__ import annotations

import pickle
import sys


def main() -> int:
    from editor.core.index import _index_many
    site, items = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer

    def progress(done: int, total: int) -> None:
        out.write(f"progress {done} {total}\n".encode())
        out.flush()

    rows = _index_many(site, items, progress, start="fork")
    out.write(b"result\n")
    pickle.dump(rows, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
