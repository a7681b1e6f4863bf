"""The render worker's framing (length-prefixed JSON, body as raw UTF-8), without the renderer for the UI."""
from __future__ import annotations

import json
import struct
from typing import Any

HEADER = struct.Struct(">I")


def encode(message: dict[str, Any]) -> bytes:
    """One frame: length, then JSON. A request's "text" travels as raw UTF-8 after the JSON part
    (length, JSON length, JSON, text), so a 50,000-word body is never JSON-escaped."""
    text: str | None = message.get("text")
    if text is None:
        data = json.dumps(message, ensure_ascii=False).encode("utf-8")
        return HEADER.pack(len(data)) + data
    meta = json.dumps({k: v for k, v in message.items() if k != "text"}).encode("utf-8")
    raw = text.encode("utf-8", "surrogatepass")
    return HEADER.pack(HEADER.size + len(meta) + len(raw) + 0x80000000) + HEADER.pack(len(meta)) + meta + raw


def decode(size_word: int, body: bytes) -> dict[str, Any]:
    if not size_word & 0x80000000:
        whole: dict[str, Any] = json.loads(body)
        return whole
    n = HEADER.unpack_from(body)[0]
    message: dict[str, Any] = json.loads(body[HEADER.size:HEADER.size + n])
    message["text"] = body[HEADER.size + n:].decode("utf-8", "surrogatepass")
    return message
