"""The full-text search index over articles, used by the dashboard's Articles page and SQL."""

from dagster import MaterializeResult, MetadataValue, asset

from assets.resources import WAREHOUSE_POOL, WarehouseResource
from assets.tables import advance_watermark, changed_since
from warehouse.search import INDEX_SCHEMA, build_index, index_exists

CONSUMER = "core.search_index"


@asset(
    pool=WAREHOUSE_POOL,
    key=["core", "search_index"],
    deps=[["core", "articles"]],
    group_name="core",
    kinds={"duckdb"},
)
def core_search_index(warehouse: WarehouseResource) -> MaterializeResult:
    """fts_core_articles: BM25 full-text index of headline, lead and body (Latin and Cyrillic).

    Rebuilt whole when any article changed since the last build, since DuckDB's
    FTS index cannot be updated in place; skipped when nothing changed.
    """
    with warehouse.connect() as con:
        changed = con.execute(f"SELECT count(*) FROM ({changed_since(CONSUMER)})").fetchone()[0]
        rebuilt = bool(changed) or not index_exists(con)
        if rebuilt:
            build_index(con)
        advance_watermark(con, CONSUMER)
        indexed, words = con.execute(
            f"SELECT (SELECT num_docs FROM {INDEX_SCHEMA}.stats), "
            f"(SELECT count(*) FROM {INDEX_SCHEMA}.dict)"
        ).fetchone()
    return MaterializeResult(
        metadata={
            "rebuilt": MetadataValue.bool(rebuilt),
            "indexed_articles": MetadataValue.int(int(indexed or 0)),
            "distinct_words": MetadataValue.int(int(words or 0)),
        }
    )
