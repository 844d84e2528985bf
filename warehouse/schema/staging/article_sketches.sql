CREATE TABLE IF NOT EXISTS staging.article_sketches (
    article_id VARCHAR NOT NULL,
    shingle    UBIGINT NOT NULL
);
COMMENT ON TABLE staging.article_sketches IS 'MinHash sketch of each article''s text: the 64 smallest hashes of its 5-word shingles. Articles sharing many of them are candidate near-duplicates.';
COMMENT ON COLUMN staging.article_sketches.article_id IS 'The article (core.articles.article_id).';
COMMENT ON COLUMN staging.article_sketches.shingle IS 'Hash of one 5-word shingle of lead and body, lower-cased.';
