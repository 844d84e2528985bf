"""Time each statement of the near-duplicates steps for the newest articles, then roll it back.

A new day's near-duplicates cost is set by the history its articles meet (the
buckets they share, the signatures read), so it is profiled on a real work
database: the newest `--articles` articles are made new to near-duplicates
(their sketches and bands removed, their ids listed as changed), and the steps
in warehouse/transforms/core/near_duplicates/ run one statement at a time in
the order and batches `assets/core.py` runs them. Everything happens in one
transaction that is rolled back, so nothing changes; work on a copy if a
pipeline may be running on the home.

    .venv/bin/python -m bench.profile_near_duplicates --database COPY --articles 1000
"""

from __future__ import annotations

import argparse
import time

import duckdb

from assets.core import NEAR_DUPLICATE_BATCH, PAIRING_BATCH
from warehouse.schema import transform_sql
from wirewatch.home import Home

MAKE_NEWEST_NEW = """
CREATE OR REPLACE TEMP TABLE newest AS
SELECT article_id FROM core.articles ORDER BY published_at DESC, article_id LIMIT $articles;
DELETE FROM staging.article_bands WHERE article_id IN (SELECT article_id FROM newest);
DELETE FROM staging.article_sketches WHERE article_id IN (SELECT article_id FROM newest);
INSERT INTO ops.changed_articles
SELECT (SELECT coalesce(max(build_seq), 0) + 1
        FROM (SELECT build_seq FROM ops.changed_articles UNION ALL SELECT build_seq FROM ops.watermarks)),
       article_id, NULL
FROM newest;
"""


def profile(database: str, articles: int, memory: str = "4GB") -> list[tuple[float, str]]:
    """(seconds, step and statement) for every statement the steps ran."""
    con = duckdb.connect(database)
    con.execute("SET memory_limit = $m", {"m": memory})
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET VARIABLE near_duplicate_batch = $n", {"n": NEAR_DUPLICATE_BATCH})
    con.execute("SET VARIABLE pairing_batch = $n", {"n": PAIRING_BATCH})
    timings: list[tuple[float, str]] = []

    def run(step: str, batch: int = 0) -> None:
        con.execute("SET VARIABLE near_duplicate_step = $n", {"n": batch})
        for statement in con.extract_statements(transform_sql("core", f"near_duplicates/{step}")):
            started = time.perf_counter()
            con.execute(statement.query)
            text = " ".join(
                line for line in statement.query.splitlines() if not line.startswith("--")
            )
            timings.append(
                (time.perf_counter() - started, f"{step}: {' '.join(text.split())[:90]}")
            )
            print(f"{timings[-1][0]:8.3f} s  {timings[-1][1]}", flush=True)

    con.execute("BEGIN TRANSACTION")
    try:
        for statement in con.extract_statements(MAKE_NEWEST_NEW):
            con.execute(
                statement.query, {"articles": articles} if "$articles" in statement.query else None
            )
        run("changed")
        (changed,) = con.execute("SELECT count(*) FROM changed").fetchone()
        if con.execute("SELECT count(*) FROM resketched").fetchone()[0]:
            con.execute(
                "DELETE FROM staging.article_bands "
                "WHERE article_id IN (SELECT article_id FROM resketched)"
            )
        for batch in range(-(-changed // NEAR_DUPLICATE_BATCH)):
            run("sketch", batch)
        run("bands")
        run("candidates")
        (within_week,) = con.execute(
            "SELECT count(*) FILTER (WHERE within_week) FROM candidates"
        ).fetchone()
        for batch in range(-(-within_week // PAIRING_BATCH)):
            run("score", batch)
    finally:
        con.execute("ROLLBACK")
        con.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--home", help="the home whose work database to profile")
    where.add_argument("--database", help="a work database file (a copy, say)")
    parser.add_argument("--articles", type=int, default=1000, help="newest articles made new")
    parser.add_argument("--memory", default="4GB")
    args = parser.parse_args()
    database = args.database or str(Home.resolve(args.home).work_db)
    timings = profile(database, args.articles, args.memory)
    print(f"{sum(t for t, _ in timings):8.3f} s  in all")


if __name__ == "__main__":
    main()
