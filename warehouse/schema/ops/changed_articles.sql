CREATE TABLE IF NOT EXISTS ops.changed_articles (
    build_seq  BIGINT NOT NULL,
    article_id VARCHAR NOT NULL,
    day        DATE
);
COMMENT ON TABLE ops.changed_articles IS 'Change log of core.articles: each core build appends the articles it inserted, changed or removed, so downstream tables update only what changed. Rows every consumer has applied are pruned.';
COMMENT ON COLUMN ops.changed_articles.build_seq IS 'Number of the core build that made the change, increasing.';
COMMENT ON COLUMN ops.changed_articles.article_id IS 'The article changed (it may no longer exist in core.articles).';
COMMENT ON COLUMN ops.changed_articles.day IS 'A Kyiv calendar day the article counted on before or after the change; NULL when undated.';
