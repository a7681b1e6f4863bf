"""Keeps big, short-lived buffers (a long post's text copied per keystroke) from pinning memory in glibc's heap."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

M_MMAP_THRESHOLD = -3          # glibc's mallopt parameters
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024    # glibc's default start value, kept fixed

_done = False


def _mallopt() -> Callable[[int, int], int] | None:   # glibc's mallopt, or None (another libc)
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)   # the process's own symbols, libc's among them (no ctypes.util: ~10 ms)
        mallopt = libc.mallopt
        libc.gnu_get_libc_version   # glibc, not musl
    except (OSError, AttributeError):
        return None
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return mallopt


def limit_arenas(count: int = 2) -> bool:
    """At most `count` malloc arenas for the whole process. glibc gives each new thread (Qt's, the
    lint's, the spell loader's, the preview's) an arena of its own, up to 8 per core, and a copy of a
    long post freed in one of them is not reused by the others: writing 3,000 characters into a
    50k-word post grew the window's process by 66 MiB, with 2 arenas by 14 MiB. Call it before the
    threads start. Returns whether it applied (glibc only)."""
    mallopt = _mallopt()
    return bool(mallopt is not None and mallopt(M_ARENA_MAX, count) == 1)


def return_big_buffers() -> bool:
    """Fix glibc's mmap threshold, so every buffer of 128 KiB or more is its own mapping, handed back
    to the system when freed. By default glibc raises the threshold to the largest buffer freed so far
    (up to 32 MiB): after that, each copy of a 400 KB post lands in the heap between small objects
    that outlive it, and the heap only grows (+60 MiB over 1,000 keystrokes into a 50k-word post).
    Returns whether it applied (glibc only; elsewhere it does nothing).

    The render worker uses it; the window does not: there every copy would be a fresh mapping to
    fault in, and a keystroke's median time doubled (5.5 -> 10 ms on a 50k-word post)."""
    global _done
    if _done:
        return True
    mallopt = _mallopt()
    if mallopt is None:
        return False
    _done = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1)
    return _done
