"""Instant preview renderer: Markdown body -> the HTML Hugo (goldmark) puts in `.Content`."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

import markdown

__all__ = ["RenderConfig", "render_html"]


@dataclass
class RenderConfig:
    """Hugo markup settings that affect the rendered HTML."""

    unsafe: bool = False
    typographer: bool = True
    highlight_style: str = "monokai"
    highlight_no_classes: bool = True
    auto_heading_id_type: str = "github"
    ref_resolver: Callable[[str], str | None] | None = None
    params: dict = field(default_factory=dict)


_local = threading.local()


def render_html(markdown_text: str, unsafe: bool = False, *, config: RenderConfig | None = None) -> str:
    """Render a post body as Hugo would (first version: Python-Markdown `extra`)."""
    md = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=["extra"])
        _local.md = md
    md.reset()
    return md.convert(markdown_text)
