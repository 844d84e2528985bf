"""Applies the warehouse schema kept as SQL files under `warehouse/schema/<layer>/<table>.sql`.

Each file creates one table (if missing) and documents it with COMMENT ON, so
`SELECT * FROM duckdb_columns()` is the data dictionary.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import duckdb

LAYERS = ("raw", "staging", "core", "marts", "ops")
SCHEMA_DIR = Path(__file__).parent / "schema"
TRANSFORM_DIR = Path(__file__).parent / "transforms"
INDEX_FILE = SCHEMA_DIR / "indexes.sql"


@lru_cache(maxsize=1)
def schema_sql() -> tuple[tuple[str, str], ...]:
    """(layer/file name, SQL) of every table definition, layer by layer in data-flow order."""
    return tuple(
        (path.relative_to(SCHEMA_DIR).as_posix(), path.read_text(encoding="utf-8"))
        for layer in LAYERS
        for path in sorted((SCHEMA_DIR / layer).glob("*.sql"))
    )


@lru_cache(maxsize=1)
def schema_fingerprint() -> str:
    """SHA-256 of every table definition: changes whenever the schema does."""
    digest = hashlib.sha256()
    for name, sql in schema_sql():
        digest.update(name.encode())
        digest.update(sql.encode())
    return digest.hexdigest()


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every schema and table that does not exist yet, with its comments."""
    for layer in LAYERS:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {layer}")
    for _, sql in schema_sql():
        con.execute(sql)


@lru_cache(maxsize=1)
def index_sql() -> str:
    return INDEX_FILE.read_text(encoding="utf-8")


def apply_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Create the indexes a warehouse lacks.

    Run on every open of the work database rather than with the schema: an index
    changes no table, so a home built before it gains it on its next run (one pass
    over the table) instead of being asked to rebuild.
    """
    con.execute(index_sql())


def transform_sql(layer: str, table: str) -> str:
    """The SQL that rebuilds `layer.table` from the layers before it."""
    return (TRANSFORM_DIR / layer / f"{table}.sql").read_text(encoding="utf-8")
