"""Menus are made once, by id, in menu-bar order; features add their actions to them by id."""

from __future__ import annotations

from editor.gui.window.menus import EDIT, FILE, FORMAT, GIT, HELP, SPECS, VIEW
from tests.gui.helpers import copy_seed, make_window


def test_menus_by_id_in_menu_bar_order_with_the_features_actions(qtbot, tmp_path):
    window = make_window(qtbot, copy_seed(tmp_path))
    bar = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert bar == [window.menus[key] for key in SPECS]
    assert [m.title() for m in bar] == ["&File", "&Edit", "F&ormat", "&View", "&Git", "&Help"]
    names = {key: {a.objectName() for a in window.menus[key].actions()} for key in SPECS}
    assert {"actionOpen", "actionSave", "actionRestoreRecovery"} <= names[FILE]
    assert {"actionUndo", "actionSpellCheck", "actionPreferences", "actionFixMojibake"} <= names[EDIT]
    assert {"actionBold", "actionQuote"} <= names[FORMAT]
    assert {"actionShowOutline", "actionShowProblems", "actionFocusMode", "actionSitePreview"} <= names[VIEW]
    assert {"actionPublish", "actionSync"} <= names[GIT]
    assert "actionAbout" in names[HELP]
