"""Prints the spell-check dictionary's load time and memory: pyspellchecker's dict beside the compact
word list (built from the source, and read from the cache), each in a fresh process; and the time of
a suggestion at edit distance 1 and 2.

    .venv/bin/python tests/bench/bench_spelling.py [--language en]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import gc, sys, time
from pathlib import Path
def pss():
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
import spellchecker
from editor.services.checks import spell_words
gc.collect()
before = pss()
t = time.perf_counter()
if sys.argv[1] == "pyspellchecker":
    words = spellchecker.SpellChecker(language=sys.argv[2], distance=2)
else:
    words = spell_words.load(sys.argv[2])
load_ms = (time.perf_counter() - t) * 1000
gc.collect()
grown = pss() - before
times = []
for word in ("recieve", "transparancy", "acomodate"):
    t = time.perf_counter()
    words.candidates(word)
    times.append((time.perf_counter() - t) * 1000)
print(f"{sys.argv[3]:<28} load {load_ms:6.0f} ms   PSS +{grown:5.1f} MiB   "
      f"candidates " + " / ".join(f"{x:.0f}" for x in times) + " ms")
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--language", default="en")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache, PYTHONPATH=str(ROOT))
        for kind, label in (("pyspellchecker", "pyspellchecker dict"), ("compact", "compact, first (builds)"),
                            ("compact", "compact, cached")):
            subprocess.run([sys.executable, "-c", PROBE, kind, args.language, label], env=env, check=True)
    print("candidates: recieve (distance 1) / transparancy (1) / acomodate (2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
