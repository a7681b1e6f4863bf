"""The public library API: load/loads/dumps/save posts losslessly, Hugo's rules, the instant renderer.

Plain Python: this package never imports Qt. Names are imported on first use (PEP 562), so a
command that needs only part of the core (e.g. `list`) does not pay for the rest.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "PostError": "editor.core.errors",
    "Post": "editor.core.post",
    "load": "editor.core.files.io", "loads": "editor.core.files.io",
    "dumps": "editor.core.files.io", "save": "editor.core.files.io",
    "render_html": "editor.core.render", "RenderConfig": "editor.core.render",
    "Site": "editor.core.hugo.site", "find_site": "editor.core.hugo.site", "load_site": "editor.core.hugo.site",
}

__all__ = ["PostError", "Post", "load", "loads", "dumps", "save", "render_html", "RenderConfig",
           "Site", "find_site", "load_site"]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'editor.core' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
