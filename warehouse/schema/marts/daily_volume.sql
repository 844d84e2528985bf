CREATE TABLE IF NOT EXISTS marts.daily_volume (
    day       DATE NOT NULL,
    outlet    VARCHAR NOT NULL,
    articles  BIGINT NOT NULL,
    with_body BIGINT NOT NULL,
    PRIMARY KEY (day, outlet)
);
COMMENT ON TABLE marts.daily_volume IS 'Articles published per day and outlet.';
COMMENT ON COLUMN marts.daily_volume.day IS 'Calendar day of publication in Europe/Kyiv (not UTC): the day Ukrainian readers saw the story.';
COMMENT ON COLUMN marts.daily_volume.outlet IS 'News outlet.';
COMMENT ON COLUMN marts.daily_volume.articles IS 'Articles published that day, including those known only by headline.';
COMMENT ON COLUMN marts.daily_volume.with_body IS 'Of those, articles whose text has been seen.';
