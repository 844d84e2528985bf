CREATE TABLE IF NOT EXISTS ops.quarantine (
    doc_id      VARCHAR NOT NULL,
    uri         VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (doc_id, stage)
);
COMMENT ON TABLE ops.quarantine IS 'Inputs that could not be used, with the reason. The raw bytes stay in the landing zone; nothing is dropped.';
COMMENT ON COLUMN ops.quarantine.doc_id IS 'The quarantined document (raw.documents.doc_id).';
COMMENT ON COLUMN ops.quarantine.uri IS 'Where the document was read from.';
COMMENT ON COLUMN ops.quarantine.stage IS 'The pipeline stage that refused it: ingest (unreadable or unrecognised) or parse (malformed content).';
COMMENT ON COLUMN ops.quarantine.reason IS 'Why, naming the line or field and what was expected.';
COMMENT ON COLUMN ops.quarantine.received_at IS 'When the document was received (UTC).';
