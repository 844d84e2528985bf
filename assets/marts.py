"""Marts: the aggregates the dashboard and analysts chart."""

from dagster import MaterializeResult, asset

from assets.core import rebuild
from assets.resources import WarehouseResource


@asset(
    key=["marts", "daily_volume"], deps=[["core", "articles"]], group_name="marts", kinds={"duckdb"}
)
def daily_volume(warehouse: WarehouseResource) -> MaterializeResult:
    """Articles per Kyiv calendar day and outlet."""
    return rebuild(warehouse, "marts.daily_volume")
