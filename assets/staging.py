"""Staging: parse every received file into staging rows, or quarantine it.

A file holding many items (feed, JSONL, CSV) becomes one document per item in
raw.documents, so one bad line is quarantined and the rest of the file goes on.
"""

import logging
from dataclasses import replace

import polars as pl
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

from assets.metadata import table_metadata
from assets.resources import WarehouseResource
from etl.clean.language import fill_languages
from etl.clean.text import clean_articles
from etl.documents import article_row, implausible_time, listed_rows, parse_items
from etl.landing import store_bytes
from etl.sources.records import SourceError
from wirewatch.settings import hints_for

BATCH_DOCUMENTS = 2000
progress = logging.getLogger("wirewatch.progress")
UTC_TIME = pl.Datetime("us", "UTC")

ARTICLE_SCHEMA = {
    "doc_id": pl.String,
    "article_id": pl.String,
    "outlet": pl.String,
    "url": pl.String,
    "section": pl.String,
    "local_published_at": pl.Datetime("us"),
    "source_tz": pl.String,
    "published_at": UTC_TIME,
    "headline": pl.String,
    "headline_key": pl.String,
    "headline_derived": pl.Boolean,
    "is_stub": pl.Boolean,
    "read_minutes": pl.Int32,
    "lead": pl.String,
    "body": pl.String,
    "word_count": pl.Int32,
    "tags": pl.List(pl.String),
    "lang": pl.String,
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
ITEM_SCHEMA = {
    "doc_id": pl.String,
    "source": pl.String,
    "uri": pl.String,
    "media_type": pl.String,
    "size_bytes": pl.Int64,
    "status": pl.String,
    "parent_doc_id": pl.String,
    "item": pl.Int32,
    "reason": pl.String,
}

PENDING = """
SELECT doc_id, any_value(media_type), any_value(source), any_value(uri), min(received_at)
FROM raw.documents WHERE status = 'received' AND parent_doc_id IS NULL
GROUP BY doc_id ORDER BY doc_id
"""

SAVE_BATCH = [
    "DELETE FROM staging.articles WHERE doc_id IN (SELECT doc_id FROM parsed_articles)",
    "DELETE FROM staging.listed_headlines WHERE doc_id IN (SELECT doc_id FROM parsed_listed)",
    "INSERT INTO staging.articles BY NAME SELECT * FROM parsed_articles",
    "INSERT INTO staging.listed_headlines BY NAME SELECT * FROM parsed_listed",
    "INSERT OR IGNORE INTO staging.pending_docs SELECT DISTINCT doc_id FROM parsed_articles",
    """INSERT INTO raw.documents
       SELECT i.doc_id, i.source, i.uri, p.received_at, i.media_type, i.size_bytes, i.status,
              p.run_id, i.parent_doc_id, i.item
       FROM items AS i JOIN raw.documents AS p ON p.doc_id = i.parent_doc_id
       WHERE NOT EXISTS (SELECT 1 FROM raw.documents d WHERE d.doc_id = i.doc_id AND d.uri = i.uri)
       QUALIFY row_number() OVER (PARTITION BY i.doc_id, i.uri) = 1""",
    """INSERT OR IGNORE INTO ops.quarantine
       SELECT i.doc_id, i.uri, 'parse', i.reason, p.received_at
       FROM items AS i JOIN raw.documents AS p ON p.doc_id = i.parent_doc_id
       WHERE i.status = 'quarantined'
       QUALIFY row_number() OVER (PARTITION BY i.doc_id) = 1""",
    """INSERT OR IGNORE INTO ops.quarantine
       SELECT o.doc_id, any_value(d.uri), 'parse', any_value(o.reason), min(d.received_at)
       FROM outcomes AS o JOIN raw.documents AS d USING (doc_id)
       WHERE o.status = 'quarantined' AND d.status = 'received'
       GROUP BY o.doc_id""",
    """UPDATE raw.documents AS d SET status = o.status
       FROM outcomes AS o WHERE d.doc_id = o.doc_id AND d.status = 'received'""",
]

ARTICLES = AssetSpec(
    ["staging", "articles"],
    deps=[["raw", "documents"]],
    group_name="staging",
    kinds={"duckdb"},
    description="Each article as its document states it, whatever the format.",
)
LISTED_HEADLINES = AssetSpec(
    ["staging", "listed_headlines"],
    deps=[["raw", "documents"]],
    group_name="staging",
    kinds={"duckdb"},
    description="Headlines listed on pages (MORE ABOUT, HOT NEWS, LATEST).",
)


class _Batch:
    """Rows parsed from a batch of files, ready to be written in one transaction."""

    def __init__(self, known_items: set[str]) -> None:
        self.articles: list[dict] = []
        self.listed: list[dict] = []
        self.outcomes: list[dict] = []
        self.items: list[dict] = []
        self.known_items = known_items

    def add_record(self, doc_id: str, record, received_at) -> str | None:
        """Stage the record, or return why it cannot be staged."""
        problem = implausible_time(record, received_at)
        if problem is not None:
            return problem
        row = article_row(doc_id, record)
        self.articles.append(row)
        self.listed += listed_rows(doc_id, record, row["article_id"])
        return None

    def add_file(
        self, home, doc_id: str, media_type: str, source: str, uri: str, received_at, hints
    ) -> None:
        try:
            items = parse_items(media_type, home.landed_path(doc_id).read_bytes(), hints)
        except (SourceError, OSError) as exc:
            self.outcomes.append({"doc_id": doc_id, "status": "quarantined", "reason": str(exc)})
            return
        file_status, file_reason = "parsed", None
        for item in items:
            if item.raw is None:
                problem = item.error or "no article found"
                if item.record is not None:
                    problem = self.add_record(doc_id, item.record, received_at)
                if problem is not None:
                    file_status, file_reason = "quarantined", problem
                continue
            item_id = store_bytes(item.raw, home.landing)
            error = item.error or ("no article found" if item.record is None else None)
            if item_id in self.known_items:
                status = "duplicate"
            else:
                if error is None:
                    error = self.add_record(item_id, item.record, received_at)
                status = "parsed" if error is None else "quarantined"
            self.known_items.add(item_id)
            self.items.append(
                {
                    "doc_id": item_id,
                    "source": source,
                    "uri": f"{uri}#item={item.index}",
                    "media_type": f"{media_type};item",
                    "size_bytes": len(item.raw),
                    "status": status,
                    "parent_doc_id": doc_id,
                    "item": item.index,
                    "reason": error if status == "quarantined" else None,
                }
            )
        if not items:
            file_status, file_reason = "quarantined", "no articles found in the file"
        self.outcomes.append({"doc_id": doc_id, "status": file_status, "reason": file_reason})

    def save(self, con) -> None:
        articles = pl.DataFrame(self.articles, schema=ARTICLE_SCHEMA)
        con.register("parsed_articles", fill_languages(clean_articles(articles)))
        con.register("parsed_listed", pl.DataFrame(self.listed, schema=LISTED_SCHEMA))
        con.register("outcomes", pl.DataFrame(self.outcomes, schema=OUTCOME_SCHEMA))
        con.register("items", pl.DataFrame(self.items, schema=ITEM_SCHEMA))
        con.execute("BEGIN TRANSACTION")
        for statement in SAVE_BATCH:
            con.execute(statement)
        con.execute("COMMIT")


MIN_PARSED_SHARE = 0.5
IMPLAUSIBLE_TIMES = """
SELECT count(*) FROM staging.articles AS a
JOIN (SELECT doc_id, min(received_at) AS received_at FROM raw.documents GROUP BY doc_id) AS r
  USING (doc_id)
WHERE a.published_at < TIMESTAMPTZ '1990-01-01 00:00:00+00'
   OR a.published_at > r.received_at + INTERVAL 1 DAY
"""
CHECKS = [
    AssetCheckSpec(
        "parsed_share",
        asset=ARTICLES.key,
        description=f"At least {MIN_PARSED_SHARE:.0%} of the files received in the run were parsed.",
    ),
    AssetCheckSpec(
        "publication_times_plausible",
        asset=ARTICLES.key,
        description="No staged article is dated before 1990 or more than a day after it arrived.",
    ),
]


@multi_asset(specs=[ARTICLES, LISTED_HEADLINES], check_specs=CHECKS, name="staging_parse")
def staging_parse(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Parse files not parsed yet, in bounded batches; failures go to ops.quarantine."""
    home = warehouse.paths
    counts = {"parsed": 0, "quarantined": 0, "items": 0}
    with warehouse.connect() as con:
        pending = con.execute(PENDING).fetchall()
        known_items = {
            row[0]
            for row in con.execute(
                "SELECT DISTINCT doc_id FROM raw.documents WHERE parent_doc_id IS NOT NULL"
            ).fetchall()
        }
        source_hints = {}
        for start in range(0, len(pending), BATCH_DOCUMENTS):
            batch = _Batch(known_items)
            for doc_id, media_type, source, uri, received in pending[
                start : start + BATCH_DOCUMENTS
            ]:
                if source not in source_hints:
                    source_hints[source] = hints_for(home, source)
                hints = replace(source_hints[source], uri=uri)
                batch.add_file(home, doc_id, media_type, source, uri, received, hints)
            batch.save(con)
            for outcome in batch.outcomes:
                counts[outcome["status"]] += 1
            counts["items"] += len(batch.items)
            message = f"parsed {start + len(batch.outcomes):,} of {len(pending):,} files"
            context.log.info(message)
            progress.info(message)
        run_counts = {f"{k}_this_run": MetadataValue.int(v) for k, v in counts.items()}
        articles_meta = table_metadata(con, "staging.articles") | run_counts
        listed_meta = table_metadata(con, "staging.listed_headlines")
        implausible = con.execute(IMPLAUSIBLE_TIMES).fetchone()[0]
    files = counts["parsed"] + counts["quarantined"]
    share = counts["parsed"] / files if files else 1.0
    yield MaterializeResult(asset_key=ARTICLES.key, metadata=articles_meta)
    yield MaterializeResult(asset_key=LISTED_HEADLINES.key, metadata=listed_meta)
    yield AssetCheckResult(
        check_name="parsed_share",
        asset_key=ARTICLES.key,
        passed=share >= MIN_PARSED_SHARE,
        severity=AssetCheckSeverity.WARN,
        metadata={"parsed_share": MetadataValue.float(share), "files": MetadataValue.int(files)},
    )
    yield AssetCheckResult(
        check_name="publication_times_plausible",
        asset_key=ARTICLES.key,
        passed=implausible == 0,
        metadata={"failing_rows": MetadataValue.int(int(implausible))},
    )
