"""`hugo server` output read as events: watching, ready, each rebuild's start, errors and end."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass
class Event:
    """One thing `hugo server` reported: watching, ready(url), rebuilding(time), error(message),
    rebuilt(ms, failed), port_busy(message)."""
    kind: str
    url: str = ""
    message: str = ""
    time: float | None = None   # wall-clock seconds (rebuilding)
    ms: int | None = None        # rebuild duration (rebuilt)
    failed: bool = False         # rebuilt after an error in the same rebuild


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_READY = re.compile(r"Web Server is available at (\S+)(?: \(bind address [^)]*\) (\S+))?")
_CHANGE = re.compile(r"^Change detected, rebuilding site")
_STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) ([+-]\d{4})\s*$")
_TOTAL = re.compile(r"^Total in (\d+) ms")
_BUSY = re.compile(r"address already in use", re.I)


class ServerOutput:
    """Turns `hugo server` output (stdout and stderr merged, in order) into Events.

    Fed chunks as they arrive; partial lines wait for their end. Verified against Hugo 0.168:
    "Watching for changes in …" once the watcher (and its ticker) exists; "Web Server is
    available at URL" once serving (and again after each rebuild); per rebuild "Change detected,
    rebuilding site (#N)." then a timestamp line, "ERROR …" lines on failure, then "Total in N ms".
    """

    def __init__(self) -> None:
        self._buf = ""
        self._error: list[str] | None = None
        self._failed = False
        self._expect_stamp = False
        self.is_ready = False
        self.errors: list[str] = []   # every error message seen (for startup failures)
        self.servers: dict[str, str] = {}   # multihost: language → its own server's URL

    def feed(self, chunk: str) -> list[Event]:
        self._buf += chunk
        *lines, self._buf = self._buf.split("\n")
        out: list[Event] = []
        for line in lines:
            self._line(_ANSI.sub("", line.rstrip("\r")), out)
        return out

    def finish(self) -> list[Event]:
        """The process ended: flush what is left."""
        out: list[Event] = []
        if self._buf:
            self._line(_ANSI.sub("", self._buf), out)
            self._buf = ""
        self._flush(out)
        return out

    def _flush(self, out: list[Event]) -> None:
        if self._error is not None:
            msg = "\n".join(self._error).strip()
            self._error = None
            self.errors.append(msg)
            self._failed = True
            out.append(Event("port_busy" if _BUSY.search(msg) else "error", message=msg))

    def _line(self, line: str, out: list[Event]) -> None:
        if self._expect_stamp:
            self._expect_stamp = False
            m = _STAMP.match(line)
            if m:
                stamp = dt.datetime.strptime(m[1][:26] + m[2], "%Y-%m-%d %H:%M:%S.%f%z")
                out.append(Event("rebuilding", time=stamp.timestamp()))
                return
            out.append(Event("rebuilding"))
        if line.startswith(("ERROR", "Error:")):
            self._flush(out)
            self._error = [re.sub(r"^(ERROR|Error:)\s*", "", line)]
            return
        m_ready = _READY.search(line)
        known = m_ready or _CHANGE.match(line) or _TOTAL.match(line) or line.startswith(
            ("Watching for", "WARN", "INFO", "Start building", "Press Ctrl+C"))
        if self._error is not None and not known and line.strip():
            self._error.append(line)
            return
        self._flush(out)
        if line.startswith("Watching for changes"):
            out.append(Event("watching"))
        elif m_ready:
            if m_ready[2]:   # multihost: one server (port) per language, the language named last
                self.servers.setdefault(m_ready[2].lower(), m_ready[1])
            if not self.is_ready:
                self.is_ready = True
                out.append(Event("ready", url=m_ready[1]))
        elif _CHANGE.match(line):
            self._failed = False
            self._expect_stamp = True
        elif m := _TOTAL.match(line):
            out.append(Event("rebuilt", ms=int(m[1]), failed=self._failed))
            self._failed = False
        elif _BUSY.search(line):
            out.append(Event("port_busy", message=line.strip()))
