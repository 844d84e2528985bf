CREATE TABLE IF NOT EXISTS staging.article_sketches (
    article_id VARCHAR NOT NULL,
    signature  UBIGINT[] NOT NULL
);
COMMENT ON TABLE staging.article_sketches IS 'MinHash signature of each article''s text (64 minimum hashes of its 5-word shingles under 64 hash functions; a shingle''s hash combines the hashes of its five words). Articles whose signatures agree on a band of 4 values are candidate near-duplicates.';
COMMENT ON COLUMN staging.article_sketches.article_id IS 'The article (core.articles.article_id), once; only articles with at least 30 words of text.';
COMMENT ON COLUMN staging.article_sketches.signature IS 'The 64 minimum hashes; the share of positions two signatures agree on estimates their Jaccard similarity.';
