"""The spell-check dictionary loads after the first preview has painted, and only when spell check is on."""
from __future__ import annotations

from PySide6.QtGui import QAction

from editor.services.checks import spelling
from editor.services.settings import Settings
from tests.gui.helpers import copy_seed, find, make_window


def _recording_loads(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = spelling._load

    def load(language: str):
        calls.append(language)
        return real(language)
    monkeypatch.setattr(spelling, "_load", load)
    return calls


def test_dictionary_loads_after_the_first_preview_paint(qtbot, tmp_path, monkeypatch):
    calls = _recording_loads(monkeypatch)
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    assert calls == []                       # not while the window is built
    with qtbot.waitSignal(window.preview.applied, timeout=20000):
        pass
    qtbot.waitUntil(lambda: window.spell.service.is_ready, timeout=20000)
    assert calls == ["en"]


def test_no_dictionary_while_spell_check_is_off(qtbot, tmp_path, monkeypatch):
    calls = _recording_loads(monkeypatch)
    Settings().set_value("spell/enabled", False)
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    service = window.spell.service
    with qtbot.waitSignal(window.preview.applied, timeout=20000):
        pass
    qtbot.waitUntil(lambda: window.spell.painted, timeout=20000)
    assert calls == [] and not service.is_ready
    find(window, QAction, "actionSpellCheck").trigger()     # turned on: the dictionary loads now
    qtbot.waitUntil(lambda: service.is_ready, timeout=20000)
    assert calls == ["en"]
