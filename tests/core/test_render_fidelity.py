"""The instant preview matches real Hugo on the shared corpus (preview-fidelity tool, full corpus)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TOOL = SHARED / "tools" / "preview-fidelity" / "fidelity.py"
CORPUS = SHARED / "corpus"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not (TOOL.exists() and CORPUS.exists()), reason="shared fidelity tool or corpus not present")
@pytest.mark.parametrize("extra", [[], ["--unsafe"]])
def test_fidelity_full_corpus_at_least_99_percent(extra):
    r = subprocess.run([sys.executable, str(TOOL), "--renderer", "editor.core.render:render_markdown",
                        "--corpus", str(CORPUS), "--no-long", "--min-identical", "99", *extra],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    summary = [ln for ln in r.stdout.splitlines() if ln.startswith("fidelity:")]
    assert r.returncode == 0, (r.returncode, summary, r.stderr[-2000:])
