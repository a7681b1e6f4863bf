"""The window's menus by id, made in one place in menu-bar order; features add to them by id, never by label."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMenuBar

FILE, EDIT, FORMAT, VIEW, GIT, HELP = "file", "edit", "format", "view", "git", "help"

# id -> (title, object name), in the order the menu bar shows them
SPECS: dict[str, tuple[str, str]] = {
    FILE: ("&File", "menuFile"),
    EDIT: ("&Edit", "menuEdit"),
    FORMAT: ("F&ormat", "formatMenu"),
    VIEW: ("&View", "menuView"),
    GIT: ("&Git", "menuGit"),
    HELP: ("&Help", "menuHelp"),
}


class Menus:
    """`menus[VIEW]` is the View menu; every menu exists from the start, so install order does not matter."""

    def __init__(self, bar: QMenuBar) -> None:
        self._menus: dict[str, QMenu] = {}
        for key, (title, name) in SPECS.items():
            menu = bar.addMenu(title)
            menu.setObjectName(name)
            self._menus[key] = menu

    def __getitem__(self, key: str) -> QMenu:
        return self._menus[key]
