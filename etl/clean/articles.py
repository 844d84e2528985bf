"""A batch of parsed articles made ready to store: text cleaned, languages filled.

Finishing a batch is the slowest part of staging, and lingua holds the GIL
while it detects, so a thread would only take turns with the parser.
`ArticleFinisher` runs the finishing in one worker process instead: a batch
crosses as Polars frames and lists of plain values (milliseconds to pickle),
and the pipeline parses the next batch while the worker finishes this one,
with Python's collector held off until each batch is done (`etl.garbage`).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Self, TypeVar

import polars as pl

from etl.clean.language import detector, fill_languages
from etl.clean.text import clean_articles
from etl.garbage import collected_after

T = TypeVar("T")
R = TypeVar("R")


def finish_articles(frame: pl.DataFrame) -> pl.DataFrame:
    """Lead and body cleaned, words counted, missing languages detected; rows keep their order."""
    return fill_languages(clean_articles(frame))


def _load_models() -> None:
    detector()


def _start_worker() -> ProcessPoolExecutor:
    # spawn, not fork: the parent runs DuckDB and Polars threads.
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    pool.submit(_load_models)  # starts the worker now, not at the first batch
    return pool


# The worker `worker_started_early` started, until an ArticleFinisher takes it over.
_early_worker: ProcessPoolExecutor | None = None


@contextmanager
def worker_started_early() -> Iterator[None]:
    """Start the worker, and its load of lingua's models, now rather than when parsing begins.

    Loading the models takes over a second, which a day small enough to parse
    in one batch would otherwise wait for. A caller that knows parsing lies
    ahead (a run that lands its files first) starts the worker here. The first
    ArticleFinisher entered in the block, whatever its size, takes the worker
    over and stops it when it is done, so the worker does not hold memory
    through the steps after parsing; one left untaken stops when the block ends.
    """
    global _early_worker
    _early_worker = _start_worker()
    try:
        yield
    finally:
        untaken, _early_worker = _early_worker, None
        if untaken is not None:
            untaken.shutdown(wait=False, cancel_futures=True)


def _take_early_worker() -> ProcessPoolExecutor | None:
    global _early_worker
    worker, _early_worker = _early_worker, None
    return worker


class ArticleFinisher:
    """A batch's finishing (`finish_articles`, or a function that calls it) in a worker process.

    The worker loads lingua's models when it starts, while the first batch is
    still being parsed. With `background=False` (a single batch has nothing to
    overlap with) each batch is finished in this process when submitted. A
    worker started by `worker_started_early` is taken over and used either way.
    Use as a context manager; leaving it stops the worker.
    """

    def __init__(self, background: bool = True) -> None:
        self.background = background
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Self:
        self.pool = _take_early_worker()
        if self.pool is None and self.background:
            self.pool = _start_worker()
        return self

    def submit(self, finish: Callable[[T], R], batch: T) -> Future[R]:
        """`finish(batch)`, in the worker if there is one; `finish` must be picklable."""
        if self.pool is not None:
            return self.pool.submit(collected_after, finish, batch)
        finished: Future[R] = Future()
        finished.set_result(finish(batch))
        return finished

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            # Without waiting: with nothing submitted, the worker may still be loading models.
            self.pool.shutdown(wait=False, cancel_futures=True)
