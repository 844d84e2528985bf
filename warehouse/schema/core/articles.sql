CREATE TABLE IF NOT EXISTS core.articles (
    article_id         VARCHAR NOT NULL PRIMARY KEY,
    outlet             VARCHAR NOT NULL,
    url                VARCHAR,
    section            VARCHAR,
    published_at       TIMESTAMPTZ NOT NULL,
    local_published_at TIMESTAMP,
    source_tz          VARCHAR,
    headline           VARCHAR NOT NULL,
    lead               VARCHAR NOT NULL,
    body               VARCHAR NOT NULL,
    word_count         INTEGER NOT NULL,
    has_body           BOOLEAN NOT NULL,
    tags               VARCHAR[] NOT NULL,
    read_minutes       INTEGER,
    lang               VARCHAR,
    first_seen_at      TIMESTAMPTZ NOT NULL,
    source_doc_id      VARCHAR NOT NULL
);
COMMENT ON TABLE core.articles IS 'One row per article, whether its page was seen (has_body) or only its headline in another page''s list.';
COMMENT ON COLUMN core.articles.article_id IS 'Stable identity: hash of outlet, normalised headline and UTC minute of publication.';
COMMENT ON COLUMN core.articles.outlet IS 'News outlet that published the article.';
COMMENT ON COLUMN core.articles.url IS 'URL of the article when the source gives one; NULL for page dumps, which carry none.';
COMMENT ON COLUMN core.articles.section IS 'Outlet section (e.g. Facts, Economics); NULL when only the headline was seen.';
COMMENT ON COLUMN core.articles.published_at IS 'Publication time in UTC, never NULL: a HOT NEWS or LATEST headline without a time waits in staging.listing_targets until its timed article arrives.';
COMMENT ON COLUMN core.articles.local_published_at IS 'Publication time as printed by the outlet, wall-clock time in source_tz.';
COMMENT ON COLUMN core.articles.source_tz IS 'IANA time zone the outlet prints times in (Interfax-Ukraine: Europe/Kyiv).';
COMMENT ON COLUMN core.articles.headline IS 'Headline as published.';
COMMENT ON COLUMN core.articles.lead IS 'Lead paragraph (for a feed stub, the feed''s summary); empty when none is known.';
COMMENT ON COLUMN core.articles.body IS 'Text after the lead, paragraphs separated by blank lines; page furniture removed. Empty when not seen.';
COMMENT ON COLUMN core.articles.word_count IS 'Words in lead and body.';
COMMENT ON COLUMN core.articles.has_body IS 'True when the article''s own text has been seen; false for a stub known by its headline (and perhaps a feed summary, kept in lead).';
COMMENT ON COLUMN core.articles.tags IS 'Outlet tags, lower case, without #; empty list when none.';
COMMENT ON COLUMN core.articles.read_minutes IS 'Reading time stated by the outlet, in minutes.';
COMMENT ON COLUMN core.articles.lang IS 'Language code (e.g. en, uk) when known.';
COMMENT ON COLUMN core.articles.first_seen_at IS 'When wirewatch first received any document showing this article (UTC).';
COMMENT ON COLUMN core.articles.source_doc_id IS 'The document the row''s text comes from (raw.documents.doc_id): the article''s own page when seen, else the first page listing it.';
