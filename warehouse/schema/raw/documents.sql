CREATE TABLE IF NOT EXISTS raw.documents (
    doc_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    uri         VARCHAR NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    media_type  VARCHAR NOT NULL,
    size_bytes  BIGINT NOT NULL,
    status      VARCHAR NOT NULL,
    run_id      VARCHAR,
    parent_doc_id VARCHAR,
    item        INTEGER
);
COMMENT ON TABLE raw.documents IS 'Every input received, one row per distinct (content, location), which landing keeps unique: files, and each item (feed entry, JSONL line, CSV row) of a file that holds many. The bytes are kept unchanged under <home>/raw/<first two hex digits of doc_id>/<doc_id>.';
COMMENT ON COLUMN raw.documents.doc_id IS 'SHA-256 of the file''s bytes, in hex: the same content always has the same doc_id.';
COMMENT ON COLUMN raw.documents.source IS 'The source the file came through, as configured or given to `wirewatch run --source`.';
COMMENT ON COLUMN raw.documents.uri IS 'Where the document was read from: file:// URI of the file, or of the file plus #item=N for an item.';
COMMENT ON COLUMN raw.documents.received_at IS 'When wirewatch first received this file at this location (UTC).';
COMMENT ON COLUMN raw.documents.media_type IS 'Format recognised from the content, e.g. text/x-page-dump, text/html, application/rss+xml; application/octet-stream when unrecognised. Items carry their container''s type with ;item appended.';
COMMENT ON COLUMN raw.documents.size_bytes IS 'Size of the file in bytes.';
COMMENT ON COLUMN raw.documents.status IS 'parsed (articles or items extracted), duplicate (same bytes already received from another location), quarantined (see ops.quarantine), or received (landed, not yet parsed).';
COMMENT ON COLUMN raw.documents.run_id IS 'The Dagster run that received the file.';
COMMENT ON COLUMN raw.documents.parent_doc_id IS 'For an item, the file it came from (its doc_id); NULL for a file.';
COMMENT ON COLUMN raw.documents.item IS 'For an item, its 0-based position in the file (line, row or entry); NULL for a file.';
