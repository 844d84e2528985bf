CREATE TABLE IF NOT EXISTS marts.topic_official (
    day         DATE NOT NULL,
    topic_id    VARCHAR NOT NULL,
    official_id VARCHAR NOT NULL,
    articles    BIGINT NOT NULL,
    PRIMARY KEY (day, topic_id, official_id)
);
COMMENT ON TABLE marts.topic_official IS 'Which officials are referred to in which topics: articles per day, topic and official.';
COMMENT ON COLUMN marts.topic_official.day IS 'Calendar day of publication in Europe/Kyiv (not UTC).';
COMMENT ON COLUMN marts.topic_official.topic_id IS 'The topic (core.topics.topic_id).';
COMMENT ON COLUMN marts.topic_official.official_id IS 'The official (core.officials.official_id).';
COMMENT ON COLUMN marts.topic_official.articles IS 'Articles in the topic that refer to the official, by name or office.';
