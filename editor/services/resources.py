"""Where the app's bundled files live (resources/, the sample content/) and the preview page built from them."""

from __future__ import annotations

import secrets
from pathlib import Path

from editor.bundled import resources_dir
from editor.bundled import sample_content as bundled_content

APP_ID = "hugo-post-editor"
__all__ = ["APP_ID", "bundled_content", "icon_path", "preview_page", "resources_dir"]


def icon_path() -> Path:
    return resources_dir() / "icons" / f"{APP_ID}.svg"


def preview_page() -> str:
    """The preview page: CSS and glue script inlined, the script allowed by a one-off CSP nonce."""
    folder = resources_dir() / "preview"
    template = (folder / "index.html").read_text(encoding="utf-8")
    css = (folder / "preview.css").read_text(encoding="utf-8")
    js = (folder / "preview.js").read_text(encoding="utf-8")
    nonce = secrets.token_urlsafe(16)
    return (template.replace("@NONCE@", nonce).replace("/*@CSS@*/", css)
            .replace("/*@JS@*/", js))
