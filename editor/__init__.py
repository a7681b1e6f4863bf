"""Hugo Post Editor: a desktop editor for Hugo posts (gui → services → core)."""

__version__ = "0.1.0"
