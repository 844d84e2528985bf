CREATE TABLE IF NOT EXISTS marts.daily_topic_volume (
    day      DATE NOT NULL,
    topic_id VARCHAR NOT NULL,
    outlet   VARCHAR NOT NULL,
    articles BIGINT NOT NULL,
    stories  BIGINT NOT NULL,
    PRIMARY KEY (day, topic_id, outlet)
);
COMMENT ON TABLE marts.daily_topic_volume IS 'Story volume by topic: articles and distinct stories per day, topic and outlet.';
COMMENT ON COLUMN marts.daily_topic_volume.day IS 'Calendar day of publication in Europe/Kyiv (not UTC).';
COMMENT ON COLUMN marts.daily_topic_volume.topic_id IS 'The topic (core.topics.topic_id).';
COMMENT ON COLUMN marts.daily_topic_volume.outlet IS 'News outlet.';
COMMENT ON COLUMN marts.daily_topic_volume.articles IS 'Articles in the topic published that day by the outlet.';
COMMENT ON COLUMN marts.daily_topic_volume.stories IS 'Distinct stories (core.stories) those articles belong to; do not sum across days or outlets, as one story spans several.';
