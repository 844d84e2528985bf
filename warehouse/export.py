"""Core and marts as Hive-partitioned Parquet, for Spark, Trino, MotherDuck or pandas.

`export_parquet` reads the published warehouse (never the work database) and
writes `<target>/<schema>/<table>/year=YYYY/month=M/*.parquet` for tables with a
day or a publication time (Kyiv calendar, like the marts), and one file per
table otherwise. The new export is written beside the target and swapped in
with renames, so a reader sees the old export or the new one, never a mix.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.connect import PUBLISHED_ALIAS, open_for_export
from warehouse.sql import literal
from wirewatch.home import Home

EXPORTED_SCHEMAS = ("core", "marts")
KYIV_DATE = "CAST(timezone('Europe/Kyiv', {column}) AS DATE)"
# The column each partitioned table is split by; the others are written whole.
PARTITION_DATES = {
    "core.articles": KYIV_DATE.format(column="published_at"),
    "core.article_versions": KYIV_DATE.format(column="seen_at"),
    "core.stories": KYIV_DATE.format(column="first_published_at"),
    "marts.daily_volume": "day",
    "marts.daily_official_mentions": "day",
    "marts.official_cooccurrence": "day",
    "marts.daily_topic_volume": "day",
    "marts.daily_topic_stories": "day",
    "marts.topic_official": "day",
    "marts.emerging_terms": "week",
}


@dataclass(frozen=True)
class ExportedTable:
    table: str
    rows: int
    partitioned: bool


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        """SELECT schema_name || '.' || table_name FROM duckdb_tables()
           WHERE database_name = $db AND list_contains($schemas, schema_name)
           ORDER BY 1""",
        {"db": PUBLISHED_ALIAS, "schemas": list(EXPORTED_SCHEMAS)},
    ).fetchall()
    return [name for (name,) in rows]


def _copy(con: duckdb.DuckDBPyConnection, table: str, folder: Path) -> ExportedTable:
    schema, name = table.split(".")
    target = folder / schema / name
    target.mkdir(parents=True)
    day = PARTITION_DATES.get(table)
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if day:
        con.execute(
            f"""COPY (SELECT *, year({day}) AS year, month({day}) AS month FROM {table})
                TO {literal(target)} (FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)"""
        )
    else:
        con.execute(f"COPY {table} TO {literal(target / f'{name}.parquet')} (FORMAT parquet)")
    return ExportedTable(table, rows, bool(day))


def export_parquet(home: Home, target: Path | None = None) -> list[ExportedTable]:
    """Write core and marts of the published warehouse under `target` (default <home>/export)."""
    target = Path(target or home.root / "export").resolve()
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    con = open_for_export(home)
    try:
        exported = [_copy(con, table, staging) for table in _tables(con)]
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        con.close()
    retired = target.with_name(f".{target.name}.{os.getpid()}.old")
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    return exported
