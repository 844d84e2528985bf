"""A batch of parsed articles made ready to store: text cleaned, languages filled.

This is the slowest step of staging, and lingua holds the GIL while it
detects, so a thread would only take turns with the parser. `ArticleFinisher`
runs it in one worker process instead: a batch crosses as a Polars frame
(Arrow buffers, milliseconds to pickle), and the pipeline parses the next
batch while the worker finishes this one.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Self

import polars as pl

from etl.clean.language import detector, fill_languages
from etl.clean.text import clean_articles


def finish_articles(frame: pl.DataFrame) -> pl.DataFrame:
    """Lead and body cleaned, words counted, missing languages detected; rows keep their order."""
    return fill_languages(clean_articles(frame))


def _load_models() -> None:
    detector()


class ArticleFinisher:
    """`finish_articles` in a worker process, one batch after another.

    The worker loads lingua's models when it starts, while the first batch is
    still being parsed. With `background=False` (a single batch has nothing to
    overlap with) each batch is finished in this process when submitted. Use as
    a context manager; leaving it stops the worker.
    """

    def __init__(self, background: bool = True) -> None:
        self.background = background
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Self:
        if self.background:
            # spawn, not fork: the parent runs DuckDB and Polars threads.
            self.pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
            self.pool.submit(_load_models)  # starts the worker now, not at the first batch
        return self

    def submit(self, frame: pl.DataFrame) -> Future[pl.DataFrame]:
        if self.pool is not None:
            return self.pool.submit(finish_articles, frame)
        finished: Future[pl.DataFrame] = Future()
        finished.set_result(finish_articles(frame))
        return finished

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
