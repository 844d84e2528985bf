CREATE TABLE IF NOT EXISTS core.article_links (
    from_article_id VARCHAR NOT NULL,
    to_article_id   VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    position        INTEGER NOT NULL
);
COMMENT ON TABLE core.article_links IS 'Links from an article page to the articles it lists. Both ends are rows of core.articles.';
COMMENT ON COLUMN core.article_links.from_article_id IS 'The article whose page carries the list.';
COMMENT ON COLUMN core.article_links.to_article_id IS 'The listed article.';
COMMENT ON COLUMN core.article_links.kind IS 'related (MORE ABOUT list), hot (HOT NEWS) or latest (LATEST).';
COMMENT ON COLUMN core.article_links.position IS 'Order within the list, from 1.';
