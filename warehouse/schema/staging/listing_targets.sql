CREATE TABLE IF NOT EXISTS staging.listing_targets (
    doc_id             VARCHAR NOT NULL,
    kind               VARCHAR NOT NULL,
    position           INTEGER NOT NULL,
    from_article_id    VARCHAR NOT NULL,
    listed_on          TIMESTAMPTZ NOT NULL,
    outlet             VARCHAR NOT NULL,
    headline           VARCHAR NOT NULL,
    local_published_at TIMESTAMP,
    source_tz          VARCHAR NOT NULL,
    published_at       TIMESTAMPTZ,
    target_id          VARCHAR NOT NULL
);
COMMENT ON TABLE staging.listing_targets IS 'Each listed headline of a built document (staging.listed_headlines) with the article it stands for. A HOT NEWS or LATEST headline (no time) resolves to the latest timed article of the same outlet with the same normalised headline published no later than a day after the listing page; failing that, to an identity of its own, which stays out of core.articles (no publication time) until a matching article arrives. Kept up to date as new articles arrive. The listing''s own columns are carried here so that building an article reads its listings from this table alone.';
COMMENT ON COLUMN staging.listing_targets.doc_id IS 'The listing page (staging.listed_headlines.doc_id).';
COMMENT ON COLUMN staging.listing_targets.kind IS 'related, hot or latest.';
COMMENT ON COLUMN staging.listing_targets.position IS 'Order within the list, from 1.';
COMMENT ON COLUMN staging.listing_targets.from_article_id IS 'The article of the listing page.';
COMMENT ON COLUMN staging.listing_targets.listed_on IS 'Publication time (UTC) of the listing page. Rows are added in about this order, so a build that re-resolves recent listings skips the older history.';
COMMENT ON COLUMN staging.listing_targets.outlet IS 'Outlet of the listing page and of the listed article.';
COMMENT ON COLUMN staging.listing_targets.headline IS 'Headline as listed.';
COMMENT ON COLUMN staging.listing_targets.local_published_at IS 'Time printed beside the headline (MORE ABOUT only), wall-clock in source_tz; NULL when the list gives none.';
COMMENT ON COLUMN staging.listing_targets.source_tz IS 'IANA time zone of the printed time.';
COMMENT ON COLUMN staging.listing_targets.published_at IS 'Printed time in UTC; NULL for HOT NEWS and LATEST items.';
COMMENT ON COLUMN staging.listing_targets.target_id IS 'The article the headline stands for: a core.articles row, or the pending identity of a timeless headline that matched nothing yet.';
