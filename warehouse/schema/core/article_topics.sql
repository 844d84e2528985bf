CREATE TABLE IF NOT EXISTS core.article_topics (
    article_id VARCHAR NOT NULL,
    topic_id   VARCHAR NOT NULL,
    score      INTEGER NOT NULL,
    matched    VARCHAR[] NOT NULL
);
COMMENT ON TABLE core.article_topics IS 'Which article is in which topic, with the score and the terms that put it there; an article can be in several topics.';
COMMENT ON COLUMN core.article_topics.article_id IS 'The article (core.articles.article_id).';
COMMENT ON COLUMN core.article_topics.topic_id IS 'The topic (core.topics.topic_id).';
COMMENT ON COLUMN core.article_topics.score IS 'Matched terms weighted by field (headline 3, lead 2, body 1) plus 3 per listed tag; at least the topic''s min_score unless a tag filed it.';
COMMENT ON COLUMN core.article_topics.matched IS 'The query terms found in the article, as written in the query, in alphabetical order, then tag:<tag> for tags.';
