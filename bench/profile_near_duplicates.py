"""Time each statement of the near-duplicates steps for the newest articles, then roll it back.

A new day's near-duplicates cost is set by the history its articles meet (the
buckets they share, the signatures read), so it is profiled on a real work
database: the newest `--articles` articles are made new to near-duplicates
(their sketches and bands removed, their ids listed as changed), and the steps
in warehouse/transforms/core/near_duplicates/ run one statement at a time in
the order and batches the pipeline runs them
(`assets/core.py: run_near_duplicate_steps`). Everything happens in one
transaction that is rolled back, so nothing changes; work on a copy if a
pipeline may be running on the home.

    .venv/bin/python -m bench.profile_near_duplicates --database COPY --articles 1000
"""

from __future__ import annotations

from assets.core import run_near_duplicate_steps
from bench.statements import Timing, database_of, parser_for, print_total, rolled_back, run_timed

MAKE_NEWEST_NEW = """
CREATE OR REPLACE TEMP TABLE newest AS
SELECT article_id FROM core.articles ORDER BY published_at DESC, article_id
LIMIT getvariable('newest_articles');
DELETE FROM staging.article_bands WHERE article_id IN (SELECT article_id FROM newest);
DELETE FROM staging.article_sketches WHERE article_id IN (SELECT article_id FROM newest);
INSERT INTO ops.changed_articles
SELECT (SELECT coalesce(max(build_seq), 0) + 1
        FROM (SELECT build_seq FROM ops.changed_articles UNION ALL SELECT build_seq FROM ops.watermarks)),
       article_id, NULL
FROM newest;
"""


def profile(database: str, articles: int, memory: str = "4GB") -> list[Timing]:
    """(seconds, step and statement) for every statement the steps ran."""
    timings: list[Timing] = []

    def timed_script(con, step: str, sql: str) -> None:
        timings.extend(run_timed(con, sql, label=f"{step}: "))

    with rolled_back(database, memory) as con:
        con.execute("SET VARIABLE newest_articles = $n", {"n": articles})
        con.execute(MAKE_NEWEST_NEW)
        run_near_duplicate_steps(con, timed_script)
    return timings


def main() -> None:
    parser = parser_for(__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="newest articles made new")
    args = parser.parse_args()
    print_total(profile(database_of(args), args.articles, args.memory))


if __name__ == "__main__":
    main()
