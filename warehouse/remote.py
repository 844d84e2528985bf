"""A published warehouse elsewhere: a DuckLake or MotherDuck URI in place of the local file.

Set `WIREWATCH_WAREHOUSE` to `ducklake:<metadata file>` (e.g.
`ducklake:/srv/lake/meta.ducklake`; its Parquet files go beside it in
`meta.ducklake.files/`) or `md:<database>` (with `motherduck_token` in the
environment). Publishing then also copies every table, with its documentation,
into that warehouse in one transaction, so its readers see the previous
snapshot or the new one whole;
`wirewatch sql`, the dashboard and `open_published` read from it instead of
the local file. The extensions come from wirewatch's own dependencies, built
for the pinned DuckDB, so nothing is downloaded at run time.

The full-text index stays local: DuckDB's FTS macros do not travel, so the
Articles page searches headlines with a plain match on such a warehouse.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import duckdb
import duckdb_extension_ducklake
import duckdb_extension_motherduck

from warehouse.extensions import load_packaged
from warehouse.schema import LAYERS
from warehouse.sql import literal

WAREHOUSE_ENV = "WIREWATCH_WAREHOUSE"
EXTENSIONS = {
    "ducklake:": (duckdb_extension_ducklake, "ducklake"),
    "md:": (duckdb_extension_motherduck, "motherduck"),
}
# Every layer, as in the local file, so the same queries work on either.
PUBLISHED_SCHEMAS = LAYERS


class WarehouseUriError(ValueError):
    """WIREWATCH_WAREHOUSE names something that is not a DuckLake or MotherDuck warehouse."""


def configured_uri() -> str | None:
    """The remote warehouse URI from the environment, or None for the local file."""
    uri = os.environ.get(WAREHOUSE_ENV, "").strip()
    if uri and not is_remote(uri):
        raise WarehouseUriError(
            f"{WAREHOUSE_ENV} must start with ducklake: or md:, not {uri!r} "
            "(the local warehouse is always <home>/warehouse.duckdb)"
        )
    return uri or None


def is_remote(uri: str) -> bool:
    return uri.startswith(tuple(EXTENSIONS))


def attach(con: duckdb.DuckDBPyConnection, uri: str, alias: str, read_only: bool) -> None:
    """Attach `uri` as `alias`, first loading the extension that reads it."""
    package, name = next(v for scheme, v in EXTENSIONS.items() if uri.startswith(scheme))
    load_packaged(con, package, name)
    con.execute(f"ATTACH {literal(uri)} AS {alias}{' (READ_ONLY)' if read_only else ''}")


def data_directories(con: duckdb.DuckDBPyConnection, alias: str, uri: str) -> list[str]:
    """Folders a sandboxed reader must still reach: a DuckLake's metadata and data files."""
    if not uri.startswith("ducklake:"):
        return []
    metadata = Path(uri.removeprefix("ducklake:")).resolve().parent
    (data_path,) = con.execute(
        f"SELECT value FROM __ducklake_metadata_{alias}.main.ducklake_metadata "
        "WHERE key = 'data_path'"
    ).fetchone()
    return [str(metadata) + "/", data_path if data_path.endswith("/") else data_path + "/"]


def publish_to(work: duckdb.DuckDBPyConnection, uri: str) -> int:
    """Copy every published table and its comments from `work` into `uri`; tables copied."""
    attach(work, uri, "remote_warehouse", read_only=False)
    try:
        tables = work.execute(
            """SELECT schema_name, table_name, comment FROM duckdb_tables()
               WHERE database_name = current_database() AND list_contains($schemas, schema_name)
               ORDER BY ALL""",
            {"schemas": list(PUBLISHED_SCHEMAS)},
        ).fetchall()
        work.execute("BEGIN TRANSACTION")
        for schema in PUBLISHED_SCHEMAS:
            work.execute(f"CREATE SCHEMA IF NOT EXISTS remote_warehouse.{schema}")
        for schema, table, comment in tables:
            target = f"remote_warehouse.{schema}.{table}"
            work.execute(f"CREATE OR REPLACE TABLE {target} AS SELECT * FROM {schema}.{table}")
            if comment:
                work.execute(f"COMMENT ON TABLE {target} IS {literal(comment)}")
            for column, text in work.execute(
                """SELECT column_name, comment FROM duckdb_columns()
                   WHERE database_name = current_database() AND schema_name = $s
                     AND table_name = $t AND comment IS NOT NULL""",
                {"s": schema, "t": table},
            ).fetchall():
                work.execute(f'COMMENT ON COLUMN {target}."{column}" IS {literal(text)}')
        work.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            work.execute("ROLLBACK")
        raise
    finally:
        work.execute("DETACH remote_warehouse")
    return len(tables)
