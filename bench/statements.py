"""What the statement profilers share: a rolled-back connection, timed statements, their CLI.

`bench.profile_core_build` and `bench.profile_near_duplicates` time one SQL
script statement by statement on a home's work database, with the pipeline's
own settings, inside a transaction they roll back, so a profile changes
nothing it measures.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from wirewatch.home import Home

Timing = tuple[float, str]


@contextmanager
def rolled_back(database: str, memory: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to `database`, set as the pipeline sets its own, in a transaction undone on exit."""
    con = duckdb.connect(database)
    con.execute("SET memory_limit = $m", {"m": memory})
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    finally:
        con.execute("ROLLBACK")
        con.close()


def run_timed(con: duckdb.DuckDBPyConnection, sql: str, label: str = "") -> list[Timing]:
    """Run each statement of `sql`, printing and returning its time and its first words."""
    timings = []
    for statement in con.extract_statements(sql):
        started = time.perf_counter()
        con.execute(statement.query)
        text = " ".join(line for line in statement.query.splitlines() if not line.startswith("--"))
        timings.append((time.perf_counter() - started, label + " ".join(text.split())[:100]))
        print(f"{timings[-1][0]:8.3f} s  {timings[-1][1]}", flush=True)
    return timings


def parser_for(description: str) -> argparse.ArgumentParser:
    """The profilers' common options: which work database (--home or --database), --memory."""
    parser = argparse.ArgumentParser(description=description)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--home", help="the home whose work database to profile")
    where.add_argument("--database", help="a work database file (a copy, say)")
    parser.add_argument("--memory", default="4GB")
    return parser


def database_of(args: argparse.Namespace) -> str:
    return args.database or str(Home.resolve(args.home).work_db)


def print_total(timings: list[Timing]) -> None:
    print(f"{sum(t for t, _ in timings):8.3f} s  in all")
