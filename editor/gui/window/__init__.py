"""The window's frame: actions, menus, the Edit menu, pane moves, sizes, message bar, empty state."""
