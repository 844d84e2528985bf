"""Per-chunk work in processes gives what the same work in this process gives, in order."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from itertools import count

import pytest

from etl import parallel
from etl.parallel import PARALLEL_FROM_CHUNKS, map_chunks


def scaled(factor: int, chunk: list[int]) -> list[int]:
    return [factor * n for n in chunk]


def total(chunk: list[int]) -> int:
    return sum(chunk)


def fails_on_seven(chunk: list[int]) -> int:
    if 7 in chunk:
        raise ValueError("seven")
    return len(chunk)


def chunks_of(n: int, size: int = 3) -> list[list[int]]:
    return [list(range(start, start + size)) for start in range(0, n * size, size)]


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    started: list[int] = []

    def recording(workers, **kwargs):
        started.append(workers)
        return ProcessPoolExecutor(workers, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", recording)
    return started


def test_chunks_worked_in_processes_come_back_in_order_with_the_state(pools) -> None:
    chunks = chunks_of(25)

    found = list(map_chunks(scaled, chunks, 10, processes=2))

    assert pools == [2]
    assert found == [[10 * n for n in chunk] for chunk in chunks]


def test_a_short_stream_is_worked_here_without_processes(pools) -> None:
    chunks = chunks_of(PARALLEL_FROM_CHUNKS - 1)

    assert list(map_chunks(total, chunks, processes=2)) == [sum(c) for c in chunks]
    assert list(map_chunks(scaled, chunks_of(30), 2, processes=1))[-1] == [174, 176, 178]
    assert pools == []


def test_the_stream_is_read_as_the_processes_need_it(pools) -> None:
    """Two chunks a process in flight: a stream without end can be worked through."""
    endless = ([n] for n in count())

    first = [found for found, _ in zip(map_chunks(total, endless, processes=2), range(12))]

    assert first == list(range(12))
    assert pools == [2]


def test_an_error_in_a_process_reaches_the_caller(pools) -> None:
    with pytest.raises(ValueError, match="seven"):
        list(map_chunks(fails_on_seven, chunks_of(10), processes=2))
