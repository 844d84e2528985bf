CREATE TABLE IF NOT EXISTS staging.articles (
    doc_id             VARCHAR NOT NULL,
    article_id         VARCHAR NOT NULL,
    outlet             VARCHAR NOT NULL,
    url                VARCHAR,
    section            VARCHAR,
    local_published_at TIMESTAMP,
    source_tz          VARCHAR,
    published_at       TIMESTAMPTZ NOT NULL,
    headline           VARCHAR NOT NULL,
    headline_key       VARCHAR NOT NULL,
    headline_derived   BOOLEAN NOT NULL,
    is_stub            BOOLEAN NOT NULL,
    read_minutes       INTEGER,
    lead               VARCHAR NOT NULL,
    body               VARCHAR NOT NULL,
    word_count         INTEGER NOT NULL,
    tags               VARCHAR[] NOT NULL,
    lang               VARCHAR
);
COMMENT ON TABLE staging.articles IS 'Each article exactly as its document states it, whatever the format: one row per parsed document (a page, or one item of a feed, JSONL or CSV file).';
COMMENT ON COLUMN staging.articles.doc_id IS 'The document it was parsed from (raw.documents.doc_id).';
COMMENT ON COLUMN staging.articles.article_id IS 'Identity of the article: hash of the canonical URL when known, else of outlet, normalised headline and UTC minute of publication.';
COMMENT ON COLUMN staging.articles.outlet IS 'News outlet, as the document or the source configuration names it.';
COMMENT ON COLUMN staging.articles.url IS 'URL of the article as given; NULL when the format carries none (page dumps).';
COMMENT ON COLUMN staging.articles.section IS 'Section of the outlet, when given.';
COMMENT ON COLUMN staging.articles.local_published_at IS 'Publication time as printed, wall-clock time in source_tz; NULL when the source gave UTC or an offset.';
COMMENT ON COLUMN staging.articles.source_tz IS 'IANA time zone of the printed time, when the source gave a local time.';
COMMENT ON COLUMN staging.articles.published_at IS 'Publication time in UTC.';
COMMENT ON COLUMN staging.articles.headline IS 'Headline as published.';
COMMENT ON COLUMN staging.articles.headline_key IS 'Headline in lower case without punctuation, used to match sightings of the same article.';
COMMENT ON COLUMN staging.articles.headline_derived IS 'True when the source had no headline and it was made from the first sentence of the body.';
COMMENT ON COLUMN staging.articles.is_stub IS 'True when the source gives only the headline (and perhaps a summary in lead): a feed item without full text, a headline-only JSONL line or CSV row.';
COMMENT ON COLUMN staging.articles.read_minutes IS 'Reading time the page states (N min read), if any.';
COMMENT ON COLUMN staging.articles.lead IS 'Lead paragraph; empty when the source has none.';
COMMENT ON COLUMN staging.articles.body IS 'Body text, paragraphs separated by blank lines; empty for a headline-only item.';
COMMENT ON COLUMN staging.articles.word_count IS 'Words in lead and body.';
COMMENT ON COLUMN staging.articles.tags IS 'Tags or keywords, lower case, without #.';
COMMENT ON COLUMN staging.articles.lang IS 'Language code the source declares (e.g. en, uk), when it does.';
