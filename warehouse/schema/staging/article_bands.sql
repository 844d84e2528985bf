CREATE TABLE IF NOT EXISTS staging.article_bands (
    article_id VARCHAR NOT NULL,
    band       UTINYINT NOT NULL,
    band_hash  UBIGINT NOT NULL
);
COMMENT ON TABLE staging.article_bands IS 'The 16 bands of each article''s MinHash signature (staging.article_sketches), hashed: articles sharing a band hash are candidate near-duplicates. Kept so that a new day looks up the buckets its articles fall in rather than hashing the bands of the whole history again.';
COMMENT ON COLUMN staging.article_bands.article_id IS 'The article (core.articles.article_id, staging.article_sketches.article_id).';
COMMENT ON COLUMN staging.article_bands.band IS 'Which band of the signature, 0 to 15: band b holds signature positions 4b+1 to 4b+4.';
COMMENT ON COLUMN staging.article_bands.band_hash IS 'Hash of the band''s four signature values; with band, the bucket the article falls in.';
