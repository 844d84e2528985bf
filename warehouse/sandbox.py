"""Analysts' ad-hoc SQL on the published warehouse, safely.

The connection is already read-only with file and network access disabled and
its settings locked (see `warehouse.connect.open_published`). On top of that,
only one statement per request is accepted, it must be a query (SELECT, WITH,
VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN), and it is interrupted after a time
limit, so a runaway cross join cannot tie up the machine.
"""

from __future__ import annotations

import io
import sys
import threading

import duckdb
import polars as pl
import pyarrow as pa

from warehouse.connect import open_published
from wirewatch.home import Home

DEFAULT_TIMEOUT_S = 30.0
ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class QueryRefused(ValueError):
    """The statement is not a single read-only query, or it ran out of time."""


def checked_query(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """Return the single query in `sql`, or raise QueryRefused saying why not."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"cannot parse the query: {exc}") from exc
    if len(statements) != 1:
        raise QueryRefused(f"one statement at a time, found {len(statements)}")
    statement = statements[0]
    if statement.type not in ALLOWED:
        kind = statement.type.name.replace("_STATEMENT", "").lower()
        raise QueryRefused(f"only queries are allowed on the warehouse, not {kind} statements")
    return statement.query


def run_query(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_rows: int | None = None,
) -> pl.DataFrame:
    """Run one read-only query, interrupting it after `timeout_s` seconds.

    With `max_rows`, at most that many rows plus one are read from the result,
    so a caller can tell a truncated result (more rows than `max_rows`) without
    the whole of a huge result ever being materialised.
    """
    query = checked_query(con, sql)
    timer = threading.Timer(timeout_s, con.interrupt)
    timer.start()
    try:
        result = con.execute(query)
        if max_rows is None:
            return result.pl()
        reader = result.to_arrow_reader(min(max_rows + 1, 100_000))
        batches, kept = [], 0
        for batch in reader:
            batches.append(batch.slice(0, max_rows + 1 - kept))
            kept += batches[-1].num_rows
            if kept > max_rows:
                break
        return pl.DataFrame(pa.Table.from_batches(batches, schema=reader.schema))
    except duckdb.InterruptException as exc:
        raise QueryRefused(f"query stopped after the {timeout_s:g} s time limit") from exc
    except duckdb.PermissionException as exc:
        raise QueryRefused(f"not allowed: {exc}") from exc
    except duckdb.Error as exc:
        raise QueryRefused(str(exc).splitlines()[0]) from exc
    finally:
        timer.cancel()


def query_to_csv(home: Home, sql: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> str:
    con = open_published(home)
    try:
        frame = run_query(con, sql, timeout_s)
    finally:
        con.close()
    buffer = io.StringIO()
    frame.write_csv(buffer)
    return buffer.getvalue()


def interactive_shell(home: Home) -> int:
    """A minimal prompt: statements end with `;`; `.tables` lists tables; `.quit` leaves."""
    con = open_published(home)
    print(
        f"wirewatch sql on {home.warehouse} (read-only). End statements with ';'. .quit to leave."
    )
    buffer = ""
    with pl.Config(tbl_rows=40, tbl_cols=-1, fmt_str_lengths=60):
        while True:
            try:
                line = input("wirewatch> " if not buffer else "      ...> ")
            except EOFError:
                print()
                return 0
            command = line.strip()
            if not buffer and command in {".quit", ".exit"}:
                return 0
            if not buffer and command == ".tables":
                command = (
                    "SELECT schema_name || '.' || table_name AS table_name, comment "
                    "FROM duckdb_tables() ORDER BY 1;"
                )
            buffer += command + "\n"
            if not buffer.rstrip().endswith(";"):
                continue
            try:
                print(run_query(con, buffer))
            except QueryRefused as exc:
                print(f"refused: {exc}", file=sys.stderr)
            buffer = ""
