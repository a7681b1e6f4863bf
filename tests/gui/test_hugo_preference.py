"""Preferences → Hugo: the binary chosen in the window is the one the core (site preview, new, doctor) runs."""

from __future__ import annotations

from PySide6.QtGui import QAction

from editor.core.hugo import binary as hugo
from tests.core.test_site_hugo_choice import OLD, fake_hugo
from tests.gui.helpers import copy_seed, find, make_window


def test_the_preference_reaches_the_core(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("HUGO_BIN", raising=False)
    chosen = fake_hugo(tmp_path / "my hugo", OLD)
    window = make_window(qtbot, copy_seed(tmp_path))
    asked = []
    window.prompts.script(preferences=lambda current: asked.append(current) or {**current, "hugo_binary": str(chosen)})
    find(window, QAction, "actionPreferences").trigger()
    assert asked and asked[0]["hugo_binary"] == ""
    assert hugo.choose_binary() == (chosen, "preference")
    assert hugo.describe_binary() == f"Hugo 0.92.0 (preference: {chosen})"
    window.prompts.script(preferences=lambda current: {**current, "hugo_binary": ""})
    find(window, QAction, "actionPreferences").trigger()
    assert hugo.choose_binary()[1] == "bundled"
