"""Where the app's bundled files live (resources/, the sample content/) and the preview page built from them."""

from __future__ import annotations

import secrets
from pathlib import Path

import editor

APP_ID = "hugo-post-editor"


def project_root() -> Path:
    # The app is installed editable (or run from a checkout): resources/ sits beside the package.
    return Path(editor.__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def bundled_content() -> Path:
    """The sample content folder shipped with the app (it holds the seed post)."""
    return project_root() / "content"


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
