"""Text from posts printed on a terminal: control characters shown, never obeyed (no escape-sequence injection)."""

from __future__ import annotations

import re
import sys

# C0 controls except tab and newline, DEL, C1 controls: what a terminal may act on. ESC starts
# sequences that set the window title, write the clipboard (OSC 52), or answer back into the input.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def visible(text: str) -> str:
    """`text` with every control character a terminal would act on written as \\xNN."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _Guarded:
    """A text stream that makes control characters visible on their way to a terminal."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def protect() -> None:
    """Guard stdout and stderr when they are terminals (a pipe or file gets the exact bytes)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, _Guarded):
            continue
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        if tty:
            setattr(sys, name, _Guarded(stream))
