"""The Dagster code location: every asset, the pipeline job and the shared resource."""

from __future__ import annotations

from dagster import AssetSelection, Definitions, define_asset_job, load_assets_from_modules

from assets import core, ingest, marts, publish, staging
from assets.resources import WarehouseResource
from wirewatch.home import Home

ALL_ASSETS = load_assets_from_modules([ingest, staging, core, marts, publish])

pipeline_job = define_asset_job(
    "pipeline",
    selection=AssetSelection.all(),
    description="Ingest the configured sources, rebuild core and marts, publish the warehouse.",
    tags={"wirewatch/writes-warehouse": "true"},
)


def resources_for(home: Home) -> dict[str, object]:
    return {"warehouse": WarehouseResource(home=str(home.root))}


defs = Definitions(assets=ALL_ASSETS, jobs=[pipeline_job], resources=resources_for(Home.resolve()))
