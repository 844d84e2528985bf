"""The resource every asset shares: the wirewatch home and its work database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
from dagster import ConfigurableResource

from warehouse.connect import open_work
from wirewatch.home import Home

# Every asset that writes the work database runs in this Dagster concurrency pool;
# dagster.yaml limits pools to one step at a time, so two writers never meet.
WAREHOUSE_POOL = "wirewatch_warehouse"


class WarehouseResource(ConfigurableResource):
    """A wirewatch home. Assets write only its work database, never the published file."""

    home: str

    @property
    def paths(self) -> Home:
        return Home.resolve(self.home)

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = open_work(self.paths.prepare())
        try:
            yield con
        finally:
            con.close()
