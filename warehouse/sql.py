"""Writing values into SQL where DuckDB takes no parameter (ATTACH, COPY TO, COMMENT ON, LOAD)."""

from __future__ import annotations

import os


def literal(value: str | os.PathLike[str]) -> str:
    """`value` as a quoted SQL string literal, quotes doubled."""
    return "'" + str(value).replace("'", "''") + "'"
