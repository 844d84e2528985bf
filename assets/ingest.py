"""Ingest: land every input file and record it in raw.documents."""

import hashlib
from datetime import UTC, datetime

import polars as pl
from dagster import AssetExecutionContext, Config, MaterializeResult, MetadataValue, asset
from pydantic import Field

from assets.resources import WarehouseResource
from etl.landing import iter_input_files, land
from etl.sources.detect import OCTET_STREAM
from wirewatch.settings import file_sources

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


@asset(key=["raw", "documents"], group_name="ingest", kinds={"duckdb"})
def raw_documents(
    context: AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource
) -> MaterializeResult:
    """Every input file, hashed and copied unchanged into the landing zone."""
    home = warehouse.paths.prepare()
    sources = [(path, path) for path in config.sources] or file_sources(home)
    rows, unreadable = [], []
    for source, path in iter_input_files(sources):
        try:
            landed = land(source, path, home.landing)
            rows.append({**landed.__dict__, "status": "received"})
        except OSError as exc:
            doc_id = hashlib.sha256(path.as_uri().encode()).hexdigest()
            rows.append(
                {
                    "doc_id": doc_id,
                    "source": source,
                    "uri": path.as_uri(),
                    "media_type": OCTET_STREAM,
                    "size_bytes": 0,
                    "status": "quarantined",
                }
            )
            unreadable.append((doc_id, path.as_uri(), f"unreadable: {exc.strerror or exc}"))
    arriving = pl.DataFrame(rows, schema=DOCUMENT_SCHEMA).unique(subset=["uri"], keep="first")
    received_at = datetime.now(UTC)
    with warehouse.connect() as con:
        before = con.execute("SELECT count(*) FROM raw.documents").fetchone()[0]
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
            "sources": MetadataValue.json([name for name, _ in sources]),
        }
    )
