"""The instant and the site preview panes, their wiring and the request guard."""
