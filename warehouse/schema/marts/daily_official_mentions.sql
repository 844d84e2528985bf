CREATE TABLE IF NOT EXISTS marts.daily_official_mentions (
    day           DATE NOT NULL,
    official_id   VARCHAR NOT NULL,
    outlet        VARCHAR NOT NULL,
    articles      BIGINT NOT NULL,
    mentions      BIGINT NOT NULL,
    role_mentions BIGINT NOT NULL,
    PRIMARY KEY (day, official_id, outlet)
);
COMMENT ON TABLE marts.daily_official_mentions IS 'How often each official is referred to, per day and outlet.';
COMMENT ON COLUMN marts.daily_official_mentions.day IS 'Calendar day of publication in Europe/Kyiv (not UTC).';
COMMENT ON COLUMN marts.daily_official_mentions.official_id IS 'The official (core.officials.official_id).';
COMMENT ON COLUMN marts.daily_official_mentions.outlet IS 'News outlet.';
COMMENT ON COLUMN marts.daily_official_mentions.articles IS 'Articles that refer to the official, by name or by office.';
COMMENT ON COLUMN marts.daily_official_mentions.mentions IS 'References in those articles (headline, lead and body), by name or by office.';
COMMENT ON COLUMN marts.daily_official_mentions.role_mentions IS 'Of those, references by office only (core.mentions.method = ''role'').';
