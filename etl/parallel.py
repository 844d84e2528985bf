"""Pure per-chunk work spread over one process per core, the results in order.

Filing topics, matching names and reading story words are Python loops that
hold the GIL, one article at a time, and each article's result depends on
that article alone. On a first load they are minutes of one busy core while
the other idles; spread over processes they take what the slowest core
takes. A process costs about a second to start and load its matcher, so a
stream of fewer than `PARALLEL_FROM_CHUNKS` chunks (a new day) is worked
through here, in this process.

`work` and `state` go to the processes by pickling, so `work` is a function
defined at module level and `state` (a compiled matcher, say) a picklable
value; each process receives `state` once, not with every chunk. A chunk is
worked with Python's collector held off until it is done (`etl.garbage`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import chain, islice
from typing import Any, TypeVar

from etl.garbage import collected_after

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

PARALLEL_FROM_CHUNKS = 4
MAX_PROCESSES = 4

_state: Any = None


def map_chunks(
    work: Callable[..., Result],
    chunks: Iterable[Chunk],
    state: Any = None,
    processes: int | None = None,
) -> Iterator[Result]:
    """`work(state, chunk)` for each chunk (`work(chunk)` when there is no state),
    the results in the chunks' order.

    Chunks are read as the processes need them (two each in flight), so memory
    holds a few chunks, never the stream.
    """
    chunks = iter(chunks)
    first = list(islice(chunks, PARALLEL_FROM_CHUNKS))
    if processes is None:  # one per core this process may run on
        processes = min(MAX_PROCESSES, len(os.sched_getaffinity(0)))
    if len(first) < PARALLEL_FROM_CHUNKS or processes < 2:
        bound = work if state is None else partial(work, state)
        for chunk in chain(first, chunks):
            yield bound(chunk)
        return
    # spawn, not fork: the caller runs DuckDB and Polars threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        processes, mp_context=context, initializer=_receive, initargs=(state,)
    ) as pool:
        pending: deque[Future] = deque()
        for chunk in chain(first, chunks):
            pending.append(pool.submit(_run, work, chunk))
            if len(pending) >= 2 * processes:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _receive(state: Any) -> None:
    global _state
    _state = state


def _run(work: Callable[..., Result], chunk: Chunk) -> Result:
    if _state is None:
        return collected_after(work, chunk)
    return collected_after(work, _state, chunk)
