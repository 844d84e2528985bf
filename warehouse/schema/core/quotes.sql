CREATE TABLE IF NOT EXISTS core.quotes (
    article_id  VARCHAR NOT NULL,
    official_id VARCHAR NOT NULL,
    quote       VARCHAR NOT NULL,
    cue         VARCHAR NOT NULL,
    field       VARCHAR NOT NULL,
    "start"     INTEGER NOT NULL
);
COMMENT ON TABLE core.quotes IS 'What officials said or wrote, as articles attribute it: quoted passages, and reported statements after a speech verb.';
COMMENT ON COLUMN core.quotes.article_id IS 'The article (core.articles.article_id).';
COMMENT ON COLUMN core.quotes.official_id IS 'Who said it (core.officials.official_id).';
COMMENT ON COLUMN core.quotes.quote IS 'The passage, without its quotation marks.';
COMMENT ON COLUMN core.quotes.cue IS 'The speech verb that attributes it (said, wrote, told, ...), with the pronoun when the speaker is named earlier ("he said").';
COMMENT ON COLUMN core.quotes.field IS 'lead or body of core.articles.';
COMMENT ON COLUMN core.quotes."start" IS 'Offset of the passage in the field, from 0.';
