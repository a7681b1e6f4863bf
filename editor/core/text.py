"""Bytes ⇄ text for post files: strict UTF-8, byte-order mark and newline style, clear encoding errors."""

from __future__ import annotations

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
    """The bytes of `text` as UTF-8, with a BOM when the file had one."""
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def to_newline(text: str, newline: str) -> str:
    """`text` (with any newlines) converted to one newline style."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    return unified if newline == "\n" else unified.replace("\n", newline)
