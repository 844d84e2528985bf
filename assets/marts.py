"""Marts: the aggregates the dashboard and analysts chart."""

from dagster import MaterializeResult, asset

from assets.metadata import table_metadata
from assets.resources import WarehouseResource
from warehouse.schema import transform_sql


@asset(
    key=["marts", "daily_volume"], deps=[["core", "articles"]], group_name="marts", kinds={"duckdb"}
)
def daily_volume(warehouse: WarehouseResource) -> MaterializeResult:
    """Articles per Kyiv calendar day and outlet."""
    with warehouse.connect() as con:
        con.execute(transform_sql("marts", "daily_volume"))
        return MaterializeResult(metadata=table_metadata(con, "marts.daily_volume"))
