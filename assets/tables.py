"""Writing frames into warehouse tables, and finding what changed since a consumer last ran."""

import duckdb
import polars as pl


def append_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame) -> None:
    """Insert the frame's rows, columns in table order."""
    con.register("incoming_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM incoming_rows")
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
