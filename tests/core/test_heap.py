"""The glibc heap setting: big short-lived buffers go back to the system instead of fragmenting the heap."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from editor.core import heap

# One big buffer freed (by default glibc then raises its mmap threshold to that size), then a copy of
# a 400 KB text: is it a mapping of its own (given back when freed) or a piece of the heap?
_PATTERN = textwrap.dedent("""
    import ctypes, sys
    from editor.core import heap
    if sys.argv[1] == "tuned":
        assert heap.return_big_buffers()
    class Info(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                     "fordblks", "keepcost")]
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = Info
    big = b"x" * (8 << 20); del big
    before = libc.mallinfo2().hblks
    copy = b"x" * 400_000
    print(libc.mallinfo2().hblks - before)
""")


def _own_mappings(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", _PATTERN, mode], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap only")
def test_a_copy_of_a_long_text_is_its_own_mapping_even_after_a_bigger_one_was_freed():
    assert _own_mappings("default") == 0     # what glibc does on its own: the copy goes into the heap
    assert _own_mappings("tuned") == 1


def test_it_applies_once_and_says_so():
    first = heap.return_big_buffers()
    assert heap.return_big_buffers() == first


# Eight threads allocating at once: how many malloc arenas (heaps) does the process end with?
_THREADS = textwrap.dedent("""
    import ctypes, os, sys, tempfile, threading
    from editor.core import heap
    if sys.argv[1] == "limited":
        assert heap.limit_arenas(2)
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    barrier = threading.Barrier(8)
    kept = []
    def work():
        barrier.wait()
        kept.extend(libc.malloc(4096) for _ in range(100))
        barrier.wait()
    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads: t.start()
    for t in threads: t.join()
    path = tempfile.mktemp()
    fp = libc.fopen(path.encode(), b"w")
    libc.malloc_info(0, fp)
    libc.fclose(fp)
    print(open(path).read().count("<heap nr="))
    os.unlink(path)
""")


def _arenas(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", _THREADS, mode], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap only")
def test_threads_share_two_heaps_when_limited():
    assert _arenas("default") > 2            # glibc on its own: a heap per thread, up to 8 per core
    assert _arenas("limited") <= 2
