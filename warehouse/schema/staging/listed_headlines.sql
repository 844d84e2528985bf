CREATE TABLE IF NOT EXISTS staging.listed_headlines (
    doc_id             VARCHAR NOT NULL,
    from_article_id    VARCHAR NOT NULL,
    listed_on          TIMESTAMPTZ NOT NULL,
    kind               VARCHAR NOT NULL,
    position           INTEGER NOT NULL,
    article_id         VARCHAR NOT NULL,
    outlet             VARCHAR NOT NULL,
    headline           VARCHAR NOT NULL,
    headline_key       VARCHAR NOT NULL,
    local_published_at TIMESTAMP,
    source_tz          VARCHAR NOT NULL,
    published_at       TIMESTAMPTZ
);
COMMENT ON TABLE staging.listed_headlines IS 'Headlines listed on a page (MORE ABOUT, HOT NEWS, LATEST): each is an article known by its headline, body not yet seen.';
COMMENT ON COLUMN staging.listed_headlines.doc_id IS 'The page dump listing the headline (raw.documents.doc_id).';
COMMENT ON COLUMN staging.listed_headlines.from_article_id IS 'The article of the listing page.';
COMMENT ON COLUMN staging.listed_headlines.listed_on IS 'Publication time (UTC) of the listing page.';
COMMENT ON COLUMN staging.listed_headlines.kind IS 'related (MORE ABOUT), hot (HOT NEWS) or latest (LATEST).';
COMMENT ON COLUMN staging.listed_headlines.position IS 'Order within its list, from 1.';
COMMENT ON COLUMN staging.listed_headlines.article_id IS 'Identity of the listed article (outlet, normalised headline and, when listed, UTC minute).';
COMMENT ON COLUMN staging.listed_headlines.outlet IS 'Outlet of the listing page, which is also the listed article''s outlet.';
COMMENT ON COLUMN staging.listed_headlines.headline IS 'Headline as listed.';
COMMENT ON COLUMN staging.listed_headlines.headline_key IS 'Headline in lower case without punctuation.';
COMMENT ON COLUMN staging.listed_headlines.local_published_at IS 'Time printed beside the headline (MORE ABOUT only), wall-clock in source_tz; NULL when the list gives none.';
COMMENT ON COLUMN staging.listed_headlines.source_tz IS 'IANA time zone of the printed time.';
COMMENT ON COLUMN staging.listed_headlines.published_at IS 'Printed time in UTC; NULL for HOT NEWS and LATEST items.';
