"""Split a post's text into front matter and body by delimiter (--- +++ {…}), keeping every byte."""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.frontmatter import json_fm
from editor.core.errors import PostError

YAML, TOML, JSON, NONE = "yaml", "toml", "json", "none"
FORMATS = (YAML, TOML, JSON, NONE)
_OPEN = re.compile(r"\A(?:[ \t]*(?:\r\n|\n|\r))*(---|\+\+\+)[ \t]*(?:\r\n|\n|\r)")
_JSON_OPEN = re.compile(r"\A\s*\{")


@dataclass
class Parts:
    """head + fm + tail + body == the whole text (BOM removed)."""
    format: str
    head: str   # blank lines before and the opening delimiter line
    fm: str     # the raw front matter (for JSON the whole object)
    tail: str   # the closing delimiter line (empty for JSON and none)
    body: str

    def join(self) -> str:
        return self.head + self.fm + self.tail + self.body

    @property
    def fm_first_line(self) -> int:
        """0-based line of the file where the front matter text starts."""
        return len(re.findall(r"\r\n|\n|\r", self.head))


def split(text: str) -> Parts:
    """Find the front matter as Hugo does; a missing closing delimiter raises PostError."""
    m = _OPEN.match(text)
    if m:
        delim = m.group(1)
        fmt = YAML if delim == "---" else TOML
        closing = re.compile(r"(?<=[\n\r])" + re.escape(delim) + r"[ \t]*(?:\r\n|\n|\r|\Z)")
        c = closing.search(text, m.end())
        if c is None:
            line = len(re.findall(r"\r\n|\n|\r", text[: m.start(1)])) + 1
            raise PostError(f"the front matter opened with {delim} is never closed "
                            f"(no {delim} line after it)", line=line, column=1)
        return Parts(fmt, text[: m.end()], text[m.end(): c.start()], text[c.start(): c.end()],
                     text[c.end():])
    m = _JSON_OPEN.match(text)
    if m:
        start = m.end() - 1
        end = json_fm.object_end(text, start)
        return Parts(JSON, text[:start], text[start:end], "", text[end:])
    return Parts(NONE, "", "", "", text)
