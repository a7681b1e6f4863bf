"""Services between widgets and the core: documents, preview rendering, post lists, settings (QtCore only)."""
