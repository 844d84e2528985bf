"""A DuckLake warehouse in place of the local file: published to, read from, sandboxed."""

from __future__ import annotations

import json

import pytest

from dashboard.filters import Filters
from tests.conftest import MIXED_ARTICLES
from warehouse.connect import open_published
from warehouse.remote import WAREHOUSE_ENV, configured_uri
from warehouse.sandbox import QueryRefused, run_query
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline


@pytest.fixture
def lake_home(tmp_path, monkeypatch) -> Home:
    monkeypatch.setenv(WAREHOUSE_ENV, f"ducklake:{tmp_path / 'lake' / 'meta.ducklake'}")
    (tmp_path / "lake").mkdir()
    home = Home.resolve(tmp_path / "home").prepare()
    source = tmp_path / "articles.jsonl"
    source.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in MIXED_ARTICLES), encoding="utf-8"
    )
    run_pipeline(home, [str(source)])
    return home


def test_publishing_copies_every_table_and_its_documentation(lake_home) -> None:
    con = open_published(lake_home)
    try:
        (path,) = con.sql(
            "SELECT path FROM duckdb_databases() WHERE database_name = 'warehouse'"
        ).fetchone()
        assert path.endswith("meta.ducklake")
        assert con.sql("SELECT count(*) FROM core.articles").fetchone()[0] == 3
        assert con.sql("SELECT sum(articles) FROM marts.daily_volume").fetchone()[0] == 3
        comment = con.sql(
            """SELECT comment FROM duckdb_columns()
               WHERE table_name = 'articles' AND column_name = 'published_at'"""
        ).fetchone()[0]
        assert comment.startswith("Publication time in UTC")
    finally:
        con.close()


def test_publishing_again_replaces_the_lake_snapshot(lake_home, tmp_path) -> None:
    extra = tmp_path / "more.jsonl"
    extra.write_text(
        json.dumps({**MIXED_ARTICLES[2], "headline": "Another strike", "url": "https://x.org/4"})
        + "\n",
        encoding="utf-8",
    )
    run_pipeline(lake_home, [str(extra)])
    con = open_published(lake_home)
    try:
        assert con.sql("SELECT count(*) FROM core.articles").fetchone()[0] == 4
    finally:
        con.close()


def test_readers_of_the_lake_are_sandboxed(lake_home) -> None:
    con = open_published(lake_home)
    try:
        for attack in ("SELECT * FROM read_csv('/etc/passwd')", "CREATE TABLE x AS SELECT 1"):
            with pytest.raises(QueryRefused):
                run_query(con, attack)
        assert len(run_query(con, "SELECT * FROM core.officials")) > 0
    finally:
        con.close()


def test_the_dashboard_searches_headlines_without_the_local_index(lake_home) -> None:
    import os

    from dashboard import database
    from dashboard.queries import articles

    os.environ["WIREWATCH_HOME"] = str(lake_home.root)
    try:
        current = database.version()
        assert current[0] == configured_uri()
        assert not articles.has_search_index.__wrapped__(current)
        first, last = database.frame(
            current, "SELECT min(day) AS a, max(day) AS b FROM marts.daily_volume"
        ).row(0)
        found = articles.search.__wrapped__(current, Filters(first, last), "MISSILES strike")
    finally:
        del os.environ["WIREWATCH_HOME"]
    assert found["headline"].to_list() == ["Missiles strike energy facilities overnight"]


def test_a_local_path_is_not_a_warehouse_uri(monkeypatch) -> None:
    monkeypatch.setenv(WAREHOUSE_ENV, "/srv/warehouse.duckdb")
    with pytest.raises(ValueError, match="ducklake: or md:"):
        configured_uri()
