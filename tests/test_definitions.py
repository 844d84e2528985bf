"""The Dagster code location loads, validates and has the graph the pipeline relies on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dagster import AssetKey, Definitions

from assets.definitions import ALL_ASSETS, defs


def test_definitions_validate_in_process() -> None:
    Definitions.validate_loadable(defs)
    keys = {key for assets_def in ALL_ASSETS for key in assets_def.keys}
    assert {
        AssetKey(["raw", "documents"]),
        AssetKey(["staging", "articles"]),
        AssetKey(["core", "articles"]),
        AssetKey(["core", "article_links"]),
        AssetKey(["marts", "daily_volume"]),
        AssetKey(["publish", "warehouse"]),
    } <= keys


def test_assets_are_grouped_by_stage_and_checks_are_attached() -> None:
    graph = defs.resolve_asset_graph()
    groups = {key.path[0]: graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert groups == {
        "raw": "ingest",
        "staging": "staging",
        "core": "core",
        "marts": "marts",
        "publish": "publish",
        "export": "export",
    }
    check_names = {check.name for check in graph.asset_check_keys}
    assert {
        "unique_article_id",
        "headline_present",
        "link_targets_exist",
        "parsed_share",
        "publication_times_plausible",
    } <= check_names
    assert graph.get(AssetKey(["publish", "warehouse"])).freshness_policy is not None


def test_publish_runs_after_everything_it_publishes() -> None:
    graph = defs.resolve_asset_graph()
    upstream = graph.get(AssetKey(["publish", "warehouse"])).parent_keys
    assert AssetKey(["marts", "daily_volume"]) in upstream
    assert AssetKey(["core", "article_links"]) in upstream


def test_dagster_cli_validates_the_code_location(tmp_path: Path) -> None:
    env = dict(os.environ, WIREWATCH_HOME=str(tmp_path / "home"), DAGSTER_HOME=str(tmp_path))
    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    dagster = Path(sys.executable).with_name("dagster")
    result = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "assets.definitions"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert not (tmp_path / "home").exists(), "loading definitions must not write to the home"


def test_automation_is_on_from_the_start_and_writers_share_one_pool() -> None:
    from dagster import DefaultScheduleStatus, DefaultSensorStatus

    from assets.resources import WAREHOUSE_POOL

    schedules = {s.name: s for s in defs.schedules}
    sensors = {s.name: s for s in defs.sensors}
    assert schedules["poll_feeds"].default_status == DefaultScheduleStatus.RUNNING
    assert schedules["poll_feeds"].cron_schedule == "*/15 * * * *"
    assert schedules["daily_parquet_export"].default_status == DefaultScheduleStatus.STOPPED
    for name in ("inbox_files", "marts_after_ingest"):
        assert sensors[name].default_status == DefaultSensorStatus.RUNNING
    writers = [
        a
        for a in ALL_ASSETS
        if a.group_names_by_key and "export" not in a.group_names_by_key.values()
    ]
    pools = {node.pool for a in writers for node in [a.node_def]}
    assert pools == {WAREHOUSE_POOL}
