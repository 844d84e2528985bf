"""Writing frames into warehouse tables, and finding what changed since a consumer last ran."""

from collections.abc import Iterator
from datetime import UTC, datetime

import duckdb
import polars as pl
import pyarrow as pa


def append_rows(
    con: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame, in_order_of: str | None = None
) -> None:
    """Insert the frame's rows, columns in table order, sorted by `in_order_of` if given.

    A table the dashboard reads one article at a time (`WHERE article_id = ...`)
    is written in article order: DuckDB then skips every row group whose range
    of ids cannot hold the article, where it would otherwise read them all.
    """
    order = f" ORDER BY {in_order_of}" if in_order_of else ""
    con.register("incoming_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM incoming_rows{order}")
    finally:
        con.unregister("incoming_rows")


def replace_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame) -> None:
    con.execute(f"DELETE FROM {table}")
    append_rows(con, table, rows)


def changed_since(consumer: str) -> str:
    """SQL for the ids of articles changed since `consumer` last applied the change log."""
    return f"""
        SELECT DISTINCT article_id FROM ops.changed_articles
        WHERE build_seq > (SELECT coalesce(max(build_seq), 0) FROM ops.watermarks
                           WHERE consumer = '{consumer}')
    """


def advance_watermark(con: duckdb.DuckDBPyConnection, consumer: str) -> None:
    """Record that `consumer` has applied every core build so far."""
    con.execute(
        """INSERT OR REPLACE INTO ops.watermarks
           SELECT $consumer, coalesce(max(build_seq), 0) FROM ops.watermarks
           WHERE consumer = 'core.articles'""",
        {"consumer": consumer},
    )


def stream_batches(
    con: duckdb.DuckDBPyConnection, query: str, params: dict | None = None, batch: int = 5_000
) -> Iterator[pa.RecordBatch]:
    """The query's rows in Arrow batches of `batch` rows, read on a cursor of their own.

    Memory holds one batch, never the table; `con` stays free for writes.
    """
    reader = con.cursor()
    try:
        yield from reader.execute(query, params or {}).to_arrow_reader(batch)
    finally:
        reader.close()


def reference_changed(con: duckdb.DuckDBPyConnection, reference: str, version: str) -> bool:
    """True when the warehouse was built with another version of the reference file (or none)."""
    stored = con.execute(
        "SELECT fingerprint FROM ops.reference_versions WHERE reference = $reference",
        {"reference": reference},
    ).fetchone()
    return stored is None or stored[0] != version


def record_reference(con: duckdb.DuckDBPyConnection, reference: str, version: str) -> None:
    con.execute(
        "INSERT OR REPLACE INTO ops.reference_versions VALUES ($reference, $version, $at)",
        {"reference": reference, "version": version, "at": datetime.now(UTC)},
    )


def clear_derived(
    con: duckdb.DuckDBPyConnection,
    tables: tuple[str, ...],
    consumer: str,
    everything: bool,
    marts: tuple[str, ...],
) -> None:
    """Delete the rows about to be derived again: those of the changed articles, or, after a
    reference change, all of them, with the watermarks of the marts built on them."""
    for table in tables:
        if everything:
            con.execute(f"DELETE FROM {table}")
        else:
            con.execute(f"DELETE FROM {table} WHERE article_id IN ({changed_since(consumer)})")
    if everything:
        con.execute(
            "DELETE FROM ops.watermarks WHERE list_contains($marts, consumer)",
            {"marts": list(marts)},
        )
