"""Analysts' SQL cannot read the machine's files, write anything, change settings or run away.

The same battery of attacks goes through both doors analysts have: the
dashboard's SQL page (Streamlit AppTest) and `wirewatch sql -c` (a real
process). Each attack must be refused with a message saying why, or stopped by
the time limit, and the published warehouse must be byte for byte what it was.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import WIREWATCH
from warehouse.connect import open_published
from warehouse.sandbox import QueryRefused, run_query

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
LEAK = "/tmp/wirewatch-attack-leak"
NOT_ALLOWED = "not allowed: Permission Error"
ONLY_QUERIES = "only queries are allowed"

# (attack, what the refusal says)
ATTACKS = [
    # reading the machine's files
    ("SELECT * FROM read_csv('/etc/passwd')", NOT_ALLOWED),
    ("SELECT * FROM read_csv_auto('/proc/self/environ')", NOT_ALLOWED),
    ("SELECT * FROM read_text('/etc/passwd')", NOT_ALLOWED),
    ("SELECT * FROM read_blob('/etc/passwd')", NOT_ALLOWED),
    ("SELECT * FROM glob('/etc/*')", NOT_ALLOWED),
    ("SELECT * FROM read_parquet('/etc/passwd')", NOT_ALLOWED),
    ("SELECT * FROM read_json('/etc/passwd')", NOT_ALLOWED),
    ("SELECT * FROM sniff_csv('/etc/passwd')", NOT_ALLOWED),
    ("SELECT * FROM parquet_metadata('/etc/passwd')", NOT_ALLOWED),
    ("SELECT * FROM 'https://example.com/data.csv'", NOT_ALLOWED),
    ('SELECT * FROM "/etc/passwd"', "does not exist"),
    ("FROM '/etc/passwd'", "does not exist"),
    ("SELECT * FROM duckdb_secrets()", NOT_ALLOWED),
    ("IMPORT DATABASE '/etc'", "cannot parse the query"),
    # writing
    (f"COPY core.articles TO '{LEAK}.csv'", ONLY_QUERIES),
    (f"COPY (SELECT 1) TO '{LEAK}.parquet' (FORMAT parquet)", ONLY_QUERIES),
    (f"EXPORT DATABASE '{LEAK}'", ONLY_QUERIES),
    ("CREATE TABLE core.x (a INT)", ONLY_QUERIES),
    ("CREATE TEMP TABLE x AS SELECT 1", ONLY_QUERIES),
    ("CREATE TABLE memory.main.x AS SELECT 1", ONLY_QUERIES),
    ("CREATE MACRO m(x) AS x + 1", ONLY_QUERIES),
    ("CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 's')", ONLY_QUERIES),
    ("INSERT INTO ops.runs SELECT * FROM ops.runs", ONLY_QUERIES),
    ("UPDATE core.articles SET headline = 'owned'", ONLY_QUERIES),
    ("DELETE FROM core.articles", ONLY_QUERIES),
    ("DROP TABLE core.articles", ONLY_QUERIES),
    ("ALTER TABLE core.articles ADD COLUMN x INT", ONLY_QUERIES),
    ("TRUNCATE core.articles", ONLY_QUERIES),
    ("CHECKPOINT", ONLY_QUERIES),
    ("VACUUM", ONLY_QUERIES),
    ("COPY FROM DATABASE warehouse TO memory", "one statement at a time"),
    # EXPLAIN ANALYZE runs what it explains
    ("EXPLAIN ANALYZE CREATE TABLE memory.main.x AS SELECT 1", "EXPLAIN is allowed only"),
    ("EXPLAIN ANALYZE DELETE FROM core.articles", "EXPLAIN is allowed only"),
    (f"EXPLAIN ANALYZE COPY (SELECT 1) TO '{LEAK}.csv'", "EXPLAIN is allowed only"),
    ("EXPLAIN ANALYZE SET threads = 1", "EXPLAIN is allowed only"),
    # other databases
    (f"ATTACH '{LEAK}.duckdb' AS other", ONLY_QUERIES),
    ("ATTACH ':memory:' AS other", ONLY_QUERIES),
    ("DETACH warehouse", ONLY_QUERIES),
    ("USE memory", ONLY_QUERIES),
    # extensions
    ("INSTALL httpfs", ONLY_QUERIES),
    ("LOAD httpfs", ONLY_QUERIES),
    ("FORCE INSTALL fts", ONLY_QUERIES),
    ("UPDATE EXTENSIONS", "only queries are allowed|cannot parse"),
    ("SELECT * FROM duckdb_extensions()", NOT_ALLOWED),
    # settings
    ("SET enable_external_access = true", ONLY_QUERIES),
    ("SET lock_configuration = false", ONLY_QUERIES),
    ("RESET enable_external_access", ONLY_QUERIES),
    ("PRAGMA enable_profiling", ONLY_QUERIES),
    ("PRAGMA threads = 1", ONLY_QUERIES),
    ("CALL enable_logging()", ONLY_QUERIES),
    ("SET VARIABLE x = 1", ONLY_QUERIES),
    ("SELECT set_config('enable_external_access', 'true')", "does not exist"),
    # several statements, and statements hidden behind comments, strings and CTEs
    ("SELECT 1; SELECT 2", "one statement at a time"),
    ("SELECT 1; DROP TABLE core.articles", "one statement at a time"),
    ("SELECT 1 /* ; */ ; DELETE FROM core.articles", "one statement at a time"),
    ("SELECT 1 -- harmless\n; SET threads = 1", "one statement at a time"),
    ("WITH x AS (SELECT 1) DELETE FROM core.articles", ONLY_QUERIES),
    ("WITH x AS (SELECT 1) INSERT INTO ops.runs SELECT * FROM ops.runs", ONLY_QUERIES),
    ("BEGIN TRANSACTION", ONLY_QUERIES),
    ("SELECT * FROM query('DROP TABLE core.articles')", "single SELECT"),
]
RUNAWAY = """SELECT count(*) FROM core.articles a, core.articles b, core.articles c,
                    core.articles d, core.articles e"""
# Queries the battery must not break: comments and semicolons inside text are harmless.
HARMLESS = [
    "SELECT 1 /*; DROP TABLE core.articles */ AS one",
    "SELECT ';DROP TABLE core.articles' AS text",
    "EXPLAIN ANALYZE SELECT count(*) FROM core.articles",
    "SUMMARIZE core.outlets",
]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leaks() -> list[str]:
    return [
        p for p in (LEAK, f"{LEAK}.csv", f"{LEAK}.parquet", f"{LEAK}.duckdb") if os.path.exists(p)
    ]


@pytest.fixture(scope="module")
def fingerprint(demo_home) -> str:
    return _sha256(demo_home.warehouse)


def _sql(home, query: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"WIREWATCH_HOME", "DAGSTER_HOME"}}
    return subprocess.run(
        [str(WIREWATCH), "sql", "--home", str(home.root), "-c", query],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _sql_page(monkeypatch: pytest.MonkeyPatch, home, query: str, timeout_s: int = 10) -> AppTest:
    monkeypatch.setenv("WIREWATCH_HOME", str(home.root))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("views/sql.py").run()
    at.text_area(key="sql").input(query)
    at.number_input(key="timeout_s").set_value(timeout_s)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(("attack", "says"), ATTACKS, ids=[a for a, _ in ATTACKS])
def test_the_command_line_refuses(demo_home, fingerprint, attack: str, says: str) -> None:
    result = _sql(demo_home, attack)
    assert result.returncode == 2, (result.stdout[:500], result.stderr)
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()  # errors are one line
    assert line.startswith("wirewatch: ")
    assert any(part in line for part in says.split("|")), line
    assert _sha256(demo_home.warehouse) == fingerprint
    assert not _leaks()


@pytest.mark.parametrize(("attack", "says"), ATTACKS, ids=[a for a, _ in ATTACKS])
def test_the_sql_page_refuses(monkeypatch, demo_home, fingerprint, attack: str, says: str) -> None:
    at = _sql_page(monkeypatch, demo_home, attack)
    assert len(at.error) == 1, "a refusal, and no result"
    message = at.error[0].value
    assert message.startswith("Refused: ")
    assert any(part in message for part in says.split("|")), message
    assert not at.dataframe[0].value.empty and "table" in at.dataframe[0].value, (
        "only the catalogue"
    )
    assert _sha256(demo_home.warehouse) == fingerprint
    assert not _leaks()


def test_a_runaway_query_is_stopped_on_the_sql_page(monkeypatch, demo_home, fingerprint) -> None:
    at = _sql_page(monkeypatch, demo_home, RUNAWAY, timeout_s=1)
    assert at.error and "stopped after the 1 s time limit" in at.error[0].value
    assert _sha256(demo_home.warehouse) == fingerprint


def test_a_runaway_query_is_stopped_on_the_command_line(demo_home, fingerprint) -> None:
    result = _sql(demo_home, RUNAWAY)
    assert result.returncode == 2
    assert "stopped after the 30 s time limit" in result.stderr
    assert _sha256(demo_home.warehouse) == fingerprint


def test_a_runaway_stream_of_rows_is_stopped_while_it_is_read(demo_home) -> None:
    """Interrupted while rows stream through Arrow, a query is refused, not a crash."""
    con = open_published(demo_home)
    try:
        with pytest.raises(QueryRefused, match="time limit"):
            run_query(
                con, "SELECT * FROM range(1000000000000) WHERE hash(range) = 0", 1, max_rows=5
            )
    finally:
        con.close()


@pytest.mark.parametrize("query", HARMLESS)
def test_harmless_queries_that_look_alike_still_run(demo_home, query: str) -> None:
    result = _sql(demo_home, query)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) >= 2


def test_the_connection_is_locked_down(demo_home) -> None:
    con = open_published(demo_home)
    try:
        settings = dict(
            con.execute("""
                SELECT name, value FROM duckdb_settings()
                WHERE name IN ('enable_external_access', 'lock_configuration',
                               'autoinstall_known_extensions', 'autoload_known_extensions',
                               'memory_limit')
            """).fetchall()
        )
    finally:
        con.close()
    assert settings == {
        "enable_external_access": "false",
        "lock_configuration": "true",
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
        "memory_limit": "3.7 GiB",  # WIREWATCH_MEMORY_LIMIT's default, 4GB
    }
