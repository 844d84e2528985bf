"""Ingest: land every input file and record it in raw.documents."""

import hashlib
from datetime import UTC, datetime
from urllib.parse import urlsplit

import polars as pl
from dagster import AssetExecutionContext, Config, MaterializeResult, MetadataValue, asset
from pydantic import Field

from assets.resources import WAREHOUSE_POOL, WarehouseResource
from etl.fetch import Fetcher, FetchState
from etl.fetch.poll import poll
from etl.landing import UnreadableFile, iter_input_files, land_all, store_bytes
from etl.sources.detect import OCTET_STREAM, sniff_media_type
from wirewatch.settings import allowed_hosts, file_sources, live_sources, load_sources

DOCUMENT_SCHEMA = {
    "doc_id": pl.String,
    "source": pl.String,
    "uri": pl.String,
    "media_type": pl.String,
    "size_bytes": pl.Int64,
    "status": pl.String,
}

RECORD_NEW_DOCUMENTS = """
INSERT INTO raw.documents (doc_id, source, uri, received_at, media_type, size_bytes, status, run_id)
SELECT doc_id, source, uri, $received_at, media_type, size_bytes,
       CASE WHEN status = 'quarantined' THEN status
            WHEN known OR row_number() OVER (PARTITION BY doc_id ORDER BY uri) > 1 THEN 'duplicate'
            ELSE status END,
       $run_id
FROM (
    SELECT n.*, EXISTS (SELECT 1 FROM raw.documents AS d WHERE d.doc_id = n.doc_id) AS known
    FROM arriving AS n
    WHERE NOT EXISTS (SELECT 1 FROM raw.documents AS d WHERE d.doc_id = n.doc_id AND d.uri = n.uri)
)
"""


class IngestConfig(Config):
    sources: list[str] = Field(
        default_factory=list,
        description="Files and folders to ingest. Empty: the sources in <home>/sources.yaml, else <home>/inbox.",
    )
    poll: bool = Field(
        default=True,
        description="Poll the configured feeds and pages (only when no files are given).",
    )


def _fetched_row(source: str, url: str, body: bytes, home) -> dict:
    doc_id = store_bytes(body, home.landing)
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return {
        "doc_id": doc_id,
        "source": source,
        "uri": url,
        "media_type": sniff_media_type(body, name),
        "size_bytes": len(body),
        "status": "received",
    }


def _poll_live_sources(context, con, home) -> tuple[list[dict], list[tuple]]:
    """Poll every configured feed and page; landed rows, and one log row per request."""
    config = load_sources(home)
    live = live_sources(config)
    if not live:
        return [], []
    known = {
        row[0]
        for row in con.execute(
            "SELECT DISTINCT uri FROM raw.documents WHERE uri LIKE 'http%'"
        ).fetchall()
    }
    state = FetchState.load(home.fetch_state)
    with Fetcher(allowed_hosts(config), config.fetch.policy()) as fetcher:
        result = poll(live, fetcher, state, already_fetched=known.__contains__)
    state.save()
    rows = [_fetched_row(f.source, f.url, f.body, home) for f in result.fetched]
    run_id, now = context.run.run_id, datetime.now(UTC)
    log = [(run_id, now, r["source"], r["uri"], "fetched", r["doc_id"], None) for r in rows]
    by_url = {s.url: s.name for s in live}
    log += [
        (run_id, now, by_url.get(url, ""), url, "not_modified", None, None)
        for url in result.not_modified
    ]
    log += [
        (run_id, now, source, url, "failed", None, reason)
        for source, url, reason in result.failures
    ]
    for source, url, reason in result.failures:
        context.log.warning(f"{source}: {reason}")
    return rows, log


@asset(key=["raw", "documents"], group_name="ingest", kinds={"duckdb"}, pool=WAREHOUSE_POOL)
def raw_documents(
    context: AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource
) -> MaterializeResult:
    """Every input file, hashed and copied unchanged into the landing zone."""
    home = warehouse.paths.prepare()
    sources = [(path, path) for path in config.sources] or file_sources(home)
    rows, unreadable = [], []
    for landed in land_all(iter_input_files(sources), home.landing):
        if isinstance(landed, UnreadableFile):
            doc_id = hashlib.sha256(landed.uri.encode()).hexdigest()
            rows.append(
                {
                    "doc_id": doc_id,
                    "source": landed.source,
                    "uri": landed.uri,
                    "media_type": OCTET_STREAM,
                    "size_bytes": 0,
                    "status": "quarantined",
                }
            )
            unreadable.append((doc_id, landed.uri, landed.reason))
        else:
            rows.append({**landed.__dict__, "status": "received"})
    arriving = pl.DataFrame(rows, schema=DOCUMENT_SCHEMA).unique(subset=["uri"], keep="first")
    received_at = datetime.now(UTC)
    with warehouse.connect() as con:
        fetch_log: list[tuple] = []
        if config.poll and not config.sources:
            fetched, fetch_log = _poll_live_sources(context, con, home)
            more = pl.DataFrame(fetched, schema=DOCUMENT_SCHEMA)
            arriving = pl.concat([arriving, more]).unique(subset=["uri", "doc_id"], keep="first")
        before = con.execute("SELECT count(*) FROM raw.documents").fetchone()[0]
        if fetch_log:
            con.executemany("INSERT INTO ops.fetch_log VALUES (?, ?, ?, ?, ?, ?, ?)", fetch_log)
        con.register("arriving", arriving)
        con.execute(
            RECORD_NEW_DOCUMENTS, {"received_at": received_at, "run_id": context.run.run_id}
        )
        if unreadable:
            con.executemany(
                "INSERT OR IGNORE INTO ops.quarantine VALUES (?, ?, 'ingest', ?, ?)",
                [(doc_id, uri, reason, received_at) for doc_id, uri, reason in unreadable],
            )
        after = con.execute("SELECT count(*) FROM raw.documents").fetchone()[0]
    context.log.info(f"{len(arriving)} files seen in {len(sources)} sources, {after - before} new")
    return MaterializeResult(
        metadata={
            "dagster/row_count": MetadataValue.int(int(after)),
            "files_seen": MetadataValue.int(len(arriving)),
            "new_documents": MetadataValue.int(int(after - before)),
            "unreadable": MetadataValue.int(len(unreadable)),
            "fetched": MetadataValue.int(sum(1 for row in fetch_log if row[4] == "fetched")),
            "fetch_failures": MetadataValue.int(sum(1 for row in fetch_log if row[4] == "failed")),
            "sources": MetadataValue.json([name for name, _ in sources]),
        }
    )
