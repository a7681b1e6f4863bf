"""CommonMark's seven HTML-block start and end conditions (as goldmark applies them)."""
from __future__ import annotations

import re

_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|"
    "dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|"
    "li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|"
    "tfoot|th|thead|title|tr|track|ul")

_ATTR_NAME = r"[a-zA-Z_:][a-zA-Z0-9_.:-]*"
_ATTR_VALUE = r"(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\")"
_ATTRIBUTE = r"(?:[ \t\n]+" + _ATTR_NAME + r"(?:[ \t\n]*=[ \t\n]*" + _ATTR_VALUE + r")?)"
OPEN_TAG = r"<[A-Za-z][A-Za-z0-9-]*" + _ATTRIBUTE + r"*[ \t\n]*/?>"
CLOSE_TAG = r"</[A-Za-z][A-Za-z0-9-]*[ \t\n]*>"

HTML_BLOCK_OPEN = [
    None,
    re.compile(r"<(?:script|pre|textarea|style)(?:\s|>|$)", re.I),
    re.compile(r"<!--"),
    re.compile(r"<[?]"),
    re.compile(r"<![A-Za-z]"),
    re.compile(r"<!\[CDATA\["),
    re.compile(r"</?(?:" + _BLOCK_TAGS + r")(?:\s|/?>|$)", re.I),
    re.compile(r"(?:" + OPEN_TAG + "|" + CLOSE_TAG + r")[ \t]*$"),
]

HTML_BLOCK_CLOSE = [
    None,
    re.compile(r"</(?:script|pre|textarea|style)>", re.I),
    re.compile(r"-->"),
    re.compile(r"\?>"),
    re.compile(r">"),
    re.compile(r"\]\]>"),
]
