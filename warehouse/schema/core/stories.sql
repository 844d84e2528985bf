CREATE TABLE IF NOT EXISTS core.stories (
    story_id           VARCHAR NOT NULL PRIMARY KEY,
    headline           VARCHAR NOT NULL,
    first_published_at TIMESTAMPTZ NOT NULL,
    last_published_at  TIMESTAMPTZ NOT NULL,
    articles           BIGINT NOT NULL,
    outlets            BIGINT NOT NULL
);
COMMENT ON TABLE core.stories IS 'Groups of articles about the same event across days, outlets and updates, so stories can be counted as well as articles.';
COMMENT ON COLUMN core.stories.story_id IS 'The article_id of the story''s first article.';
COMMENT ON COLUMN core.stories.headline IS 'Representative headline: that of the story''s first article.';
COMMENT ON COLUMN core.stories.first_published_at IS 'Publication time of its first article (UTC).';
COMMENT ON COLUMN core.stories.last_published_at IS 'Publication time of its latest article (UTC).';
COMMENT ON COLUMN core.stories.articles IS 'Articles in the story.';
COMMENT ON COLUMN core.stories.outlets IS 'Distinct outlets that reported it.';
