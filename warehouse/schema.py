"""Applies the warehouse schema kept as SQL files under `warehouse/schema/<layer>/<table>.sql`.

Each file creates one table (if missing) and documents it with COMMENT ON, so
`SELECT * FROM duckdb_columns()` is the data dictionary.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

LAYERS = ("raw", "staging", "core", "marts", "ops")
SCHEMA_DIR = Path(__file__).parent / "schema"
TRANSFORM_DIR = Path(__file__).parent / "transforms"


def _is_view(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("CREATE VIEW", "CREATE OR REPLACE VIEW"))


def schema_files() -> list[Path]:
    """Every table and view definition: tables layer by layer, then views, which need them."""
    files = [path for layer in LAYERS for path in sorted((SCHEMA_DIR / layer).glob("*.sql"))]
    return sorted(files, key=lambda path: _is_view(path.read_text(encoding="utf-8")))


def schema_fingerprint() -> str:
    """SHA-256 of every table definition: changes whenever the schema does."""
    digest = hashlib.sha256()
    for path in schema_files():
        digest.update(path.relative_to(SCHEMA_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every schema and table that does not exist yet, with its comments."""
    for layer in LAYERS:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {layer}")
    for path in schema_files():
        con.execute(path.read_text(encoding="utf-8"))


def transform_sql(layer: str, table: str) -> str:
    """The SQL that rebuilds `layer.table` from the layers before it."""
    return (TRANSFORM_DIR / layer / f"{table}.sql").read_text(encoding="utf-8")
