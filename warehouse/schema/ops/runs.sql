CREATE TABLE IF NOT EXISTS ops.runs (
    run_id        VARCHAR NOT NULL PRIMARY KEY,
    published_at  TIMESTAMPTZ NOT NULL,
    files         BIGINT NOT NULL,
    inputs        BIGINT NOT NULL,
    parsed        BIGINT NOT NULL,
    duplicates    BIGINT NOT NULL,
    quarantined   BIGINT NOT NULL,
    articles      BIGINT NOT NULL
);
COMMENT ON TABLE ops.runs IS 'One row per pipeline run that published the warehouse.';
COMMENT ON COLUMN ops.runs.run_id IS 'Dagster run id of the run that ingested the inputs (raw.documents.run_id); the marts and publishing may follow in a run of their own.';
COMMENT ON COLUMN ops.runs.published_at IS 'When this run published the warehouse (UTC): the freshness of what readers see.';
COMMENT ON COLUMN ops.runs.files IS 'Files newly received by the run.';
COMMENT ON COLUMN ops.runs.inputs IS 'Documents newly received by the run: files plus the items (feed entries, JSONL lines, CSV rows) inside them. inputs = parsed + duplicates + quarantined.';
COMMENT ON COLUMN ops.runs.parsed IS 'Of those, documents parsed.';
COMMENT ON COLUMN ops.runs.duplicates IS 'Of those, documents whose exact bytes had already been received.';
COMMENT ON COLUMN ops.runs.quarantined IS 'Of those, documents quarantined (see ops.quarantine).';
COMMENT ON COLUMN ops.runs.articles IS 'Rows in core.articles after the run.';
