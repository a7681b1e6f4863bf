"""run_forked: chunks done here and in forked copies give the answer in chunk order, even when a copy fails."""

from __future__ import annotations

import os
import select

import pytest

from editor.core.index.forked import MAX_CHUNKS, run_forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


@pytest.mark.parametrize("copies", [0, 1, 3])
def test_results_come_back_in_chunk_order(copies):
    parent = os.getpid()
    started_r, started_w = os.pipe()   # a copy says it took a chunk; a chunk of the parent's waits for that
    first = [bool(copies)]

    def square_all(chunk: list[int]) -> list[tuple[int, int, int]]:
        if os.getpid() != parent:
            os.write(started_w, b"x")
        elif first[0]:
            first[0] = False
            assert select.select([started_r], [], [], 30)[0], "no copy took a chunk"
        return [(x, x * x, os.getpid()) for x in chunk]

    chunks = [list(range(i * 50, i * 50 + 50)) for i in range(40)]
    seen: list[int] = []
    try:
        results = run_forked(chunks, square_all, copies, seen.append)
    finally:
        os.close(started_r)
        os.close(started_w)
    assert [[(x, sq) for x, sq, _ in rows] for rows in results] == [[(x, x * x) for x in c] for c in chunks]
    assert sorted(seen) == list(range(40))   # each chunk reported once
    pids = {pid for rows in results for _, _, pid in rows}
    # Without copies the parent did it all; with them, some copy did a part (perhaps all of it,
    # when the first copies ran out the queue while the parent was still forking the others).
    assert pids == {parent} if not copies else bool(pids - {parent})


def test_a_copy_that_dies_leaves_its_chunks_to_the_parent():
    parent = os.getpid()

    def work(chunk: list[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)   # the copy fails on its first chunk, before writing any result
        return [x + 1 for x in chunk]

    chunks = [[i] for i in range(20)]
    seen: list[int] = []
    assert run_forked(chunks, work, 2, seen.append) == [[i + 1] for i in range(20)]
    assert sorted(seen) == list(range(20))


def test_results_are_plain_values_that_survive_the_trip():
    rows = [("text é", "url", True, 1.5, None, -2.0, 7, "path", None, False)]
    assert run_forked([rows] * 4, lambda c: list(c), 1) == [rows] * 4


def test_too_many_chunks_are_refused():
    with pytest.raises(ValueError):
        run_forked([[0]] * (MAX_CHUNKS + 1), list, 1)
