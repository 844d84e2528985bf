"""Publish: record the run and atomically replace the warehouse readers open."""

from datetime import UTC, datetime, timedelta

from dagster import (
    AssetExecutionContext,
    FreshnessPolicy,
    MaterializeResult,
    MetadataValue,
    asset,
)

from assets.marts import MART_TABLES
from assets.resources import WAREHOUSE_POOL, WarehouseResource
from warehouse.publish import publish
from warehouse.schema import transform_sql

# The tables that apply ops.changed_articles; a change is pruned once all have.
CHANGE_CONSUMERS = [
    "core.near_duplicates",
    "core.mentions",
    "core.article_topics",
    "core.stories",
    "core.search_index",
    *MART_TABLES,
]
# A run that refreshes marts after a separate ingest run reports that run's inputs.
INGEST_RUN_TAG = "wirewatch/ingest-run"

RECORD_RUN = """
INSERT OR REPLACE INTO ops.runs
SELECT $run_id, $published_at,
       count(*) FILTER (WHERE parent_doc_id IS NULL),
       count(*),
       count(*) FILTER (WHERE status = 'parsed'),
       count(*) FILTER (WHERE status = 'duplicate'),
       count(*) FILTER (WHERE status = 'quarantined'),
       (SELECT count(*) FROM core.articles)
FROM raw.documents WHERE run_id = $run_id
"""


@asset(
    pool=WAREHOUSE_POOL,
    key=["publish", "warehouse"],
    deps=[
        *([*table.split(".")] for table in MART_TABLES),
        ["core", "articles"],
        ["core", "article_links"],
        ["core", "article_versions"],
        ["core", "outlets"],
        ["core", "tags"],
        ["core", "article_tags"],
        ["core", "near_duplicates"],
        ["core", "officials"],
        ["core", "official_roles"],
        ["core", "mentions"],
        ["core", "quotes"],
        ["core", "topics"],
        ["core", "article_topics"],
        ["core", "stories"],
        ["core", "story_articles"],
        ["core", "search_index"],
    ],
    group_name="publish",
    kinds={"duckdb"},
    # Readers see stale data when no run has published for a while.
    freshness_policy=FreshnessPolicy.time_window(
        fail_window=timedelta(days=1), warn_window=timedelta(hours=2)
    ),
)
def published_warehouse(
    context: AssetExecutionContext, warehouse: WarehouseResource
) -> MaterializeResult:
    """<home>/warehouse.duckdb: a consistent, read-only copy for the dashboard and analysts."""
    home = warehouse.paths
    run_id = context.run.tags.get(INGEST_RUN_TAG, context.run.run_id)
    with warehouse.connect() as con:
        con.execute(transform_sql("ops", "prune_changes"), {"consumers": CHANGE_CONSUMERS})
        con.execute(RECORD_RUN, {"run_id": run_id, "published_at": datetime.now(UTC)})
        files, inputs, parsed, duplicates, quarantined, articles = con.execute(
            """SELECT files, inputs, parsed, duplicates, quarantined, articles
               FROM ops.runs WHERE run_id = $run_id""",
            {"run_id": run_id},
        ).fetchone()
    publication = publish(home)
    return MaterializeResult(
        metadata={
            "path": MetadataValue.path(str(home.warehouse)),
            "size_bytes": MetadataValue.int(publication.size_bytes),
            "written_bytes": MetadataValue.int(publication.written_bytes),
            "method": MetadataValue.text(publication.method),
            "files": MetadataValue.int(int(files)),
            "inputs": MetadataValue.int(int(inputs)),
            "parsed": MetadataValue.int(int(parsed)),
            "duplicates": MetadataValue.int(int(duplicates)),
            "quarantined": MetadataValue.int(int(quarantined)),
            "articles": MetadataValue.int(int(articles)),
        }
    )
