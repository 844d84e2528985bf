"""The table catalogue the SQL page shows: every table and column with its COMMENT ON text."""

from __future__ import annotations

import polars as pl

from dashboard.database import Version, cached, frame

SCHEMAS = ("core", "marts", "ops", "staging", "raw", "fts_core_articles")


@cached
def tables(current: Version) -> pl.DataFrame:
    return frame(
        current,
        """SELECT schema_name || '.' || table_name AS "table", estimated_size AS "rows",
                  comment AS description
           FROM duckdb_tables() WHERE list_contains($schemas, schema_name)
           ORDER BY list_position($schemas, schema_name), table_name""",
        {"schemas": list(SCHEMAS)},
    )


@cached
def columns(current: Version, table: str) -> pl.DataFrame:
    schema, _, name = table.partition(".")
    return frame(
        current,
        """SELECT column_name AS "column", data_type AS type, comment AS description
           FROM duckdb_columns() WHERE schema_name = $schema AND table_name = $name
           ORDER BY column_index""",
        {"schema": schema, "name": name},
    )
