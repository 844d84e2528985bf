CREATE TABLE IF NOT EXISTS marts.daily_topic_stories (
    day       DATE NOT NULL,
    topic_id  VARCHAR NOT NULL,
    outlet    VARCHAR NOT NULL,
    story_id  VARCHAR NOT NULL,
    story_key UBIGINT NOT NULL,
    articles  BIGINT NOT NULL,
    PRIMARY KEY (day, topic_id, outlet, story_id)
);
COMMENT ON TABLE marts.daily_topic_stories IS 'Which stories each topic carried: one row per Kyiv day, topic, outlet and story with an article in them. Count distinct story_id (or story_key) over any period to get stories per week or month.';
COMMENT ON COLUMN marts.daily_topic_stories.day IS 'Calendar day of publication in Europe/Kyiv (not UTC).';
COMMENT ON COLUMN marts.daily_topic_stories.topic_id IS 'The topic (core.topics.topic_id).';
COMMENT ON COLUMN marts.daily_topic_stories.outlet IS 'News outlet.';
COMMENT ON COLUMN marts.daily_topic_stories.story_id IS 'The story (core.stories.story_id).';
COMMENT ON COLUMN marts.daily_topic_stories.story_key IS 'hash(story_id): the same story, as a number that counts distinct faster.';
COMMENT ON COLUMN marts.daily_topic_stories.articles IS 'Articles of the story in the topic published that day by the outlet.';
