CREATE TABLE IF NOT EXISTS core.story_articles (
    story_id   VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL PRIMARY KEY,
    similarity DOUBLE NOT NULL
);
COMMENT ON TABLE core.story_articles IS 'The story each article belongs to (one each).';
COMMENT ON COLUMN core.story_articles.story_id IS 'The story (core.stories.story_id).';
COMMENT ON COLUMN core.story_articles.article_id IS 'The article (core.articles.article_id).';
COMMENT ON COLUMN core.story_articles.similarity IS 'Rarity-weighted word overlap with the closest earlier article of the story when it joined (0 to 1); 1 for the article that started it.';
