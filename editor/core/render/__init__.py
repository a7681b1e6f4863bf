"""Instant preview renderer: Markdown body -> the HTML Hugo (goldmark) puts in `.Content`."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

import markdown

from .extension import HugoExtension

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
    shortcodes: bool = True


_local = threading.local()


def _instance() -> tuple[markdown.Markdown, HugoExtension]:
    """One Markdown instance per thread: Python-Markdown objects are not thread-safe."""
    inst = getattr(_local, "inst", None)
    if inst is None:
        ext = HugoExtension()
        md = markdown.Markdown(extensions=[ext])
        inst = _local.inst = (md, ext)
    return inst


def render_body(markdown_text: str, config: RenderConfig) -> str:
    """Render shortcode-free Markdown with the given settings."""
    md, ext = _instance()
    md.reset()
    st = ext.state
    st.unsafe = config.unsafe
    st.typographer = config.typographer
    st.style = config.highlight_style
    st.no_classes = config.highlight_no_classes
    return md.convert(markdown_text)


def render_html(markdown_text: str, unsafe: bool = False, *, config: RenderConfig | None = None) -> str:
    """Render a post body as Hugo 0.168 would put it in `.Content`."""
    if config is None:
        config = RenderConfig(unsafe=unsafe)
    elif unsafe and not config.unsafe:
        config = RenderConfig(**{**config.__dict__, "unsafe": True})
    return render_body(markdown_text, config)
