"""Parquet export of the published warehouse, for engines that read Hive-partitioned Parquet."""

from dagster import MaterializeResult, MetadataValue, asset

from assets.resources import WarehouseResource
from warehouse.export import export_parquet


@asset(
    key=["export", "parquet"],
    deps=[["publish", "warehouse"]],
    group_name="export",
    kinds={"parquet"},
)
def parquet_export(warehouse: WarehouseResource) -> MaterializeResult:
    """<home>/export/<schema>/<table>/year=YYYY/month=M/*.parquet: core and marts, swapped in whole.

    Run by the `export_parquet` job (and its daily schedule, off until switched
    on in the UI) or `wirewatch export`; reads only the published warehouse.
    """
    home = warehouse.paths
    exported = export_parquet(home)
    return MaterializeResult(
        metadata={
            "path": MetadataValue.path(str(home.root / "export")),
            "tables": MetadataValue.int(len(exported)),
            "rows": MetadataValue.json({t.table: t.rows for t in exported}),
        }
    )
