CREATE TABLE IF NOT EXISTS core.tags (
    tag      VARCHAR NOT NULL PRIMARY KEY,
    articles BIGINT NOT NULL
);
COMMENT ON TABLE core.tags IS 'Every tag or keyword outlets put on articles.';
COMMENT ON COLUMN core.tags.tag IS 'Tag, lower case, without #.';
COMMENT ON COLUMN core.tags.articles IS 'Articles carrying the tag.';
