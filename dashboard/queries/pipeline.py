"""Pipeline: recent runs, rows per table, quarantined inputs."""

from __future__ import annotations

import polars as pl

from dashboard.database import Version, cached, frame
from warehouse.reasons import reason_kind

QUARANTINE_SHOWN = 500


@cached
def runs(current: Version, limit: int = 20) -> pl.DataFrame:
    return frame(
        current,
        "SELECT * FROM ops.runs ORDER BY published_at DESC LIMIT $limit",
        {"limit": limit},
    )


@cached
def row_counts(current: Version) -> pl.DataFrame:
    """Rows of every warehouse table (DuckDB keeps the exact count of a stored table)."""
    return frame(
        current,
        """SELECT schema_name || '.' || table_name AS "table", estimated_size AS "rows", comment
           FROM duckdb_tables() WHERE NOT internal ORDER BY schema_name, table_name""",
    )


@cached
def quarantine_reasons(current: Version) -> pl.DataFrame:
    return frame(
        current,
        f"""SELECT stage, {reason_kind("reason")} AS reason, count(*) AS inputs,
                  max(received_at) AS last_received
           FROM ops.quarantine GROUP BY ALL ORDER BY inputs DESC, reason""",
    )


@cached
def quarantine(current: Version, limit: int = QUARANTINE_SHOWN) -> pl.DataFrame:
    return frame(
        current,
        """SELECT received_at, stage, uri, reason, doc_id FROM ops.quarantine
           ORDER BY received_at DESC LIMIT $limit""",
        {"limit": limit},
    )
