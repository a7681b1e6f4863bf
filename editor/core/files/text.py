"""Bytes ⇄ text for post files: strict UTF-8, byte-order mark and newline style, clear encoding errors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.errors import PostError

BOM = "\ufeff"


@dataclass(frozen=True)
class Decoded:
    text: str          # the file's text without BOM, newlines exactly as in the file
    bom: bool          # the file started with a UTF-8 byte-order mark
    newline: str       # the dominant newline: "\n", "\r\n" or "\r"


def detect_newline(text: str) -> str:
    """The newline style most used in `text` ("\\n" when there is none)."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf > lf and crlf >= cr:
        return "\r\n"
    if cr > lf and cr > crlf:
        return "\r"
    return "\n"


def decode(data: bytes, path: str | None = None) -> Decoded:
    """Decode a post file's bytes; anything that is not UTF-8 text raises PostError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PostError("the file is not UTF-8 text (it is UTF-16); save it as UTF-8", path=path,
                        line=1, column=1)
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise PostError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} is invalid here; "
            "Latin-1 or Windows-1252?)", path=path, line=line, column=column) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise PostError("the file is binary, not text (it contains a NUL byte)", path=path,
                        line=line, column=nul - (text.rfind("\n", 0, nul) + 1) + 1)
    return Decoded(text=text, bom=bom, newline=detect_newline(text))


def encode(text: str, bom: bool) -> bytes:
    """The bytes of `text` as UTF-8, with a BOM when the file had one. Text holding lone surrogates
    (undecodable bytes smuggled in through a command-line argument or a file name) raises PostError
    with its line instead of writing something no reader can decode."""
    try:
        return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = len(re.findall(r"\r\n|\n|\r", text[: exc.start])) + 1
        raise PostError(f"the text holds a character that is not Unicode text (U+{ord(text[exc.start]):04X}, "
                        "an undecodable byte); not written", line=line, column=1) from None


def to_newline(text: str, newline: str) -> str:
    """`text` (with any newlines) converted to one newline style."""
    if "\r" not in text:   # the usual case, ~100x cheaper than the two replaces (a body is read per keystroke)
        return text if newline == "\n" else text.replace("\n", newline)
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    return unified if newline == "\n" else unified.replace("\n", newline)


@dataclass(frozen=True)
class Conversion:
    """A file that was not UTF-8, read with its bad bytes as Windows-1252 (Latin-1 where cp1252 has none)."""
    decoded: Decoded
    changes: list[tuple[int, int, str, str]]   # (line, column, the byte(s) as hex, the character read)

    def summary(self, limit: int = 8) -> str:
        """What converting to UTF-8 changes, e.g. `line 3:7 byte e9 → "é"`, at most `limit` items."""
        items = [f'line {ln}:{col} byte {raw} \u2192 "{ch}"' for ln, col, raw, ch in self.changes[:limit]]
        more = len(self.changes) - limit
        return "; ".join(items) + (f"; and {more} more" if more > 0 else "")


_ESCAPED = re.compile("[\udc80-\udcff]")


def _legacy_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")   # 0x81 0x8d 0x8f 0x90 0x9d: undefined in cp1252


def decode_legacy(data: bytes, path: str | None = None) -> Conversion:
    """Decode bytes that are not valid UTF-8: valid UTF-8 sequences stay, every invalid byte is read as
    Windows-1252. Never produces U+FFFD; binary (NUL) and UTF-16 data still raise PostError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PostError("the file is UTF-16, not a single-byte encoding; save it as UTF-8", path=path)
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    # surrogateescape marks each invalid byte as U+DC80..U+DCFF in one linear pass.
    escaped = data.decode("utf-8", "surrogateescape")
    changes: list[tuple[int, int, str, str]] = []
    line, line_start, last = 1, 0, 0
    for m in _ESCAPED.finditer(escaped):
        newlines = escaped.count("\n", last, m.start())
        if newlines:
            line += newlines
            line_start = escaped.rfind("\n", last, m.start()) + 1
        last = m.start()
        byte = ord(m.group()) - 0xDC00
        char = _legacy_char(byte)
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        changes.append((line, m.start() - line_start + 1, f"{byte:02x}", shown))
    text = _ESCAPED.sub(lambda m: _legacy_char(ord(m.group()) - 0xDC00), escaped)
    nul = text.find("\0")
    if nul >= 0:
        raise PostError("the file is binary, not text (it contains a NUL byte)", path=path,
                        line=text.count("\n", 0, nul) + 1)
    return Conversion(Decoded(text=text, bom=bom, newline=detect_newline(text)), changes)


def is_encoding_error(exc: PostError) -> bool:
    """True for the error `decode` raises on bytes that are not UTF-8 (a conversion can help)."""
    return exc.reason.startswith("the file is not UTF-8 text (byte")


def unified_diff(old: str, new: str, old_name: str, new_name: str, context: int = 2) -> str:
    """A unified diff of two texts (for "compare" views); empty when they are equal."""
    import difflib
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 old_name, new_name, n=context)
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
