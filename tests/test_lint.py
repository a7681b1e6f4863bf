"""The code stays lint-clean: ruff (pyflakes, pycodestyle, complexity) passes with the config in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_ruff_passes():
    ruff = Path(sys.executable).with_name("ruff")
    assert ruff.exists(), "ruff is not installed: pip install -e '.[test]'"
    result = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr
