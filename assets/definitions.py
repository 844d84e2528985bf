"""The Dagster code location: every asset, the pipeline job and the shared resource."""

from __future__ import annotations

from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    Definitions,
    ScheduleDefinition,
    define_asset_job,
    load_assets_from_modules,
)

from assets import core, export, ingest, marts, officials, publish, search, staging, topics
from assets.automation import automation_for
from assets.resources import HeldWarehouseResource, WarehouseResource
from wirewatch.home import Home

ALL_ASSETS = load_assets_from_modules(
    [ingest, staging, core, search, officials, topics, marts, publish, export]
)

BUILD = AssetSelection.groups("ingest", "staging", "core")
REFRESH = AssetSelection.groups("marts", "publish")

build_job = define_asset_job(
    "ingest_and_model",
    selection=BUILD,
    description="Ingest the configured sources and build core (not partitioned).",
    tags={"wirewatch/writes-warehouse": "true"},
)
refresh_job = define_asset_job(
    "refresh_marts",
    selection=REFRESH,
    description="Rewrite the marts for a range of Kyiv days, then publish the warehouse.",
    tags={"wirewatch/writes-warehouse": "true"},
)


publish_job = define_asset_job(
    "publish_warehouse",
    selection=AssetSelection.groups("publish"),
    description="Publish the work database as the warehouse readers open (nothing to refresh).",
    tags={"wirewatch/writes-warehouse": "true"},
)


export_job = define_asset_job(
    "export_parquet",
    selection=AssetSelection.groups("export"),
    description="Write core and marts of the published warehouse as Hive-partitioned Parquet.",
)


def resources_for(home: Home, in_process: bool = False) -> dict[str, object]:
    """The resources of a run on `home`; `in_process` when all its steps share one process."""
    resource = HeldWarehouseResource if in_process else WarehouseResource
    return {"warehouse": resource(home=str(home.root))}


def definitions_for(home: Home) -> Definitions:
    """Assets, jobs, schedules, sensors and resources for one wirewatch home."""
    schedules, sensors = automation_for(home, build_job, refresh_job, publish_job)
    schedules.append(
        ScheduleDefinition(
            name="daily_parquet_export",
            job=export_job,
            cron_schedule="30 3 * * *",
            execution_timezone="Europe/Kyiv",
            default_status=DefaultScheduleStatus.STOPPED,
            description="Refresh the Parquet export every night (switch on where it is read).",
        )
    )
    return Definitions(
        assets=ALL_ASSETS,
        jobs=[build_job, refresh_job, publish_job, export_job],
        schedules=schedules,
        sensors=sensors,
        resources=resources_for(home),
    )


defs = definitions_for(Home.resolve())
