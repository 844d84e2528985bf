"""The resource every asset shares: the wirewatch home and its work database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from dagster import ConfigurableResource, InitResourceContext
from pydantic import PrivateAttr

from warehouse.connect import memory_limit, open_work
from wirewatch.home import Home

# Every asset that writes the work database runs in this Dagster concurrency pool;
# dagster.yaml limits pools to one step at a time, so two writers never meet.
WAREHOUSE_POOL = "wirewatch_warehouse"
# A step that leaves DuckDB holding more memory than this (its cache of a big
# build's scans) has the cache shed down to SHED_TO, so a Python-heavy step that
# follows starts with about the memory a fresh process would have; if DuckDB
# cannot get below this (data not yet checkpointed), the held database is closed.
HELD_MEMORY = 1024**3
SHED_TO = 256 * 1024**2
# Work databases held open across the runs inside `holding_work`, by path: None
# until the first run's first step opens one.
_HELD_ACROSS_RUNS: dict[Path, duckdb.DuckDBPyConnection | None] = {}


@contextmanager
def holding_work(home: Home) -> Iterator[None]:
    """Keep `home`'s work database open across every in-process run inside the block.

    `wirewatch run` is two Dagster runs (ingest and model, then the marts and
    publishing). Letting the database go between them would checkpoint it and have
    the second run open it again.
    """
    work = home.work_db.resolve()
    _HELD_ACROSS_RUNS[work] = None
    try:
        yield
    finally:
        held = _HELD_ACROSS_RUNS.pop(work, None)
        if held is not None:
            held.close()


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
    once, at publishing (or when the log outgrows DuckDB's checkpoint threshold).
    Inside `holding_work` the database stays open after the run, for the next.
    """

    _in_run: bool = PrivateAttr(default=False)
    _held: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        self._in_run = True

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        if self._held is not None and self._work not in _HELD_ACROSS_RUNS:
            self._held.close()
        self._held = None

    @property
    def _work(self) -> Path:
        return self.paths.work_db.resolve()

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._in_run and self._held is None:
            self._held = _HELD_ACROSS_RUNS.get(self._work) or open_work(self.paths.prepare())
            if self._work in _HELD_ACROSS_RUNS:
                _HELD_ACROSS_RUNS[self._work] = self._held
        with super().connect() as con:
            yield con
        if self._held is not None and not _shed_cache(self._held):
            self._held.close()  # checkpoints, and frees what DuckDB holds
            self._held = None
            if self._work in _HELD_ACROSS_RUNS:
                _HELD_ACROSS_RUNS[self._work] = None


def _shed_cache(con: duckdb.DuckDBPyConnection) -> bool:
    """Evict DuckDB's cache down to SHED_TO when it holds over HELD_MEMORY; False if it cannot.

    DuckDB has no statement that drops its cache, but lowering its memory limit
    evicts the blocks not in use and returns their memory, and when blocks that
    cannot be evicted stand in the way it refuses after evicting the rest. The
    limit is then put back. At a million articles this takes 0.07 s where closing
    the database (which checkpoints) took 0.9 s.
    """
    if _memory_in_use(con) <= HELD_MEMORY:
        return True
    cursor = con.cursor()
    try:
        try:
            cursor.execute("SET memory_limit = $bytes", {"bytes": f"{SHED_TO}B"})
        except duckdb.OutOfMemoryException:
            pass  # it evicted what it could; what is left is measured below
        cursor.execute("SET memory_limit = $limit", {"limit": memory_limit()})
    finally:
        cursor.close()
    return _memory_in_use(con) <= HELD_MEMORY


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
