"""Keeps big, short-lived buffers (a long post's text copied per keystroke) from pinning memory in glibc's heap."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_MMAP_THRESHOLD = -3          # glibc's mallopt parameter
MMAP_THRESHOLD = 128 * 1024    # glibc's default start value, kept fixed

_done = False


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
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
        libc.gnu_get_libc_version   # glibc, not musl
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    _done = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1)
    return _done
