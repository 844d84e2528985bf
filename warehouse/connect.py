"""The one way to open the warehouse.

Two kinds of connection exist. The pipeline writes the private work database
(`open_work`); everyone else reads the published copy (`open_published`), which
is read-only, cannot reach the file system or network, and cannot have its
settings changed, so a reader can neither block the pipeline nor alter data.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.migrate import SchemaConflict, migrate
from warehouse.remote import attach, configured_uri, data_directories
from warehouse.schema import apply_indexes, apply_schema, schema_fingerprint
from warehouse.search import load_extension
from warehouse.sql import literal
from wirewatch.home import Home

# Memory the pipeline's DuckDB may use before spilling to disk; operators with
# bigger machines raise it with WIREWATCH_MEMORY_LIMIT (e.g. "12GB").
MEMORY_LIMIT_ENV = "WIREWATCH_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "4GB"
BULK_CHECKPOINT_THRESHOLD = "1GB"
# The catalog name the published warehouse has in a reader's connection.
PUBLISHED_ALIAS = "warehouse"


class WarehouseNotPublished(FileNotFoundError):
    """No published warehouse exists yet in this home."""


class WarehouseOutdated(RuntimeError):
    """The home's work database has another schema, and cannot be brought up to this one in place."""


def _marker(home: Home) -> Path:
    return home.work_db.with_name(home.work_db.name + ".schema")


def _built_with(home: Home) -> str | None:
    """Fingerprint of the schema the work database was built with; None when it has none yet."""
    if not home.work_db.exists():
        return None
    marker = _marker(home)
    return marker.read_text().strip() if marker.exists() else "unknown"


def memory_limit() -> str:
    """The memory DuckDB may use in this process: WIREWATCH_MEMORY_LIMIT, else 4GB."""
    return os.environ.get(MEMORY_LIMIT_ENV) or DEFAULT_MEMORY_LIMIT


def check_schema(home: Home) -> None:
    """Bring a work database built with another schema up to this one, or refuse it with advice.

    The marker beside the database records the schema it has, so a database
    already up to date is not opened here. One that is not is migrated in place
    (warehouse/migrate.py) when no column would be lost.
    """
    built_with = _built_with(home)
    if built_with is None or built_with == schema_fingerprint():
        return
    con = duckdb.connect(str(home.work_db))
    try:
        con.execute("SET memory_limit = $limit", {"limit": memory_limit()})
        migrate(con)
    except SchemaConflict as conflict:
        raise WarehouseOutdated(
            f"the warehouse in {home.root} was built with another version of the schema "
            f"(schema {built_with[:12]}, this wirewatch has {schema_fingerprint()[:12]}) "
            f"and cannot be brought up to it in place: {conflict}; "
            "build it afresh in a new home, or delete its work/ folder and warehouse.duckdb "
            "and run again"
        ) from conflict
    finally:
        con.close()
    _marker(home).write_text(schema_fingerprint() + "\n")


def open_work(home: Home) -> duckdb.DuckDBPyConnection:
    """A read-write connection to the pipeline's work database, schema and indexes applied.

    The schema is applied when the database is created; the marker file beside it
    records which schema it has, so later connections skip the DDL.
    """
    check_schema(home)
    fresh = _built_with(home) is None
    home.work_db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(home.work_db))
    con.execute("SET TimeZone = 'UTC'")
    # Bounded, so a big build spills to disk instead of taking the machine's memory.
    con.execute("SET memory_limit = $limit", {"limit": memory_limit()})
    con.execute("SET preserve_insertion_order = false")
    if fresh:
        apply_schema(con)
        _marker(home).write_text(schema_fingerprint() + "\n")
    apply_indexes(con)
    return con


@contextmanager
def checkpoints_deferred(
    con: duckdb.DuckDBPyConnection, threshold: str = BULK_CHECKPOINT_THRESHOLD
) -> Iterator[None]:
    """Let the write-ahead log grow to `threshold` before DuckDB checkpoints, inside the block.

    DuckDB checkpoints at a commit once the log passes its threshold (16 MB by
    default), and a checkpoint rewrites every table's changed row groups and
    indexes. A step that commits hundreds of small batches (parsing a first
    load) would checkpoint at nearly every one of them; with the log let grow,
    it checkpoints a few times in all. On leaving, the threshold is put back
    and the database checkpointed, so the log does not carry the block's
    writes into what follows.
    """
    (before,) = con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()
    con.execute(f"SET checkpoint_threshold = {literal(threshold)}")
    try:
        yield
    finally:
        try:
            con.execute(f"SET checkpoint_threshold = {literal(before)}")
        except duckdb.TransactionException:
            # The block failed inside a transaction, which can now only be rolled back;
            # its own error is the one that goes on.
            con.execute("ROLLBACK")
            con.execute(f"SET checkpoint_threshold = {literal(before)}")
    con.execute("CHECKPOINT")


def _attach_file(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    con.execute(f"ATTACH {literal(path)} AS {PUBLISHED_ALIAS} (READ_ONLY)")


def open_published(home: Home | Path) -> duckdb.DuckDBPyConnection:
    """A sandboxed read-only connection to the published warehouse.

    For a Home, that is the remote warehouse when WIREWATCH_WAREHOUSE names one
    (warehouse/remote.py), else `<home>/warehouse.duckdb`; a Path is always a file.
    """
    uri = configured_uri() if isinstance(home, Home) else None
    path = home.warehouse if isinstance(home, Home) else Path(home)
    if uri is None and not path.exists():
        raise WarehouseNotPublished(
            f"no published warehouse at {path}; run `wirewatch run` or `wirewatch demo` first"
        )
    # A private in-memory instance that attaches the warehouse read-only: DuckDB caches
    # one instance per path in a process, and a cached instance of a path that
    # publishing has since replaced would keep serving the old file.
    con = duckdb.connect(":memory:")
    con.execute("SET TimeZone = 'UTC'")
    # An analyst's query that builds a huge value fails at this limit instead of
    # taking the machine's memory (DuckDB's default is 80% of RAM).
    con.execute("SET memory_limit = $limit", {"limit": memory_limit()})
    # Extensions are loaded while their files are still reachable ...
    load_extension(con)
    reachable: list[str] = []
    if uri is None:
        _attach_file(con, path)
    else:
        attach(con, uri, PUBLISHED_ALIAS, read_only=True)
        reachable = data_directories(con, PUBLISHED_ALIAS, uri)
    con.execute(f"USE {PUBLISHED_ALIAS}")
    # ... then the file system (but a DuckLake's own files), the network and extension
    # loading are switched off, and the settings locked.
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    if reachable:
        con.execute("SET allowed_directories = $dirs", {"dirs": reachable})
    if uri is None or reachable:
        con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def open_for_export(home: Home) -> duckdb.DuckDBPyConnection:
    """The published warehouse read-only, with file access, for trusted jobs that write exports.

    Never hand this connection to analysts' SQL: it can write files.
    """
    if not home.warehouse.exists():
        raise WarehouseNotPublished(f"no published warehouse at {home.warehouse}")
    con = duckdb.connect(":memory:")
    con.execute("SET TimeZone = 'UTC'")
    _attach_file(con, home.warehouse)
    con.execute(f"USE {PUBLISHED_ALIAS}")
    return con


def published_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of its own on a connection from `open_published`, for one thread's queries."""
    cursor = con.cursor()
    cursor.execute(f"USE {PUBLISHED_ALIAS}")
    return cursor
