"""The Python-Markdown extension that makes Markdown() behave like Hugo's goldmark setup."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from typing import Any

import markdown
from markdown.blockparser import BlockParser as MdBlockParser
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor, RawHtmlPostprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import UnescapeTreeprocessor

from . import inline
from .blocknodes import Block
from .linkrefs import Refs
from .blocks import BlockParser
from .postinline import HugoTreeprocessor
from .tree import RAW_TAG, TreeBuilder


class RenderState:
    """Per-render settings and scratch data shared by the extension's processors."""

    def __init__(self) -> None:
        self.unsafe = False
        self.typographer = True
        self.style = "monokai"
        self.no_classes = True
        self.reset()

    def reset(self) -> None:
        self.footnotes: dict[str, Block | None] = {}   # label → its definition (None: defined in another chunk)
        self.fn_order: list[str] = []
        self.fn_refs: dict[str, int] = {}
        self.raw: list[str] = []
        self.raw_src: dict[str, str] = {}   # inline raw HTML: stash placeholder -> its source text
        # Chunk mode (incremental.py): the document's link refs and footnote labels come from
        # outside, no footnote list is built and auto heading ids are left for a global pass.
        self.chunk = False
        self.refs_override: Refs | None = None
        self.explicit_ids: list[str] = []
        self.tail = ""


class _Normalize(Preprocessor):
    """Newlines to LF, NUL to U+FFFD; tabs are kept (goldmark keeps them in code)."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        text = text.replace("\x02", "").replace("\x03", "").replace("\r\n", "\n").replace("\r", "\n")
        return text.replace("\x00", "\ufffd").split("\n")


class _DocumentParser(MdBlockParser):
    """Replaces Python-Markdown's block parsing with the CommonMark parser in blocks.py."""

    def __init__(self, md: markdown.Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.render_state = state   # not `state`: Python-Markdown's BlockParser has a State of its own

    def parseDocument(self, lines: Iterable[str]) -> etree.ElementTree:  # noqa: N802 (Python-Markdown API)
        st = self.render_state
        self.root = etree.Element(self.md.doc_tag)
        bp = BlockParser()
        doc = bp.parse("\n".join(lines))
        self.md.references.clear()
        # A title-less definition's title is None, which Python-Markdown reads as none; its stubs say str.
        self.md.references.update(bp.refs if st.refs_override is None else st.refs_override)  # type: ignore[arg-type]
        builder = TreeBuilder(st.unsafe, st.style, st.no_classes)
        builder.build(self.root, doc)
        if st.chunk:
            st.raw = builder.raw     # st.footnotes holds the document's labels already
            return etree.ElementTree(self.root)
        st.footnotes = dict(bp.footnotes)
        if bp.footnotes:
            holder = etree.SubElement(self.root, "div")
            holder.set("class", "footnotes")
            for label, blk in bp.footnotes.items():
                li = etree.SubElement(holder, "li")
                li.set("data-label", label)
                builder.build(li, blk)
        st.raw = builder.raw
        return etree.ElementTree(self.root)


class _RawBlocks(Postprocessor):
    """Puts code blocks and raw HTML blocks back in place of their placeholder elements."""

    _RE = re.compile(r"<%s>(\d+)</%s>\n?" % (RAW_TAG, RAW_TAG))

    def __init__(self, md: markdown.Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        raw = self.state.raw
        return self._RE.sub(lambda m: raw[int(m.group(1))] + "\n", text)


class _Unescape(UnescapeTreeprocessor):
    """Escaped characters back in place; an escaped '&' stays text (`\\&ouml;` is not an entity)."""

    def _unescape(self, m: re.Match[str]) -> str:
        c = chr(int(m.group(1)))
        return "&amp;" if c == "&" else c


class _InlineRaw(RawHtmlPostprocessor):
    """Stashed raw HTML back in place. The stash holds inline HTML only (blocks go through _RawBlocks),
    and goldmark keeps a paragraph made of nothing but inline HTML a paragraph."""

    def isblocklevel(self, html: str) -> bool:  # noqa: N802 (Python-Markdown API)
        return False


class _Tail(Postprocessor):
    """Chunk mode: remembers the whitespace Markdown.convert strips, which the joined document keeps."""

    def __init__(self, md: markdown.Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        if self.state.chunk:
            self.state.tail = text[len(text.rstrip()):]
        return text


class HugoExtension(Extension):
    """Registers the Hugo-behaviour processors on a Markdown instance."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = RenderState()

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        st = self.state
        md.preprocessors.deregister("normalize_whitespace")
        md.preprocessors.deregister("html_block")
        md.preprocessors.register(_Normalize(md), "hpe_normalize", 30)
        md.parser = _DocumentParser(md, st)
        inline.install(md, st)
        md.treeprocessors.register(HugoTreeprocessor(md, st), "hpe_post", 15)
        md.treeprocessors.register(_Unescape(md), "unescape", 0)
        md.postprocessors.register(_RawBlocks(md, st), "hpe_raw", 35)
        md.postprocessors.register(_InlineRaw(md), "raw_html", 30)
        md.postprocessors.register(_Tail(md, st), "hpe_tail", 1)
        md.registerExtension(self)

    def reset(self) -> None:
        self.state.reset()
