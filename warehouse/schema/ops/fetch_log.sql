CREATE TABLE IF NOT EXISTS ops.fetch_log (
    run_id     VARCHAR NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL,
    source     VARCHAR NOT NULL,
    url        VARCHAR NOT NULL,
    outcome    VARCHAR NOT NULL,
    doc_id     VARCHAR,
    reason     VARCHAR
);
COMMENT ON TABLE ops.fetch_log IS 'Every request the poller made for a live source (feed or page) and what came of it.';
COMMENT ON COLUMN ops.fetch_log.run_id IS 'The Dagster run that polled.';
COMMENT ON COLUMN ops.fetch_log.fetched_at IS 'When the poll ran (UTC).';
COMMENT ON COLUMN ops.fetch_log.source IS 'Configured source name (sources.yaml).';
COMMENT ON COLUMN ops.fetch_log.url IS 'URL requested.';
COMMENT ON COLUMN ops.fetch_log.outcome IS 'fetched (body landed), not_modified (HTTP 304, nothing new) or failed (see reason).';
COMMENT ON COLUMN ops.fetch_log.doc_id IS 'The landed document (raw.documents.doc_id) when fetched.';
COMMENT ON COLUMN ops.fetch_log.reason IS 'Why the request failed: HTTP status, size or time cap, robots.txt, refused host or address.';
