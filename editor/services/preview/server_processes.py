"""The `hugo server` processes this run started: killed (and their scratch folders removed) at interpreter exit."""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import signal

# Processes started here and not yet stopped: killed at interpreter exit, whatever happened to Qt.
LIVE: dict[int, tuple[int, str]] = {}
SERIAL = itertools.count(1)
REAPED: set[str] = set()   # cache roots searched for stale servers of earlier runs (once per app run)


def _ours(pid: int, work_dir: str) -> bool:
    """True when `pid` still runs our command line (its overlay path is unique to this run)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return work_dir.encode() in fh.read()
    except FileNotFoundError:
        return not os.path.isdir("/proc")   # no procfs: trust the pid
    except OSError:
        return False


def reap(key: int) -> None:
    pid, work_dir = LIVE.pop(key, (0, ""))
    if pid and _ours(pid, work_dir):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    if work_dir:
        shutil.rmtree(work_dir, ignore_errors=True)


@atexit.register
def reap_all() -> None:
    for key in list(LIVE):
        reap(key)
