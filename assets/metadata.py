"""Metadata an operator wants beside a materialization: row counts and a preview."""

from __future__ import annotations

import duckdb
import polars as pl
from dagster import MetadataValue


def table_metadata(con: duckdb.DuckDBPyConnection, table: str, preview_rows: int = 5) -> dict:
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    preview = con.sql(f"SELECT * FROM {table} LIMIT {preview_rows}").pl()
    text_columns = [c for c, t in preview.schema.items() if t == pl.String]
    preview = preview.with_columns(pl.col(text_columns).str.slice(0, 60))
    with pl.Config(
        tbl_formatting="MARKDOWN",
        tbl_hide_column_data_types=True,
        tbl_hide_dataframe_shape=True,
        fmt_str_lengths=60,
        tbl_cols=-1,
    ):
        markdown = str(preview)
    return {
        "dagster/row_count": MetadataValue.int(int(rows)),
        "table": MetadataValue.text(table),
        "preview": MetadataValue.md(markdown),
    }
