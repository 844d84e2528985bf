"""Staging: parse every received file into staging rows, or quarantine it.

A file holding many items (feed, JSONL, CSV) becomes one document per item in
raw.documents, so one bad line is quarantined and the rest of the file goes on.
"""

import logging
from concurrent.futures import Future
from contextlib import nullcontext
from dataclasses import replace
from functools import partial
from time import perf_counter

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
from assets.resources import WAREHOUSE_POOL, WarehouseResource
from etl.clean.articles import ArticleFinisher
from etl.garbage import BatchCollection
from etl.landing import read_landed, store_bytes
from etl.parse_split import ParseSplit
from etl.staging_batch import (
    BatchJob,
    FinishedBatch,
    StagingBatch,
    finish_batch,
    single_article_files,
)
from warehouse.connect import checkpoints_deferred
from wirewatch.settings import hints_for

BATCH_DOCUMENTS = 2000
progress = logging.getLogger("wirewatch.progress")
# In the order of the files' locations: pages of one outlet and day sit side by side,
# list the same headlines, and batch after batch meet the parsers' caches warm.
PENDING = """
SELECT doc_id, any_value(media_type), arg_min(source, uri), min(uri), min(received_at)
FROM raw.documents WHERE status = 'received' AND parent_doc_id IS NULL
GROUP BY doc_id ORDER BY min(uri), doc_id
"""

# Files received again under another name were staged before: their old rows go first.
# Only those batches pay for the scan of the staging tables these deletes need.
PARSED_BEFORE = """
SELECT DISTINCT doc_id FROM raw.documents
WHERE status <> 'received' AND doc_id IN (SELECT doc_id FROM raw.documents WHERE status = 'received')
"""
REPLACE_STAGED = [
    "DELETE FROM staging.articles WHERE doc_id IN (SELECT doc_id FROM parsed_articles)",
    "DELETE FROM staging.listed_headlines WHERE doc_id IN (SELECT doc_id FROM parsed_listed)",
]
SAVE_BATCH = [
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


MIN_PARSED_SHARE = 0.5
# Over the documents staged and not yet built (staging.pending_docs): rows checked
# once are not read again, so the check costs what the run parsed.
IMPLAUSIBLE_TIMES = """
WITH pending AS (SELECT doc_id FROM staging.pending_docs)
SELECT count(*) FROM staging.articles AS a
JOIN (SELECT doc_id, min(received_at) AS received_at FROM raw.documents
      WHERE doc_id IN (SELECT doc_id FROM pending) GROUP BY doc_id) AS r
  USING (doc_id)
WHERE a.doc_id IN (SELECT doc_id FROM pending)
  AND (a.published_at < TIMESTAMPTZ '1990-01-01 00:00:00+00'
       OR a.published_at > r.received_at + INTERVAL 1 DAY)
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
        description="No article staged by the run is dated before 1990 or more than a day after it arrived.",
    ),
]


@multi_asset(
    specs=[ARTICLES, LISTED_HEADLINES],
    check_specs=CHECKS,
    name="staging_parse",
    pool=WAREHOUSE_POOL,
)
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
        parsed_before = {row[0] for row in con.execute(PARSED_BEFORE).fetchall()}
        source_hints = {}

        def parse(files: list[tuple]) -> tuple[StagingBatch, BatchJob, int]:
            """Parse the batch here, but for the worker's share of its single-article files.

            Containers come first, then single-article files parsed here, then
            the worker's, each in the batch's order. Returns the batch, the
            worker's job, and how many single-article files the batch has.
            """
            batch = StagingBatch(
                known_items,
                read=partial(read_landed, home.landing),
                store=partial(store_bytes, landing_dir=home.landing),
            )
            pending_files = []
            for doc_id, media_type, source, uri, received in files:
                if source not in source_hints:
                    source_hints[source] = hints_for(home, source)
                hints = replace(source_hints[source], uri=uri)
                pending_files.append((doc_id, media_type, source, uri, received, hints))
            singles, containers = single_article_files(pending_files)
            batch.add_files(containers)
            here = len(singles) - (split.for_worker(len(singles)) if many else 0)
            began = perf_counter()
            batch.add_files(singles[:here])
            split.parsed(here, perf_counter() - began)
            return batch, batch.job(singles[here:], home.landing), len(singles)

        def save(batch: StagingBatch, finished: Future) -> tuple[FinishedBatch, float]:
            """Save the batch once the worker is done with it; the seconds spent waiting."""
            began = perf_counter()
            result = finished.result()
            waited = perf_counter() - began
            frames = batch.frames(result)
            for name, frame in frames.items():
                con.register(name, frame)
            con.execute("BEGIN TRANSACTION")
            outcomes = frames["outcomes"]
            again = parsed_before.intersection(outcomes["doc_id"])
            for statement in (REPLACE_STAGED if again else []) + SAVE_BATCH:
                con.execute(statement)
            con.execute("COMMIT")
            for status in outcomes["status"]:
                counts[status] += 1
            counts["items"] += len(batch.items)
            saved = counts["parsed"] + counts["quarantined"]
            message = f"parsed {saved:,} of {len(pending):,} files"
            context.log.info(message)
            progress.info(message)
            return result, waited

        # Each batch is saved once the next is parsed: the worker finishes it
        # (cleaning, lingua, listed headlines' identities) meanwhile, and parses
        # its share of the single-article files first (etl.parse_split).
        many = len(pending) > BATCH_DOCUMENTS
        split = ParseSplit()
        with (
            ArticleFinisher(background=many) as finisher,
            BatchCollection() as garbage,
            checkpoints_deferred(con) if many else nullcontext(),
        ):
            waiting = None
            for start in range(0, len(pending), BATCH_DOCUMENTS):
                began = perf_counter()
                batch, job, singles = parse(pending[start : start + BATCH_DOCUMENTS])
                finished = finisher.submit(finish_batch, job)
                if waiting is not None:
                    earlier, earlier_finished, earlier_singles = waiting
                    worker, waited = save(earlier, earlier_finished)
                    # The worker gave one outcome per file it parsed.
                    split.parsed(len(worker.outcomes), worker.parse_seconds)
                    split.balance(perf_counter() - began - waited, worker.seconds, earlier_singles)
                garbage.collect()
                waiting = (batch, finished, singles)
            if waiting is not None:
                save(*waiting[:2])
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
