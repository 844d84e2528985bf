CREATE TABLE IF NOT EXISTS ops.watermarks (
    consumer  VARCHAR NOT NULL PRIMARY KEY,
    build_seq BIGINT NOT NULL
);
COMMENT ON TABLE ops.watermarks IS 'How far each downstream table has applied ops.changed_articles.';
COMMENT ON COLUMN ops.watermarks.consumer IS 'The table that consumes the change log, e.g. marts.daily_volume.';
COMMENT ON COLUMN ops.watermarks.build_seq IS 'Last core build whose changes it has applied.';
