"""The `wirewatch` command as scripts and analysts call it: exit codes, summaries, CSV."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb

from tests.conftest import WIREWATCH

PAGE = "Kyiv Wire\nPolitics\n12:00 02.03.2025\n\nA headline for the command line\n\nLead.\n"


def wirewatch(
    *args: str, home: Path | None = None, cwd: Path | None = None, env_home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"WIREWATCH_HOME", "DAGSTER_HOME"}}
    if env_home is not None:
        env["WIREWATCH_HOME"] = str(env_home)
    argv = [str(WIREWATCH), *args]
    if home is not None:
        argv += ["--home", str(home)]
    return subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=cwd, timeout=300, check=False
    )


def test_run_ingests_a_source_and_prints_a_summary(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = wirewatch(
        "run", "--source", str(page), "--source", str(tmp_path / "bad.txt"), home=tmp_path / "home"
    )
    assert result.returncode == 0, result.stderr
    assert "received 2 files: parsed 1, duplicate 0, quarantined 1; articles 1" in result.stdout
    assert "quarantined 1 x binary content" in result.stdout
    assert (tmp_path / "home" / "warehouse.duckdb").exists()
    assert (tmp_path / "home" / "dagster" / "dagster.yaml").exists()


def test_home_comes_from_the_environment_then_defaults_to_data(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    from_env = wirewatch("run", "--source", str(page), env_home=tmp_path / "envhome")
    assert from_env.returncode == 0, from_env.stderr
    assert (tmp_path / "envhome" / "warehouse.duckdb").exists()
    default = wirewatch("run", "--source", str(page), cwd=tmp_path)
    assert default.returncode == 0, default.stderr
    assert (tmp_path / "data" / "warehouse.duckdb").exists()


def test_missing_source_is_a_one_line_usage_error(tmp_path: Path) -> None:
    result = wirewatch("run", "--source", str(tmp_path / "nowhere"), home=tmp_path / "home")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "source not found" in result.stderr and "nowhere" in result.stderr


def test_bad_sources_yaml_is_a_configuration_error(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "sources.yaml").write_text("sources:\n  - name: x\n    pathh: /tmp\n")
    result = wirewatch("run", home=home)
    assert result.returncode == 2
    assert "sources.yaml" in result.stderr and "sources.0" in result.stderr


def test_configured_sources_are_read_when_none_is_given(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "feeds").mkdir(parents=True)
    (home / "feeds" / "page.txt").write_text(PAGE)
    (home / "sources.yaml").write_text("sources:\n  - name: local\n    path: feeds\n")
    result = wirewatch("run", home=home)
    assert result.returncode == 0, result.stderr
    assert "received 1 file: parsed 1," in result.stdout


def test_sql_prints_csv_and_refuses_writes(demo_home) -> None:
    ok = wirewatch(
        "sql",
        "-c",
        "SELECT count(*) AS n FROM marts.daily_volume WHERE articles > 0",
        home=demo_home.root,
    )
    assert ok.returncode == 0, ok.stderr
    header, value = ok.stdout.strip().splitlines()
    assert header == "n" and int(value) > 100
    refused = wirewatch("sql", "-c", "DROP TABLE core.articles", home=demo_home.root)
    assert refused.returncode == 2
    assert "only queries" in refused.stderr


def test_sql_without_a_warehouse_says_how_to_build_one(tmp_path: Path) -> None:
    result = wirewatch("sql", "-c", "SELECT 1", home=tmp_path / "empty")
    assert result.returncode == 2
    assert "wirewatch demo" in result.stderr


def test_sql_shell_reads_statements_from_stdin(demo_home) -> None:
    result = subprocess.run(
        [str(WIREWATCH), "sql", "--home", str(demo_home.root)],
        input="SELECT count(DISTINCT outlet) AS outlets\nFROM core.articles;\n.quit\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "outlets" in result.stdout and "4" in result.stdout


def test_a_home_built_with_another_schema_is_migrated_or_refused_with_advice(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    home = tmp_path / "home"
    assert wirewatch("run", "--source", str(page), home=home).returncode == 0
    marker = home / "work" / "warehouse.duckdb.schema"
    work = home / "work" / "warehouse.duckdb"

    # Only the marker differs: the database already has this schema's shape.
    marker.write_text("0" * 64 + "\n")
    assert wirewatch("run", "--source", str(page), home=home).returncode == 0
    assert marker.read_text() != "0" * 64 + "\n"

    # A column this schema does not have would be lost: refused, with what to do.
    con = duckdb.connect(str(work))
    con.execute("ALTER TABLE core.articles ADD COLUMN legacy_score DOUBLE")
    con.close()
    marker.write_text("0" * 64 + "\n")
    result = wirewatch("run", "--source", str(page), home=home)
    assert result.returncode == 2
    assert "another version of the schema" in result.stderr and "work/" in result.stderr
    assert "core.articles.legacy_score" in result.stderr


def test_backfill_rewrites_a_range_and_refuses_a_backwards_one(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    home = tmp_path / "home"
    assert wirewatch("run", "--source", str(page), home=home).returncode == 0

    result = wirewatch("backfill", "--from", "2025-03-01", "--to", "2025-03-03", home=home)
    assert result.returncode == 0, result.stderr
    assert "rewrote the marts for 3 days, 2025-03-01 to 2025-03-03" in result.stdout
    day = wirewatch("sql", "-c", "SELECT day, articles FROM marts.daily_volume", home=home)
    assert day.stdout.splitlines()[1:] == ["2025-03-02,1"]

    backwards = wirewatch("backfill", "--from", "2025-03-03", "--to", "2025-03-01", home=home)
    assert backwards.returncode == 2
    assert (
        backwards.stderr.strip() == "wirewatch: error: --from 2025-03-03 is after --to 2025-03-01"
    )
    not_a_date = wirewatch("backfill", "--from", "March", "--to", "2025-03-01", home=home)
    assert not_a_date.returncode == 2 and "YYYY-MM-DD" in not_a_date.stderr
