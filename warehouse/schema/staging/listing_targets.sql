CREATE TABLE IF NOT EXISTS staging.listing_targets (
    doc_id    VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL,
    position  INTEGER NOT NULL,
    target_id VARCHAR NOT NULL
);
COMMENT ON TABLE staging.listing_targets IS 'The article each listed headline stands for. A HOT NEWS or LATEST headline (no time) resolves to the latest timed article of the same outlet with the same normalised headline published no later than a day after the listing page; failing that, to an identity of its own, which stays out of core.articles (no publication time) until a matching article arrives. Kept up to date as new articles arrive.';
COMMENT ON COLUMN staging.listing_targets.doc_id IS 'The listing page (staging.listed_headlines.doc_id).';
COMMENT ON COLUMN staging.listing_targets.kind IS 'related, hot or latest.';
COMMENT ON COLUMN staging.listing_targets.position IS 'Order within the list, from 1.';
COMMENT ON COLUMN staging.listing_targets.target_id IS 'The article the headline stands for: a core.articles row, or the pending identity of a timeless headline that matched nothing yet.';
