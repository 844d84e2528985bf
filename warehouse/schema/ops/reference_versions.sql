CREATE TABLE IF NOT EXISTS ops.reference_versions (
    reference   VARCHAR NOT NULL PRIMARY KEY,
    fingerprint VARCHAR NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE ops.reference_versions IS 'The version of each reference file (officials.yaml, topics.yaml) the warehouse was last built with; a change rebuilds what depends on it.';
COMMENT ON COLUMN ops.reference_versions.reference IS 'officials or topics.';
COMMENT ON COLUMN ops.reference_versions.fingerprint IS 'SHA-256 of the validated reference.';
COMMENT ON COLUMN ops.reference_versions.applied_at IS 'When the warehouse was rebuilt with it.';
