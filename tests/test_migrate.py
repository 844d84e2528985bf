"""A work database built with an earlier schema is brought up to this one in place,
or refused with the reason when that would lose data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.connect import WarehouseOutdated, check_schema, open_work
from warehouse.migrate import SchemaConflict, expected_shapes, migrate, table_shapes
from warehouse.schema import schema_fingerprint
from wirewatch.home import Home

# raw.documents as it was made before its key was dropped.
KEYED_DOCUMENTS = """
CREATE TABLE raw.documents (
    doc_id VARCHAR NOT NULL, source VARCHAR NOT NULL, uri VARCHAR NOT NULL,
    received_at TIMESTAMPTZ NOT NULL, media_type VARCHAR NOT NULL, size_bytes BIGINT NOT NULL,
    status VARCHAR NOT NULL, run_id VARCHAR, parent_doc_id VARCHAR, item INTEGER,
    PRIMARY KEY (doc_id, uri)
);
COMMENT ON TABLE raw.documents IS 'an older wording';
INSERT INTO raw.documents VALUES
    ('d1', 'inbox', 'file:///a.txt', TIMESTAMPTZ '2025-03-01 10:00:00+00', 'text/plain', 10, 'parsed', 'r1', NULL, NULL),
    ('d2', 'inbox', 'file:///b.txt', TIMESTAMPTZ '2025-03-02 10:00:00+00', 'text/plain', 20, 'duplicate', 'r1', NULL, NULL);
"""


def _older_home(tmp_path: Path, change: str) -> Home:
    """A home whose work database was built, then changed by `change` to an older shape."""
    home = Home.resolve(tmp_path / "home")
    open_work(home).close()
    con = duckdb.connect(str(home.work_db))
    con.execute(change)
    con.close()
    home.work_db.with_name(home.work_db.name + ".schema").write_text("0" * 64 + "\n")
    return home


def _marker(home: Home) -> str:
    return home.work_db.with_name(home.work_db.name + ".schema").read_text().strip()


def test_a_dropped_key_is_applied_in_place_keeping_every_row(tmp_path: Path) -> None:
    home = _older_home(tmp_path, "DROP TABLE raw.documents;" + KEYED_DOCUMENTS)
    con = duckdb.connect(str(home.work_db))
    assert table_shapes(con)["raw.documents"].key == ("doc_id", "uri")
    rows = con.execute("SELECT * FROM raw.documents ORDER BY doc_id").fetchall()
    con.close()

    check_schema(home)

    assert _marker(home) == schema_fingerprint()
    con = duckdb.connect(str(home.work_db))
    assert table_shapes(con) == expected_shapes()
    assert con.execute("SELECT * FROM raw.documents ORDER BY doc_id").fetchall() == rows
    (comment,) = con.execute(
        "SELECT comment FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = 'documents'"
    ).fetchone()
    assert comment.startswith("Every input received")
    con.close()


def test_a_table_with_an_index_is_made_again_and_regains_it(tmp_path: Path) -> None:
    older_links = """
        INSERT INTO core.article_links VALUES ('a1', 'a2', 'related', 0);
        DROP INDEX core.article_links_from;
        ALTER TABLE core.article_links ADD PRIMARY KEY (from_article_id, to_article_id);
        CREATE INDEX article_links_from ON core.article_links (from_article_id);
    """
    home = _older_home(tmp_path, older_links)
    check_schema(home)
    con = open_work(home)
    try:
        assert table_shapes(con)["core.article_links"] == expected_shapes()["core.article_links"]
        assert con.execute("SELECT count(*) FROM core.article_links").fetchone()[0] == 1
        indexes = con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()
        assert ("article_links_from",) in indexes
    finally:
        con.close()


def test_a_column_this_schema_lacks_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    home = _older_home(
        tmp_path,
        """DROP TABLE raw.documents;"""
        + KEYED_DOCUMENTS
        + "ALTER TABLE core.articles ADD COLUMN legacy_score DOUBLE;",
    )
    with pytest.raises(WarehouseOutdated, match=r"core\.articles\.legacy_score .* would be lost"):
        check_schema(home)
    assert _marker(home) == "0" * 64
    con = duckdb.connect(str(home.work_db))
    assert table_shapes(con)["raw.documents"].key == ("doc_id", "uri")
    con.close()


def test_a_retyped_column_is_refused(tmp_path: Path) -> None:
    home = _older_home(
        tmp_path,
        "ALTER TABLE staging.article_sketches ALTER COLUMN signature TYPE VARCHAR[]",
    )
    con = duckdb.connect(str(home.work_db))
    with pytest.raises(SchemaConflict, match="signature is VARCHAR"):
        migrate(con)
    con.close()


def test_a_table_the_schema_adds_is_created(tmp_path: Path) -> None:
    home = _older_home(tmp_path, "DROP TABLE marts.emerging_terms")
    check_schema(home)
    con = duckdb.connect(str(home.work_db))
    assert "marts.emerging_terms" in table_shapes(con)
    con.close()
