"""Core and marts export as Hive-partitioned Parquet that other engines read back whole."""

from __future__ import annotations

import subprocess

import duckdb

from tests.conftest import WIREWATCH
from warehouse.connect import open_published
from warehouse.export import export_parquet


def _parquet(folder, table: str) -> duckdb.DuckDBPyRelation:
    schema, name = table.split(".")
    return duckdb.sql(
        f"SELECT * FROM read_parquet('{folder}/{schema}/{name}/**/*.parquet', hive_partitioning=true)"
    )


def test_every_core_and_mart_table_reads_back_with_its_rows(demo_home, tmp_path) -> None:
    exported = export_parquet(demo_home, tmp_path / "export")
    con = open_published(demo_home)
    expected = dict(
        con.sql(
            """SELECT schema_name || '.' || table_name, estimated_size FROM duckdb_tables()
               WHERE schema_name IN ('core', 'marts')"""
        ).fetchall()
    )
    con.close()
    assert {t.table for t in exported} == set(expected)
    for table in exported:
        assert (
            _parquet(tmp_path / "export", table.table).count("*").fetchone()[0]
            == expected[table.table]
        )


def test_dated_tables_are_split_by_kyiv_year_and_month(demo_home, tmp_path) -> None:
    export_parquet(demo_home, tmp_path / "export")
    months = sorted(p.name for p in (tmp_path / "export/marts/daily_volume").glob("year=2025/*"))
    assert months[0] == "month=1" and len(months) == 12
    by_month = _parquet(tmp_path / "export", "marts.daily_volume").filter(
        "year = 2025 AND month = 7"
    )
    days = {row[0].month for row in by_month.select("day").fetchall()}
    assert days == {7}
    assert (tmp_path / "export/core/officials/officials.parquet").exists()


def test_exporting_again_replaces_the_export_whole(demo_home, tmp_path) -> None:
    target = tmp_path / "export"
    export_parquet(demo_home, target)
    stray = target / "marts" / "daily_volume" / "year=1999"
    stray.mkdir()
    export_parquet(demo_home, target)
    assert not stray.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["export"], "no temporary folders left"


def test_wirewatch_export_command(demo_home, tmp_path) -> None:
    done = subprocess.run(
        [str(WIREWATCH), "export", "--home", str(demo_home.root), "--to", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "as Parquet to" in done.stdout
    assert (tmp_path / "out" / "core" / "articles").is_dir()
