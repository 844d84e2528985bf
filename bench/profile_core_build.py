"""Time each statement of the core build on a home's work database, then roll it back.

The core build is one SQL script (warehouse/transforms/core/build.sql); when a
first load or a big month is slow, this says which statement is, with the
documents pending in that home, at a given memory limit. Nothing is changed:
the whole script runs in a transaction that is rolled back. Work on a copy if
a pipeline may be running on the home.

    .venv/bin/python -m bench.profile_core_build --home /path/to/home --memory 4GB
"""

from __future__ import annotations

import argparse
import time

import duckdb

from assets.core import BATCH_DOCS
from warehouse.schema import transform_sql
from wirewatch.home import Home


def profile(database: str, memory: str, batch: int) -> list[tuple[float, str]]:
    con = duckdb.connect(database)
    con.execute("SET memory_limit = $m", {"m": memory})
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET VARIABLE core_batch_docs = $n", {"n": batch})
    timings = []
    con.execute("BEGIN TRANSACTION")
    try:
        for statement in con.extract_statements(transform_sql("core", "build")):
            started = time.perf_counter()
            con.execute(statement.query)
            text = " ".join(
                line for line in statement.query.splitlines() if not line.startswith("--")
            )
            timings.append((time.perf_counter() - started, " ".join(text.split())[:100]))
            print(f"{timings[-1][0]:8.2f} s  {timings[-1][1]}", flush=True)
    finally:
        con.execute("ROLLBACK")
        con.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--home", help="the home whose work database to profile")
    where.add_argument("--database", help="a work database file (a copy, say)")
    parser.add_argument("--memory", default="4GB")
    parser.add_argument("--batch", type=int, default=BATCH_DOCS, help="documents per batch")
    args = parser.parse_args()
    database = args.database or str(Home.resolve(args.home).work_db)
    timings = profile(database, args.memory, args.batch)
    print(f"{sum(t for t, _ in timings):8.2f} s  in all")


if __name__ == "__main__":
    main()
