"""The core build's asset checks read only the articles a run changed, and still catch what it broke."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from assets.core import CHECKED_ARTICLES, CHECKS
from warehouse.connect import open_work
from wirewatch.home import Home

ARTICLE = """
INSERT INTO core.articles (article_id, outlet, published_at, headline, lead, body, word_count,
                           has_body, tags, first_seen_at, source_doc_id)
VALUES ($id, 'Kyiv Daily', TIMESTAMPTZ '2025-07-20 10:00:00+00', $headline, '', '', 0, false, [],
        TIMESTAMPTZ '2025-07-20 10:00:00+00', 'doc')
"""


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = open_work(Home.resolve(tmp_path))
    for article_id in ("old", "older", "new"):
        connection.execute(ARTICLE, {"id": article_id, "headline": f"Headline {article_id}"})
    connection.execute("INSERT INTO core.article_links VALUES ('old', 'older', 'related', 1)")
    connection.execute(
        "INSERT INTO ops.changed_articles VALUES (1, 'old', NULL), (1, 'older', NULL)"
    )
    yield connection
    connection.close()


def failing(con: duckdb.DuckDBPyConnection, changed: list[str]) -> dict[str, int]:
    """Each check's failing rows after a build (build_seq 2) that changed `changed`."""
    for article_id in changed:
        con.execute("INSERT INTO ops.changed_articles VALUES (2, $id, NULL)", {"id": article_id})
    con.execute(CHECKED_ARTICLES, {"seq": 2})
    return {name: con.execute(sql).fetchone()[0] for name, _, _, sql in CHECKS}


def test_a_clean_build_passes_every_check(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO core.article_links VALUES ('new', 'old', 'hot', 1)")
    assert set(failing(con, ["new"]).values()) == {0}


def test_a_blank_headline_fails_when_its_article_changed(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE core.articles SET headline = '  ' WHERE article_id = 'new'")
    assert failing(con, ["new"])["headline_present"] == 1


def test_a_link_from_a_changed_article_to_nothing_fails(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO core.article_links VALUES ('new', 'missing', 'latest', 1)")
    assert failing(con, ["new"])["link_targets_exist"] == 1


def test_a_link_to_an_article_the_build_removed_fails(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM core.articles WHERE article_id = 'older'")
    assert failing(con, ["older"])["link_targets_exist"] == 1


def test_rows_the_run_did_not_change_are_not_read_again(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE core.articles SET headline = '' WHERE article_id = 'old'")
    assert failing(con, ["new"])["headline_present"] == 0
    con.execute(CHECKED_ARTICLES, {"seq": 0})
    assert con.execute({n: s for n, _, _, s in CHECKS}["headline_present"]).fetchone() == (1,)
