"""Code blocks as Hugo/Chroma emits them, highlighted with Pygments using inline styles."""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.token import _TokenType
from pygments.util import ClassNotFound

# Chroma language names (as written in fences) that Pygments knows under another alias.
CHROMA_TO_PYGMENTS = {
    "go-html-template": "html+django",
    "go-text-template": "django",
    "gotmpl": "django",
    "shell": "bash",
    "sh": "bash",
    "zsh": "bash",
    "console": "console",
    "txt": "text",
    "plaintext": "text",
    "plain": "text",
    "jsonc": "json",
    "json5": "json",
    "dockerfile": "docker",
    "golang": "go",
    "js": "javascript",
    "ts": "typescript",
    "yml": "yaml",
    "md": "markdown",
    "tf": "terraform",
    "hcl": "terraform",
    "ps1": "powershell",
    "vue": "html",
    "svelte": "html",
}

_PRE_STYLE = {
    "monokai": "color:#f8f8f2;background-color:#272822;",
}


def fence_language(info: str) -> str:
    """The language word of a fence info string (`go {linenos=true}` -> `go`)."""
    info = info.strip()
    if info.startswith("{"):
        return ""
    word = info.split(None, 1)[0] if info else ""
    return word.split("{", 1)[0]


@lru_cache(maxsize=256)
def _lexer(lang: str) -> Lexer | None:
    name = CHROMA_TO_PYGMENTS.get(lang.lower(), lang.lower())
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=16)
def _styles(style_name: str) -> tuple[dict[_TokenType, str], str]:
    try:
        style = get_style_by_name(style_name)
    except ClassNotFound:
        style = get_style_by_name("monokai")
    css: dict[_TokenType, str] = {}
    for ttype, s in style:
        parts = []
        if s["color"]:
            parts.append("color:#" + s["color"])
        if s["bgcolor"]:
            parts.append("background-color:#" + s["bgcolor"])
        if s["bold"]:
            parts.append("font-weight:bold")
        if s["italic"]:
            parts.append("font-style:italic")
        if s["underline"]:
            parts.append("text-decoration:underline")
        css[ttype] = ";".join(parts)
    bg = style.background_color or "#ffffff"
    pre = _PRE_STYLE.get(style_name) or "background-color:%s;" % bg
    pre += "-moz-tab-size:4;-o-tab-size:4;tab-size:4;-webkit-text-size-adjust:none;"
    return css, pre


def _token_css(css: dict[_TokenType, str], ttype: _TokenType | None) -> str:
    while ttype is not None:
        s = css.get(ttype)
        if s:
            return s
        ttype = ttype.parent
    return ""


_LINENOS = re.compile(r"\blinenos\s*=\s*[\"']?(\w+)", re.I)
_LINENOSTART = re.compile(r"\blinenostart\s*=\s*[\"']?(\d+)", re.I)


def fence_options(info: str) -> dict[str, Any]:
    """Hugo code fence attributes that change the text: `linenos=inline` and `lineNoStart`."""
    opts: dict[str, Any] = {}
    brace = info.find("{")
    if brace < 0:
        return opts
    attrs = info[brace:]
    m = _LINENOS.search(attrs)
    if m:
        opts["linenos"] = m.group(1).lower()
    m = _LINENOSTART.search(attrs)
    if m:
        opts["linenostart"] = int(m.group(1))
    return opts


def _number_lines(lines: list[str], start: int) -> list[str]:
    width = len(str(start + len(lines) - 1))
    num = '<span style="white-space:pre;-webkit-user-select:none;user-select:none;margin-right:0.4em;' \
          'padding:0 0.4em 0 0.4em;color:#7f7f7f">%*d</span>'
    return [(num % (width, start + i)) + ln for i, ln in enumerate(lines)]


def render_code(code: str, lang: str, style: str = "monokai", no_classes: bool = True, info: str = "") -> str:
    """HTML for a fenced block: highlighted `div.highlight` when the language is known, else a plain pre."""
    opts = fence_options(info) if info else {}
    if opts.get("linenos") == "inline" and lang:
        return _render_highlighted(code, lang, style, no_classes, opts.get("linenostart", 1))
    if not lang:
        return '<pre tabindex="0"><code>%s</code></pre>' % html.escape(code, quote=False)
    attr_lang = html.escape(lang)
    lexer = _lexer(lang)
    if lexer is None:
        return '<pre tabindex="0"><code class="language-%s" data-lang="%s">%s</code></pre>' % (
            attr_lang, attr_lang, html.escape(code, quote=False))
    return _render_highlighted(code, lang, style, no_classes, 0)


def _render_highlighted(code: str, lang: str, style: str, no_classes: bool, linenos_start: int) -> str:
    attr_lang = html.escape(lang)
    lexer = _lexer(lang) or _lexer("text")
    assert lexer is not None   # Pygments always has its plain-text lexer
    css, pre_style = _styles(style)
    out = []
    line: list[str] = []
    for ttype, value in lexer.get_tokens(code):
        parts = value.split("\n")
        for k, part in enumerate(parts):
            if k:
                line.append("\n")
                out.append('<span style="display:flex;"><span>%s</span></span>' % "".join(line))
                line = []
            if part:
                esc = html.escape(part, quote=False)
                s = _token_css(css, ttype) if no_classes else ""
                line.append('<span style="%s">%s</span>' % (s, esc) if s else esc)
    if line:
        out.append('<span style="display:flex;"><span>%s</span></span>' % "".join(line))
    if linenos_start:
        out = [o.replace("<span>", "<span>" + n, 1) for o, n in zip(out, _number_lines([""] * len(out), linenos_start))]
    return ('<div class="highlight"><pre tabindex="0" style="%s">'
            '<code class="language-%s" data-lang="%s">%s</code></pre></div>'
            % (pre_style, attr_lang, attr_lang, "".join(out)))


def render_indented(code: str) -> str:
    return "<pre><code>%s</code></pre>" % html.escape(code, quote=False)
