"""A run in one process keeps the work database open between steps and checkpoints once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from dagster import build_init_resource_context

import assets.resources
from assets.resources import HeldWarehouseResource, WarehouseResource, holding_work
from etl.demo.generator import DemoSettings, write_corpus
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline


def write_a_step(resource: WarehouseResource) -> None:
    with resource.connect() as con:
        (n,) = con.execute("SELECT count(*) FROM ops.watermarks").fetchone()
        con.execute("INSERT INTO ops.watermarks VALUES ($consumer, 1)", {"consumer": f"step {n}"})


def wal(home: Home) -> Path:
    return home.work_db.with_name(home.work_db.name + ".wal")


def in_a_run(home: Home, hold_open: bool) -> WarehouseResource:
    kind = HeldWarehouseResource if hold_open else WarehouseResource
    resource = kind(home=str(home.root))
    resource.setup_for_execution(build_init_resource_context())
    return resource


def test_a_held_database_keeps_steps_in_the_log_until_the_run_ends(tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    resource = in_a_run(home, hold_open=True)
    write_a_step(resource)
    assert wal(home).exists(), "the step's write was checkpointed when its connection closed"
    write_a_step(resource)
    resource.teardown_after_execution(build_init_resource_context())
    assert not wal(home).exists()
    with WarehouseResource(home=str(home.root)).connect() as con:
        assert con.execute("SELECT count(*) FROM ops.watermarks").fetchone() == (2,)


def test_without_hold_open_each_step_checkpoints(tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    write_a_step(in_a_run(home, hold_open=False))
    assert not wal(home).exists()


def test_a_step_that_leaves_more_than_can_be_shed_lets_the_database_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assets.resources, "HELD_MEMORY", 0)
    home = Home.resolve(tmp_path)
    write_a_step(in_a_run(home, hold_open=True))
    assert not wal(home).exists()


def memory_in_use(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]


def test_a_step_that_leaves_a_big_cache_has_it_shed_and_the_database_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Home.resolve(tmp_path)
    with WarehouseResource(home=str(home.root)).connect() as con:
        con.execute("CREATE TABLE big AS SELECT md5(range::VARCHAR) AS v FROM range(3000000)")
    monkeypatch.setattr(assets.resources, "HELD_MEMORY", 16 * 1024**2)
    monkeypatch.setattr(assets.resources, "SHED_TO", 4 * 1024**2)
    resource = in_a_run(home, hold_open=True)
    with resource.connect() as con:
        con.execute("SELECT count(DISTINCT v) FROM big").fetchall()
        cached = memory_in_use(con)
        con.execute("INSERT INTO ops.watermarks VALUES ('step', 1)")
    assert cached > 16 * 1024**2, "the step left too little cached to test shedding"
    assert wal(home).exists(), "the held database was closed, not shed"
    with resource.connect() as con:
        assert memory_in_use(con) <= 16 * 1024**2
        assert con.execute("SELECT current_setting('memory_limit')").fetchone() != ("4.0 MiB",)
    resource.teardown_after_execution(build_init_resource_context())
    assert not wal(home).exists()


def test_runs_inside_holding_work_share_the_database_and_checkpoint_once(tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    with holding_work(home):
        first = in_a_run(home, hold_open=True)
        write_a_step(first)
        first.teardown_after_execution(build_init_resource_context())
        assert wal(home).exists(), "the first run let the database go"
        second = in_a_run(home, hold_open=True)
        write_a_step(second)
        second.teardown_after_execution(build_init_resource_context())
        assert wal(home).exists()
    assert not wal(home).exists()
    with WarehouseResource(home=str(home.root)).connect() as con:
        assert con.execute("SELECT count(*) FROM ops.watermarks").fetchone() == (2,)


def test_a_run_holding_the_database_lets_duckdb_checkpoint_on_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "pages", DemoSettings(articles=300, broken=0))
    home = Home.resolve(tmp_path / "home")
    logged_after_steps: list[int] = []
    step = HeldWarehouseResource.connect

    @contextmanager
    def small_log_step(self: HeldWarehouseResource) -> Iterator[duckdb.DuckDBPyConnection]:
        with step(self) as con:
            con.execute("SET checkpoint_threshold = '64KB'")
            yield con
        logged_after_steps.append(wal(home).stat().st_size if wal(home).exists() else 0)

    monkeypatch.setattr(HeldWarehouseResource, "connect", small_log_step)
    run_pipeline(home, [str(tmp_path / "pages")])

    assert len(logged_after_steps) > 10
    # A step that wrote more than the threshold has its commit checkpointed, so
    # the log never carries one step's writes into the next.
    assert max(logged_after_steps) < 1024**2, logged_after_steps
