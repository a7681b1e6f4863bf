"""The layers hold: import-linter's contracts, and services on QtCore only (import-linter sees PySide6 as one)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def qt_modules(package: str) -> dict[str, set[str]]:
    """Every PySide6 module each file of `package` imports, at any depth (lazy imports count)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                if name.split(".")[0] == "PySide6":
                    found.setdefault(str(path.relative_to(ROOT)), set()).add(name)
    return found


def test_services_import_only_qtcore():
    used = qt_modules("editor/services")
    assert used, "the scan found no Qt import at all: it is not looking at the services"
    assert {path: mods for path, mods in used.items() if mods - {"PySide6.QtCore"}} == {}


def _tool(name: str) -> str:
    """A console script installed beside this interpreter (the test extra brings it)."""
    path = Path(sys.executable).with_name(name)
    assert path.exists(), f"{name} is not installed: pip install -e '.[test]'"
    return str(path)


def test_layer_contracts_hold():
    """gui -> services -> core, core without Qt: import-linter's contracts in pyproject.toml."""
    result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "0 broken" in result.stdout
