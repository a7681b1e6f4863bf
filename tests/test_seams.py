"""The window's seams hold: features get the typed FeatureContext, never the window, and no gui module sets or
reads another object's private members."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

GUI = ROOT / "editor" / "gui"


def install_functions_without_context(source: str) -> list[str]:
    """Names of the `install_*` functions whose first parameter is not annotated `FeatureContext`."""
    bad = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("install_") and node.args.args:
            first = node.args.args[0].annotation
            if not (isinstance(first, ast.Name) and first.id == "FeatureContext"):
                bad.append(node.name)
    return bad


def foreign_private_accesses(source: str) -> list[str]:
    """`name._member` where `name` is not `self` or `cls`: another object's private member, set or read."""
    return [f"{node.value.id}.{node.attr} (line {node.lineno})" for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.attr.startswith("_") and not node.attr.startswith("__")
            and node.value.id not in ("self", "cls")]


def gui_sources() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in sorted(GUI.rglob("*.py"))}


def test_the_checks_see_what_they_look_for():
    assert install_functions_without_context("def install_x(window) -> None: ...") == ["install_x"]
    assert install_functions_without_context("def install_x(ctx: FeatureContext, more=1) -> None: ...") == []
    assert foreign_private_accesses("def f(window):\n    window._trace = 1\n") == ["window._trace (line 2)"]
    assert foreign_private_accesses("def f(self):\n    self._x = 1\n    self.__class__\n") == []


def test_every_feature_is_installed_with_the_context_not_the_window():
    sources = gui_sources()
    assert any("def install_" in s for s in sources.values()), "the scan found no feature module"
    assert {path: names for path, source in sources.items()
            if (names := install_functions_without_context(source))} == {}


# Modules whose whole purpose is to replace a third-party library's private function (not our objects'):
THIRD_PARTY_PATCHES = {
    "editor/gui/import_scan.py": ["feature._mod_uses_pyside"],   # PySide6's per-import scan
}


def test_no_gui_module_touches_another_objects_private_members():
    found = {path: [f.split(" (line")[0] for f in accesses] for path, source in gui_sources().items()
             if (accesses := foreign_private_accesses(source))}
    assert found == THIRD_PARTY_PATCHES
