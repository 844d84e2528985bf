"""Analysts' SQL on the published warehouse reads, and cannot write, escape or run away."""

from __future__ import annotations

import pytest

from warehouse.connect import open_published
from warehouse.sandbox import QueryRefused, query_to_csv, run_query


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE core.x (a INT)",
        "INSERT INTO ops.runs VALUES ('x', now(), 0, 0, 0, 0, 0, 0)",
        "DELETE FROM core.articles",
        "COPY core.articles TO '/tmp/wirewatch-leak.csv'",
        "EXPORT DATABASE '/tmp/wirewatch-export'",
        "ATTACH '/tmp/other.duckdb' AS other",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "PRAGMA threads = 1",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT 1; SELECT 2",
    ],
)
def test_refused(demo_home, statement: str) -> None:
    before = query_to_csv(demo_home, "SELECT count(*) FROM core.articles")
    with pytest.raises(QueryRefused):
        query_to_csv(demo_home, statement)
    assert query_to_csv(demo_home, "SELECT count(*) FROM core.articles") == before


def test_a_query_returns_csv(demo_home) -> None:
    csv = query_to_csv(
        demo_home, "SELECT outlet, count(*) AS n FROM core.articles GROUP BY 1 ORDER BY 1"
    )
    lines = csv.strip().splitlines()
    assert lines[0] == "outlet,n"
    assert len(lines) == 5


def test_runaway_query_is_stopped_by_the_time_limit(demo_home) -> None:
    con = open_published(demo_home)
    try:
        with pytest.raises(QueryRefused, match="time limit"):
            run_query(
                con,
                """SELECT count(*) FROM core.articles a, core.articles b,
                              core.articles c, core.articles d""",
                timeout_s=0.5,
            )
    finally:
        con.close()
