"""The resource every asset shares: the wirewatch home and its work database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
from dagster import ConfigurableResource, InitResourceContext
from pydantic import PrivateAttr

from warehouse.connect import open_work
from wirewatch.home import Home

# Every asset that writes the work database runs in this Dagster concurrency pool;
# dagster.yaml limits pools to one step at a time, so two writers never meet.
WAREHOUSE_POOL = "wirewatch_warehouse"
# After a step that left DuckDB holding more memory than this (its cache of a big
# build's scans), the held database is closed, so a Python-heavy step that follows
# starts with the memory a fresh process would have.
HELD_MEMORY = 1024**3


class WarehouseResource(ConfigurableResource):
    """A wirewatch home. Assets write only its work database, never the published file."""

    home: str

    @property
    def paths(self) -> Home:
        return Home.resolve(self.home)

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection of its own for one step: its temp tables and transaction are its own."""
        con = open_work(self.paths.prepare())
        try:
            yield con
        finally:
            con.close()


class HeldWarehouseResource(WarehouseResource):
    """The home's work database, held open from a run's first step to its end.

    For runs whose steps share one process (`wirewatch run`); a step process of
    the multiprocess executor must let the database go before the next step opens
    it, so `dagster dev` uses WarehouseResource. DuckDB checkpoints a database
    when its last connection closes, and at a million articles each checkpoint
    costs 0.4 s however little changed: with the database held, a run's steps (20
    of them on a new day) commit to the write-ahead log and the run checkpoints
    once, at publishing (and after any step that left more than HELD_MEMORY
    cached).
    """

    _in_run: bool = PrivateAttr(default=False)
    _held: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        self._in_run = True

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        if self._held is not None:
            self._held.close()
            self._held = None

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._in_run and self._held is None:
            self._held = open_work(self.paths.prepare())
        with super().connect() as con:
            yield con
        if self._held is not None and _memory_in_use(self._held) > HELD_MEMORY:
            self._held.close()  # checkpoints, and frees what DuckDB cached
            self._held = None


def _memory_in_use(con: duckdb.DuckDBPyConnection) -> int:
    # On a cursor closed at once: a result left open on the held connection keeps
    # its read transaction open, and DuckDB then never checkpoints on its own, so
    # the write-ahead log grew through a first load's parsing (316 MB at 45,000
    # pages, against 47 MB).
    cursor = con.cursor()
    try:
        query = "SELECT sum(memory_usage_bytes) FROM duckdb_memory()"
        return int(cursor.execute(query).fetchall()[0][0])
    finally:
        cursor.close()
