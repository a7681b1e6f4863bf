"""RenderConfig: the Hugo markup settings of the instant preview, importable without the renderer."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Callable


@dataclass
class RenderConfig:
    """Hugo markup settings that affect the rendered HTML."""

    unsafe: bool = False
    typographer: bool = True
    highlight_style: str = "monokai"
    highlight_no_classes: bool = True
    ref_resolver: Callable[[str], str | None] | None = None
    params: dict[str, Any] = field(default_factory=dict)   # the site's [params], as its config holds them
    shortcodes: bool = True
    refs: dict[str, str] = field(default_factory=dict)   # "ref:target" / "relref:target" → URL (editor.core.hugo.refs)


# What crosses the pipe to the render worker: every field but the resolver (a function cannot cross
# it; the client sends the resolved `refs` instead).
WIRE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(RenderConfig) if f.name != "ref_resolver")
