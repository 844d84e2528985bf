"""Analysts' ad-hoc SQL on the published warehouse, safely.

The connection is already read-only with file and network access disabled and
its settings locked (see `warehouse.connect.open_published`). On top of that,
only one statement per request is accepted, it must be a query (SELECT, WITH,
VALUES, DESCRIBE, SHOW, SUMMARIZE, or EXPLAIN of a query: EXPLAIN ANALYZE runs
the statement it explains), and it is interrupted after a time limit, so a
runaway cross join cannot tie up the machine. `wirewatch sql -c` streams its
CSV in batches, so a huge result never has to fit in memory.
"""

from __future__ import annotations

import io
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

import duckdb
import polars as pl
import pyarrow as pa

from warehouse.connect import open_published
from wirewatch.home import Home

DEFAULT_TIMEOUT_S = 30.0
ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
_EXPLAIN = re.compile(r"\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?:\([^()]*\)\s*)?", re.IGNORECASE)
CSV_BATCH_ROWS = 10_000


class QueryRefused(ValueError):
    """The statement is not a single read-only query, or it ran out of time."""


def _first_line(exc: Exception) -> str:
    """DuckDB's message without the query excerpt and caret it adds below: one line."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def checked_query(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """Return the single query in `sql`, or raise QueryRefused saying why not."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"cannot parse the query: {_first_line(exc)}") from exc
    if len(statements) != 1:
        raise QueryRefused(f"one statement at a time, found {len(statements)}")
    statement = statements[0]
    if statement.type not in ALLOWED:
        kind = statement.type.name.replace("_STATEMENT", "").lower()
        raise QueryRefused(f"only queries are allowed on the warehouse, not {kind} statements")
    if statement.type == duckdb.StatementType.EXPLAIN:
        _check_explained(con, statement.query)
    return statement.query


def _check_explained(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Refuse EXPLAIN of anything but a query: EXPLAIN ANALYZE executes what it explains."""
    match = _EXPLAIN.match(query)
    try:
        inner = con.extract_statements(query[match.end() :]) if match else []
    except duckdb.Error:
        inner = []
    if len(inner) != 1 or inner[0].type != duckdb.StatementType.SELECT:
        raise QueryRefused("EXPLAIN is allowed only of a query (EXPLAIN [ANALYZE] SELECT ...)")


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
    with _time_limited(con, timeout_s):
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


@contextmanager
def _time_limited(con: duckdb.DuckDBPyConnection, timeout_s: float) -> Iterator[None]:
    """Interrupt `con` after `timeout_s` seconds; every failure inside becomes QueryRefused.

    A query interrupted while its rows are streamed through Arrow surfaces as
    pyarrow's OSError ("INTERRUPT Error") rather than DuckDB's exception.
    """
    timer = threading.Timer(timeout_s, con.interrupt)
    timer.start()
    try:
        yield
    except duckdb.InterruptException as exc:
        raise QueryRefused(f"query stopped after the {timeout_s:g} s time limit") from exc
    except duckdb.PermissionException as exc:
        raise QueryRefused(f"not allowed: {_first_line(exc)}") from exc
    except duckdb.Error as exc:
        raise QueryRefused(_first_line(exc)) from exc
    except OSError as exc:
        if "INTERRUPT" in str(exc):
            raise QueryRefused(f"query stopped after the {timeout_s:g} s time limit") from exc
        raise QueryRefused(_first_line(exc)) from exc
    finally:
        timer.cancel()


def write_csv(home: Home, sql: str, out: TextIO, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
    """Write the result of one read-only query to `out` as CSV, a batch of rows at a time.

    Only one batch is held in memory, so `SELECT * FROM range(1e10)` streams
    until the time limit stops it instead of filling the machine's memory.
    """
    con = open_published(home)
    try:
        query = checked_query(con, sql)
        with _time_limited(con, timeout_s):
            reader = con.execute(query).to_arrow_reader(CSV_BATCH_ROWS)
            header = True
            for batch in reader:
                frame = pl.DataFrame(pa.Table.from_batches([batch], schema=reader.schema))
                frame.write_csv(out, include_header=header)
                header = False
            if header:
                pl.DataFrame(pa.Table.from_batches([], schema=reader.schema)).write_csv(out)
    finally:
        con.close()


def query_to_csv(home: Home, sql: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> str:
    """The result of one read-only query as CSV text."""
    buffer = io.StringIO()
    write_csv(home, sql, buffer, timeout_s)
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
