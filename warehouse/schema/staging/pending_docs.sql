CREATE TABLE IF NOT EXISTS staging.pending_docs (
    doc_id VARCHAR NOT NULL PRIMARY KEY
);
COMMENT ON TABLE staging.pending_docs IS 'Documents staged but not yet built into core. The core build takes them, updates only the articles they touch, and removes them in the same transaction.';
COMMENT ON COLUMN staging.pending_docs.doc_id IS 'A staged document (raw.documents.doc_id).';
