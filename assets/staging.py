"""Staging: parse every received document into staging rows, or quarantine it."""

import polars as pl
from dagster import AssetExecutionContext, AssetSpec, MaterializeResult, MetadataValue, multi_asset

from assets.metadata import table_metadata
from assets.resources import WarehouseResource
from etl.documents import parse_document

BATCH_DOCUMENTS = 2000
UTC_TIME = pl.Datetime("us", "UTC")

ARTICLE_SCHEMA = {
    "doc_id": pl.String,
    "article_id": pl.String,
    "outlet": pl.String,
    "section": pl.String,
    "local_published_at": pl.Datetime("us"),
    "source_tz": pl.String,
    "published_at": UTC_TIME,
    "headline": pl.String,
    "headline_key": pl.String,
    "read_minutes": pl.Int32,
    "lead": pl.String,
    "body": pl.String,
    "word_count": pl.Int32,
    "tags": pl.List(pl.String),
}
LISTED_SCHEMA = {
    "doc_id": pl.String,
    "from_article_id": pl.String,
    "listed_on": UTC_TIME,
    "kind": pl.String,
    "position": pl.Int32,
    "article_id": pl.String,
    "outlet": pl.String,
    "headline": pl.String,
    "headline_key": pl.String,
    "local_published_at": pl.Datetime("us"),
    "source_tz": pl.String,
    "published_at": UTC_TIME,
}
OUTCOME_SCHEMA = {"doc_id": pl.String, "status": pl.String, "reason": pl.String}

PENDING = """
SELECT doc_id, any_value(media_type) AS media_type
FROM raw.documents WHERE status = 'received'
GROUP BY doc_id ORDER BY doc_id
"""

SAVE_OUTCOMES = [
    "DELETE FROM staging.page_articles WHERE doc_id IN (SELECT doc_id FROM outcomes)",
    "DELETE FROM staging.listed_headlines WHERE doc_id IN (SELECT doc_id FROM outcomes)",
    "INSERT INTO staging.page_articles BY NAME SELECT * FROM parsed_articles",
    "INSERT INTO staging.listed_headlines BY NAME SELECT * FROM parsed_listed",
    """INSERT OR IGNORE INTO ops.quarantine
       SELECT o.doc_id, d.uri, 'parse', o.reason, d.received_at
       FROM outcomes AS o JOIN raw.documents AS d USING (doc_id)
       WHERE o.status = 'quarantined' AND d.status = 'received'""",
    """UPDATE raw.documents AS d SET status = o.status
       FROM outcomes AS o WHERE d.doc_id = o.doc_id AND d.status = 'received'""",
]

PAGE_ARTICLES = AssetSpec(
    ["staging", "page_articles"],
    deps=[["raw", "documents"]],
    group_name="staging",
    kinds={"duckdb"},
    description="The article of each parsed page dump.",
)
LISTED_HEADLINES = AssetSpec(
    ["staging", "listed_headlines"],
    deps=[["raw", "documents"]],
    group_name="staging",
    kinds={"duckdb"},
    description="Headlines listed on pages (MORE ABOUT, HOT NEWS, LATEST).",
)


@multi_asset(specs=[PAGE_ARTICLES, LISTED_HEADLINES], name="staging_parse")
def staging_parse(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Parse documents not parsed yet, in bounded batches; failures go to ops.quarantine."""
    home = warehouse.paths
    parsed = quarantined = 0
    with warehouse.connect() as con:
        pending = con.execute(PENDING).fetchall()
        for start in range(0, len(pending), BATCH_DOCUMENTS):
            articles, listed, outcomes = [], [], []
            for doc_id, media_type in pending[start : start + BATCH_DOCUMENTS]:
                try:
                    data = home.landed_path(doc_id).read_bytes()
                    document = parse_document(doc_id, media_type, data)
                except (ValueError, OSError) as exc:
                    outcomes.append({"doc_id": doc_id, "status": "quarantined", "reason": str(exc)})
                    continue
                articles += document.articles
                listed += document.listed
                outcomes.append({"doc_id": doc_id, "status": "parsed", "reason": None})
            con.register("parsed_articles", pl.DataFrame(articles, schema=ARTICLE_SCHEMA))
            con.register("parsed_listed", pl.DataFrame(listed, schema=LISTED_SCHEMA))
            con.register("outcomes", pl.DataFrame(outcomes, schema=OUTCOME_SCHEMA))
            con.execute("BEGIN TRANSACTION")
            for statement in SAVE_OUTCOMES:
                con.execute(statement)
            con.execute("COMMIT")
            parsed += sum(o["status"] == "parsed" for o in outcomes)
            quarantined += sum(o["status"] == "quarantined" for o in outcomes)
        context.log.info(f"parsed {parsed} documents, quarantined {quarantined}")
        run_counts = {
            "parsed_this_run": MetadataValue.int(parsed),
            "quarantined_this_run": MetadataValue.int(quarantined),
        }
        yield_articles = table_metadata(con, "staging.page_articles") | run_counts
        yield_listed = table_metadata(con, "staging.listed_headlines")
    yield MaterializeResult(asset_key=PAGE_ARTICLES.key, metadata=yield_articles)
    yield MaterializeResult(asset_key=LISTED_HEADLINES.key, metadata=yield_listed)
