CREATE TABLE IF NOT EXISTS staging.page_articles (
    doc_id             VARCHAR NOT NULL,
    article_id         VARCHAR NOT NULL,
    outlet             VARCHAR NOT NULL,
    section            VARCHAR,
    local_published_at TIMESTAMP NOT NULL,
    source_tz          VARCHAR NOT NULL,
    published_at       TIMESTAMPTZ NOT NULL,
    headline           VARCHAR NOT NULL,
    headline_key       VARCHAR NOT NULL,
    read_minutes       INTEGER,
    lead               VARCHAR NOT NULL,
    body               VARCHAR NOT NULL,
    word_count         INTEGER NOT NULL,
    tags               VARCHAR[] NOT NULL
);
COMMENT ON TABLE staging.page_articles IS 'The article of each parsed page dump, exactly as the page states it: one row per document.';
COMMENT ON COLUMN staging.page_articles.doc_id IS 'The page dump it was parsed from (raw.documents.doc_id).';
COMMENT ON COLUMN staging.page_articles.article_id IS 'Identity of the article: hash of outlet, normalised headline and UTC minute of publication.';
COMMENT ON COLUMN staging.page_articles.outlet IS 'News outlet named on the page.';
COMMENT ON COLUMN staging.page_articles.section IS 'Section of the outlet the page belongs to.';
COMMENT ON COLUMN staging.page_articles.local_published_at IS 'Publication time as printed on the page, wall-clock time in source_tz.';
COMMENT ON COLUMN staging.page_articles.source_tz IS 'IANA time zone of the printed time.';
COMMENT ON COLUMN staging.page_articles.published_at IS 'Publication time in UTC.';
COMMENT ON COLUMN staging.page_articles.headline IS 'Headline as printed.';
COMMENT ON COLUMN staging.page_articles.headline_key IS 'Headline in lower case without punctuation, used to match sightings of the same article.';
COMMENT ON COLUMN staging.page_articles.read_minutes IS 'Reading time the page states (N min read), if any.';
COMMENT ON COLUMN staging.page_articles.lead IS 'First paragraph of the article; empty when the page has no text.';
COMMENT ON COLUMN staging.page_articles.body IS 'Paragraphs after the lead, separated by blank lines.';
COMMENT ON COLUMN staging.page_articles.word_count IS 'Words in lead and body.';
COMMENT ON COLUMN staging.page_articles.tags IS 'Tags of the page, lower case, without #.';
