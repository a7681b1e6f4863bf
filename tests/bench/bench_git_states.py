"""Benchmark: git states of a big site (after every post-list refresh) and the Publish plan, against `git status`.

Run: .venv/bin/python tests/bench/bench_git_states.py [--posts 10000] [--changed 20] [--runs 5]
Prints the median of --runs for `git status` alone, page_states (what the post list asks for,
in a worker thread) and plan (what the Publish dialog asks for: states plus reading the changed posts).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from editor.core.git import publish  # noqa: E402
from editor.core.hugo.site import open_site  # noqa: E402
from tests.sitegen import generate_posts, make_site  # noqa: E402


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--posts", type=int, default=10000)
    ap.add_argument("--changed", type=int, default=20)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
                           "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
                           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"})
        root = make_site(tmp, generate_posts(args.posts, words=200))
        _git(root, "init", "-q")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "initial")
        for i in range(args.changed):
            post = root / "content" / "posts" / f"post-{i:05d}.md"
            post.write_text(post.read_text() + "\nedited\n")
        site = open_site(root)
        status = _median(lambda: _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all"), args.runs)
        states = _median(lambda: publish.page_states(site), args.runs)
        plan = _median(lambda: publish.plan(site), args.runs)
        assert len(publish.page_states(site) or {}) == args.changed
        print(f"{args.posts} posts, {args.changed} changed (median of {args.runs})")
        print(f"  git status          {status * 1000:7.1f} ms")
        print(f"  page_states (list)  {states * 1000:7.1f} ms")
        print(f"  plan (dialog)       {plan * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
