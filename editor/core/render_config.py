"""RenderConfig: the Hugo markup settings of the instant preview, importable without the renderer."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass
class RenderConfig:
    """Hugo markup settings that affect the rendered HTML."""

    unsafe: bool = False
    typographer: bool = True
    highlight_style: str = "monokai"
    highlight_no_classes: bool = True
    ref_resolver: Callable[[str], str | None] | None = None
    params: dict = field(default_factory=dict)
    shortcodes: bool = True
    refs: dict = field(default_factory=dict)   # "ref:target" / "relref:target" → URL (editor.core.hugo.refs)
