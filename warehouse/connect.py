"""The one way to open the warehouse.

Two kinds of connection exist. The pipeline writes the private work database
(`open_work`); everyone else reads the published copy (`open_published`), which
is read-only, cannot reach the file system or network, and cannot have its
settings changed, so a reader can neither block the pipeline nor alter data.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.schema import apply_schema
from wirewatch.home import Home


class WarehouseNotPublished(FileNotFoundError):
    """No published warehouse exists yet in this home."""


def open_work(home: Home) -> duckdb.DuckDBPyConnection:
    """A read-write connection to the pipeline's work database, schema applied."""
    home.work_db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(home.work_db))
    con.execute("SET TimeZone = 'UTC'")
    apply_schema(con)
    return con


def open_published(home: Home | Path) -> duckdb.DuckDBPyConnection:
    """A sandboxed read-only connection to the published warehouse."""
    path = home.warehouse if isinstance(home, Home) else Path(home)
    if not path.exists():
        raise WarehouseNotPublished(
            f"no published warehouse at {path}; run `wirewatch run` or `wirewatch demo` first"
        )
    con = duckdb.connect(str(path), read_only=True, config={"enable_external_access": False})
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET lock_configuration = true")
    return con
