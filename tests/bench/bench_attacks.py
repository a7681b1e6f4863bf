"""Benchmark: how long each hostile post takes to be answered (load, the index reader, `show` and `check`).

Run: .venv/bin/python tests/bench/bench_attacks.py
Goal: every hostile post is answered (loaded or refused with a PostError) within a second
in-process; the command-line figures include the interpreter's start-up (~0.3 s).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from editor.core import PostError, load  # noqa: E402
from editor.core.frontmatter import fast as fastfm  # noqa: E402
from tests.core.test_attacks_parse import BOMB, HOSTILE  # noqa: E402

EXTRA = {
    "bomb.md": BOMB,
    "huge-line.md": "---\ntitle: " + "x" * 10_000_000 + "\n---\nbody\n",
    "many-keys.md": "---\n" + "".join(f"k{i}: {i}\n" for i in range(100_000)) + "---\nbody\n",
}


def _timed(fn) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        fn()
        outcome = "loaded"
    except PostError:
        outcome = "PostError"
    return time.perf_counter() - start, outcome


def _index(text: str) -> None:
    fmt, fm, _, _ = fastfm.split(text)
    fastfm.parse(fmt, fm)


def main() -> None:
    posts = {name: text for name, (text, _) in HOSTILE.items()} | EXTRA
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'post':<22}{'bytes':>10}  {'load':>12}  {'index':>12}  {'show (CLI)':>11}  {'check (CLI)':>11}")
        for name, text in posts.items():
            path = Path(tmp) / name
            path.write_text(text)
            t_load, how = _timed(lambda: load(path))
            t_index, how_index = _timed(lambda: _index(text))
            cli = []
            for command in ("show", "check"):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "editor", command, str(path)], cwd=ROOT,
                               capture_output=True, timeout=600)
                cli.append(time.perf_counter() - start)
            print(f"{name:<22}{len(text.encode()):>10}  {t_load:>6.3f}s {how[:5]:<5}  "
                  f"{t_index:>6.3f}s {how_index[:5]:<5}  {cli[0]:>10.2f}s  {cli[1]:>10.2f}s")


if __name__ == "__main__":
    main()
