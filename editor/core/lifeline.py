"""Child processes die with the app (PR_SET_PDEATHSIG), and servers left by a crash are found and stopped.

Run as a script it is the launcher: `python -I -S lifeline.py PARENT_PID PROGRAM ARGS…` arms the
death signal, checks the parent is still the one that started it, then becomes PROGRAM (execv keeps
the death signal). It imports nothing of the app, so it starts in a few milliseconds.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1
RECORD = "server.json"
Record = dict[str, Any]   # JSON as server.json holds it: every reader checks what it uses


def die_with_parent(parent: int | None = None, sig: int = signal.SIGTERM) -> bool:
    """Ask the kernel to send `sig` to this process when its parent dies (Linux); True when armed.

    `parent` is the pid that started us: if it is already gone (we were re-parented before the
    signal was armed), we send ourselves the signal at once.
    """
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), sig)
    return armed


def launcher_command(argv: list[str]) -> list[str]:
    """`argv` wrapped so that the program dies with this process (even on SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return list(argv)
    return [sys.executable, "-I", "-S", str(Path(__file__).resolve()), str(os.getpid()), *argv]


# ---------------------------------------------------------------------- records of started servers
def start_time(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (/proc/PID/stat field 22); None if gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    fields = data[data.rfind(b")") + 2:].split()
    try:
        if fields[0] == b"Z":
            return None    # a zombie has stopped running; only its exit status is left
        return int(fields[19])
    except (IndexError, ValueError):
        return None


def cmdline(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    return [p.decode("utf-8", "surrogateescape") for p in raw.split(b"\0")[:-1]] if raw else None


def describe(pid: int) -> Record | None:
    """What identifies a running process beyond its (reusable) pid: start time and command line."""
    started, cmd = start_time(pid), cmdline(pid)
    if started is None or cmd is None:
        return None
    return {"pid": pid, "start": started, "cmdline": cmd}


def same_process(record: Record) -> bool:
    """True only when the pid still runs the very process recorded (same start time and command)."""
    try:
        pid = int(record["pid"])
    except (KeyError, TypeError, ValueError):
        return False
    now = describe(pid)
    return now is not None and now["start"] == record.get("start") and now["cmdline"] == record.get("cmdline")


def write_record(folder: Path, pid: int, command: list[str]) -> Record | None:
    """Remember the server `pid` running `command` (and us, its owner) in `folder`/server.json.

    The command is the program's own argv (what /proc shows once the launcher has exec'd it).
    """
    from editor.core.files.private import write_private
    started, owner = start_time(pid), describe(os.getpid())
    if started is None or owner is None:
        return None
    record = {"server": {"pid": pid, "start": started, "cmdline": list(command)}, "owner": owner}
    write_private(folder / RECORD, json.dumps(record).encode("utf-8"))
    return record


def owner_alive(folder: Path) -> bool | None:
    """Whether the app that wrote `folder`/server.json still runs (None: no readable record)."""
    record = read_record(folder)
    if record is None:
        return None
    return same_process(record.get("owner") or {})


def read_record(folder: Path) -> Record | None:
    try:
        record = json.loads((folder / RECORD).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def reap(folder: Path, wait: float = 3.0) -> bool:
    """Stop the server recorded in `folder` when its owner is gone; True when one was stopped.

    Never touches a pid that is not exactly the recorded process (pids are reused).
    """
    record = read_record(folder)
    if record is None or same_process(record.get("owner") or {}):
        return False
    server = record.get("server") or {}
    if not same_process(server):
        return False
    pid = int(server["pid"])
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        return False
    deadline = time.monotonic() + wait
    while same_process(server) and time.monotonic() < deadline:
        time.sleep(0.02)
    if same_process(server):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return True


def _launch(argv: list[str]) -> None:
    parent, program = int(argv[0]), argv[1:]
    die_with_parent(parent)
    os.execv(program[0], program)


if __name__ == "__main__":
    _launch(sys.argv[1:])
