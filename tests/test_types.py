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


def test_no_core_module_is_excused_from_the_check():
    """The whole core is checked: no override turns mypy's errors off for a module of it, and a
    `# type: ignore` must name the error it silences (ignore-without-code)."""
    import tomllib
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    excused = [o["module"] for o in config.get("overrides", []) if o.get("ignore_errors")]
    assert excused == []
    assert "ignore-without-code" in config.get("enable_error_code", [])
