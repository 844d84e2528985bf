"""The full-text search index over articles, used by the dashboard's Articles page and SQL."""

from dagster import MaterializeResult, MetadataValue, asset

from assets.resources import WAREHOUSE_POOL, WarehouseResource
from assets.tables import advance_watermark, changed_since
from warehouse.search import INDEX_SCHEMA, build_index, index_exists, update_index

CONSUMER = "core.search_index"
# Past this share of indexed articles changed, a rebuild is cheaper than updating in place
# and leaves the postings in word order again.
REBUILD_SHARE = 0.2


@asset(
    pool=WAREHOUSE_POOL,
    key=["core", "search_index"],
    deps=[["core", "articles"]],
    group_name="core",
    kinds={"duckdb"},
)
def core_search_index(warehouse: WarehouseResource) -> MaterializeResult:
    """fts_core_articles: BM25 full-text index of headline, lead and body (Latin and Cyrillic).

    The articles changed since the last run are re-indexed in place; the index is
    built whole when it does not exist yet or when more than a fifth of it changed.
    """
    with warehouse.connect() as con:
        changed = con.execute(f"SELECT count(*) FROM ({changed_since(CONSUMER)})").fetchone()[0]
        indexed = (
            con.execute(f"SELECT num_docs FROM {INDEX_SCHEMA}.stats").fetchone()[0]
            if index_exists(con)
            else 0
        )
        rebuilt = not indexed or changed > REBUILD_SHARE * indexed
        con.execute("BEGIN TRANSACTION")
        if rebuilt:
            build_index(con)
        elif changed:
            update_index(con, changed_since(CONSUMER))
        advance_watermark(con, CONSUMER)
        con.execute("COMMIT")
        indexed, words = con.execute(
            f"SELECT (SELECT num_docs FROM {INDEX_SCHEMA}.stats), "
            f"(SELECT count(*) FROM {INDEX_SCHEMA}.dict)"
        ).fetchone()
    return MaterializeResult(
        metadata={
            "rebuilt": MetadataValue.bool(rebuilt),
            "articles_reindexed": MetadataValue.int(int(changed)),
            "indexed_articles": MetadataValue.int(int(indexed or 0)),
            "distinct_words": MetadataValue.int(int(words or 0)),
        }
    )
