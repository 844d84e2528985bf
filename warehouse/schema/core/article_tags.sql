CREATE TABLE IF NOT EXISTS core.article_tags (
    article_id VARCHAR NOT NULL,
    tag        VARCHAR NOT NULL
);
COMMENT ON TABLE core.article_tags IS 'Which article carries which tag: core.articles.tags, one row per pair, for joins.';
COMMENT ON COLUMN core.article_tags.article_id IS 'The article (core.articles.article_id).';
COMMENT ON COLUMN core.article_tags.tag IS 'Tag, lower case, without # (core.tags.tag).';
