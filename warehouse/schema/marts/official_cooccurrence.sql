CREATE TABLE IF NOT EXISTS marts.official_cooccurrence (
    official_a VARCHAR NOT NULL,
    official_b VARCHAR NOT NULL,
    day        DATE NOT NULL,
    articles   BIGINT NOT NULL,
    PRIMARY KEY (official_a, official_b, day)
);
COMMENT ON TABLE marts.official_cooccurrence IS 'Pairs of officials referred to in the same article, per day; each pair once, official_a < official_b.';
COMMENT ON COLUMN marts.official_cooccurrence.official_a IS 'The official whose id sorts first.';
COMMENT ON COLUMN marts.official_cooccurrence.official_b IS 'The other official.';
COMMENT ON COLUMN marts.official_cooccurrence.day IS 'Calendar day of publication in Europe/Kyiv (not UTC).';
COMMENT ON COLUMN marts.official_cooccurrence.articles IS 'Articles that refer to both, by name or by office.';
