"""Instant preview renderer: Markdown body -> the HTML Hugo (goldmark) puts in `.Content`."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace

import markdown

from editor.core.render_config import RenderConfig  # the UI imports it without the renderer

from .extension import HugoExtension
from .linkrefs import Refs
from .inline import FastInlineProcessor
from .shortcodes import Shortcodes

__all__ = ["ChunkInput", "RenderConfig", "render_html", "render_markdown"]

SUMMARY_DIVIDER = "<!--more-->"
# Hugo replaces the first divider with a paragraph of its own marker, renders, then takes the marker
# out of the HTML: the divider ends the paragraph (or list) it stands in.
_DIVIDER_MARK = "HPESUMMARYDIVIDER7Q"
_DIVIDER_OUT = re.compile(r"<p>%s</p>\n?|%s\n?" % (_DIVIDER_MARK, _DIVIDER_MARK))
_DIVIDER_IN = re.compile(re.escape(SUMMARY_DIVIDER) + "[ \t]*")


def split_at_divider(text: str) -> str:
    """text with its first summary divider (and the blanks after it) replaced as Hugo's lexer does."""
    return _DIVIDER_IN.sub("\n\n" + _DIVIDER_MARK + "\n\n", text, 1) if SUMMARY_DIVIDER in text else text


_local = threading.local()


def _instance() -> tuple[markdown.Markdown, HugoExtension]:
    """One Markdown instance per thread: Python-Markdown objects are not thread-safe."""
    inst = getattr(_local, "inst", None)
    if inst is None:
        ext = HugoExtension()
        md = markdown.Markdown(extensions=[ext])
        # after every extension registered its patterns: the inline pass with a frozen pattern list
        md.treeprocessors.register(FastInlineProcessor(md), "inline", 20)
        inst = _local.inst = (md, ext)
    return inst


# C0 control characters other than tab, LF and CR never reach the output. In the source they become
# U+FFFD, as CommonMark does for NUL (the renderer's own markers use some of them internally) -
# except vertical tab and form feed, which real posts contain (pasted from slide software): they
# are parsed as goldmark parses them and become a space in the HTML, as a browser shows them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
_VT_FF = str.maketrans("\x0b\x0c", "  ")


def without_controls(text: str) -> str:
    """Source text with every control character but tab, LF, CR, VT and FF replaced by U+FFFD."""
    return _CONTROL.sub("\ufffd", text) if _CONTROL.search(text) else text


def _output(html: str) -> str:
    """The HTML with vertical tabs and form feeds as spaces (the other controls are gone already)."""
    return html.translate(_VT_FF) if "\x0b" in html or "\x0c" in html else html


def render_body(markdown_text: str, config: RenderConfig, chunk: "ChunkInput | None" = None) -> str:
    """Render shortcode-free Markdown with the given settings (`chunk`: as one piece of a document)."""
    markdown_text = without_controls(markdown_text)
    # Hugo's page lexer removes the first summary divider from the source, wherever it is.
    if chunk is None or chunk.whole:   # a chunk: the document's first divider is replaced already
        markdown_text = split_at_divider(markdown_text)
    md, ext = _instance()
    md.reset()
    st = ext.state
    st.unsafe = config.unsafe
    st.typographer = config.typographer
    st.style = config.highlight_style
    st.no_classes = config.highlight_no_classes
    if chunk is not None:
        st.refs_override = chunk.refs
        if not chunk.whole:
            st.chunk = True
            st.footnotes = dict.fromkeys(chunk.footnote_labels)
    html = _output(md.convert(markdown_text))
    if _DIVIDER_MARK in html:
        html = _DIVIDER_OUT.sub("", html)
    if chunk is not None:
        chunk.explicit_ids = list(st.explicit_ids)
        chunk.fn_order = list(st.fn_order)
        chunk.fn_refs = dict(st.fn_refs)
        chunk.tail = st.tail
    return html


@dataclass
class ChunkInput:
    """What a piece of a document needs from the whole (in) and tells the document-wide pass (out)."""

    refs: Refs
    footnote_labels: tuple[str, ...] = ()
    whole: bool = False        # a whole document that only borrows `refs` (footnotes listed as usual)
    explicit_ids: list[str] = field(default_factory=list)
    fn_order: list[str] = field(default_factory=list)
    fn_refs: dict[str, int] = field(default_factory=dict)
    tail: str = ""             # the whitespace after this piece inside a whole document


def _config(unsafe: bool, config: RenderConfig | None) -> RenderConfig:
    if config is None:
        return RenderConfig(unsafe=unsafe)
    if unsafe and not config.unsafe:
        return replace(config, unsafe=True)
    return config


def render_html(markdown_text: str, unsafe: bool = False, *, config: RenderConfig | None = None,
                chunk: ChunkInput | None = None) -> str:
    """Render a post body (shortcodes included) as Hugo 0.168 would put it in `.Content`."""
    config = _config(unsafe, config)
    markdown_text = without_controls(markdown_text)   # shortcode arguments too
    if not config.shortcodes or "{{" not in markdown_text:
        return render_body(markdown_text, config, chunk)
    sc = Shortcodes(lambda inner: render_html(inner, config=config), config)
    expanded = sc.expand(markdown_text)
    return _output(sc.restore(render_body(expanded, config, chunk)))


def render_markdown(markdown_text: str, unsafe: bool = False, *, config: RenderConfig | None = None) -> str:
    """Render Markdown whose shortcodes were already removed (`{{< x >}}` stays literal text)."""
    return render_body(markdown_text, _config(unsafe, config))
