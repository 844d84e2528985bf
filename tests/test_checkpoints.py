"""`checkpoints_deferred`: commits inside it keep to the log; leaving it checkpoints."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.connect import checkpoints_deferred


def test_commits_inside_stay_in_the_log_until_the_block_ends(tmp_path: Path) -> None:
    database = tmp_path / "work.duckdb"
    wal = tmp_path / "work.duckdb.wal"
    con = duckdb.connect(str(database))
    con.execute("SET checkpoint_threshold = '64KB'")
    con.execute("CREATE TABLE t (i INTEGER, s VARCHAR)")
    con.execute("CHECKPOINT")

    with checkpoints_deferred(con, "1GB"):
        for batch in range(5):
            con.execute(
                "INSERT INTO t SELECT range, repeat('x', 40) || range FROM range($a, $b)",
                {"a": batch * 20_000, "b": (batch + 1) * 20_000},
            )
        assert wal.stat().st_size > 1024**2  # five commits, each past the 64 KB threshold

    assert not wal.exists() or wal.stat().st_size == 0
    threshold = con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0]
    assert threshold == "62.5 KiB"
    assert con.execute("SELECT count(*) FROM t").fetchone() == (100_000,)
    con.close()


def test_a_failure_inside_a_transaction_is_the_error_that_goes_on(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "work.duckdb"))
    con.execute("CREATE TABLE t (i INTEGER PRIMARY KEY)")
    con.execute("INSERT INTO t VALUES (1)")

    with pytest.raises(duckdb.ConstraintException), checkpoints_deferred(con, "1GB"):
        con.execute("BEGIN TRANSACTION")
        con.execute("INSERT INTO t VALUES (2)")
        con.execute("INSERT INTO t VALUES (1)")

    threshold = con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0]
    assert threshold == "16.0 MiB"
    assert con.execute("SELECT count(*) FROM t").fetchone() == (1,)
    con.close()
