"""The core is statically typed: `mypy --strict editor/core` passes with the config in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_core_passes_mypy_strict():
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "editor/core"], cwd=ROOT,
                            capture_output=True, text=True)
    assert "No module named mypy" not in result.stderr, "mypy is not installed: pip install -e '.[test]'"
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr
