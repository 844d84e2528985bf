"""The data contract: promised tables and columns exist and every one is documented."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.connect import open_work
from warehouse.schema import LAYERS
from wirewatch.home import Home

PROMISED = {
    "raw.documents": {
        "doc_id",
        "source",
        "uri",
        "received_at",
        "media_type",
        "size_bytes",
        "status",
    },
    "core.articles": {
        "article_id",
        "outlet",
        "url",
        "section",
        "published_at",
        "headline",
        "lead",
        "body",
        "word_count",
        "has_body",
        "tags",
    },
    "core.article_links": {"from_article_id", "to_article_id", "kind"},
    "ops.quarantine": {"doc_id", "uri", "stage", "reason", "received_at"},
    "marts.daily_volume": {"day", "outlet", "articles"},
}


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = open_work(Home.resolve(tmp_path))
    yield connection
    connection.close()


def test_every_layer_is_a_schema(con: duckdb.DuckDBPyConnection) -> None:
    schemas = {row[0] for row in con.sql("SELECT schema_name FROM duckdb_schemas()").fetchall()}
    assert set(LAYERS) <= schemas


def test_promised_tables_and_columns_exist(con: duckdb.DuckDBPyConnection) -> None:
    for table, columns in PROMISED.items():
        schema, name = table.split(".")
        found = {
            row[0]
            for row in con.sql(
                "SELECT column_name FROM duckdb_columns() WHERE schema_name = $s AND table_name = $t",
                params={"s": schema, "t": name},
            ).fetchall()
        }
        assert columns <= found, f"{table} lacks {columns - found}"


def test_published_at_is_utc_timestamptz(con: duckdb.DuckDBPyConnection) -> None:
    kind = con.sql("""SELECT data_type FROM duckdb_columns()
                      WHERE schema_name = 'core' AND table_name = 'articles'
                        AND column_name = 'published_at'""").fetchone()[0]
    assert kind == "TIMESTAMP WITH TIME ZONE"


def test_every_table_view_and_column_has_a_comment(con: duckdb.DuckDBPyConnection) -> None:
    undocumented_tables = con.sql("""
        SELECT schema_name || '.' || table_name FROM duckdb_tables()
        WHERE schema_name IN ('raw', 'staging', 'core', 'marts', 'ops') AND coalesce(comment, '') = ''
        UNION ALL
        SELECT schema_name || '.' || view_name FROM duckdb_views()
        WHERE schema_name IN ('raw', 'staging', 'core', 'marts', 'ops') AND coalesce(comment, '') = ''
    """).fetchall()
    assert undocumented_tables == []
    undocumented_columns = con.sql("""
        SELECT schema_name || '.' || table_name || '.' || column_name FROM duckdb_columns()
        WHERE schema_name IN ('raw', 'staging', 'core', 'marts', 'ops') AND coalesce(comment, '') = ''
    """).fetchall()
    assert undocumented_columns == []


def test_applying_the_schema_twice_changes_nothing(tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    open_work(home).close()
    con = open_work(home)
    tables = con.sql("SELECT count(*) FROM duckdb_tables()").fetchone()[0]
    con.close()
    assert tables >= len(PROMISED)


def test_a_home_built_before_an_index_gains_it_on_its_next_run(tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    con = open_work(home)
    con.execute("DROP INDEX core.article_links_from")
    con.close()
    con = open_work(home)
    indexes = con.sql("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'article_links'")
    assert indexes.fetchall() == [("article_links_from",)]
    con.close()


def test_one_pages_links_are_found_through_the_index(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""INSERT INTO core.article_links
                   SELECT printf('%016x', i // 20), printf('%016x', i), 'related', (i % 20)::INTEGER
                   FROM range(100000) AS t(i)""")
    # DuckDB chooses an index scan as the query runs, so only EXPLAIN ANALYZE shows it.
    (_, plan), *_ = con.execute(
        "EXPLAIN ANALYZE SELECT * FROM core.article_links WHERE from_article_id = $id",
        {"id": f"{1234:016x}"},
    ).fetchall()
    assert "Index Scan" in plan
