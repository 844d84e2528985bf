"""DuckDB extensions shipped as Python packages (duckdb-extension-*), loaded from their files.

Each package holds the official binary for one DuckDB version, which is why
duckdb is pinned to that exact version: loading from the file needs no download
and writes nothing to the user's home.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import duckdb

from warehouse.sql import literal


def packaged_extension(package: ModuleType, name: str) -> Path:
    """The binary of extension `name` in `package`, built for the installed DuckDB."""
    version = duckdb.__version__
    path = Path(package.__file__).parent / "extensions" / f"v{version}" / f"{name}.duckdb_extension"
    if not path.exists():
        raise RuntimeError(
            f"the DuckDB extension {name} for DuckDB {version} is missing (looked for {path}); "
            f"reinstall wirewatch so duckdb and {package.__name__} have the same version"
        )
    return path


def load_packaged(con: duckdb.DuckDBPyConnection, package: ModuleType, name: str) -> None:
    con.execute(f"LOAD {literal(packaged_extension(package, name))}")
