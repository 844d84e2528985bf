CREATE TABLE IF NOT EXISTS marts.emerging_terms (
    week           DATE NOT NULL,
    term           VARCHAR NOT NULL,
    articles       BIGINT NOT NULL,
    baseline       DOUBLE NOT NULL,
    log_likelihood DOUBLE NOT NULL,
    rank           INTEGER NOT NULL,
    PRIMARY KEY (week, term)
);
COMMENT ON TABLE marts.emerging_terms IS 'Words and two-word phrases of headlines and leads rising in a week against the four weeks before it (Dunning log-likelihood), the top 25 per week: candidates for new topics.';
COMMENT ON COLUMN marts.emerging_terms.week IS 'Monday of the week (weeks of Kyiv calendar days).';
COMMENT ON COLUMN marts.emerging_terms.term IS 'Lower-case word or two-word phrase.';
COMMENT ON COLUMN marts.emerging_terms.articles IS 'Articles of the week whose headline or lead contains the term.';
COMMENT ON COLUMN marts.emerging_terms.baseline IS 'Articles per week containing it over the four weeks before.';
COMMENT ON COLUMN marts.emerging_terms.log_likelihood IS 'Dunning G2 of the week against the baseline; higher is more surprising. Only terms more frequent than in the baseline are kept.';
COMMENT ON COLUMN marts.emerging_terms.rank IS '1 for the most surprising term of the week.';
