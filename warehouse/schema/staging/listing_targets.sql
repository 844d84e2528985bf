CREATE OR REPLACE VIEW staging.listing_targets AS
WITH timed AS (
    SELECT article_id, outlet, headline_key, published_at FROM staging.articles
    UNION
    SELECT article_id, outlet, headline_key, published_at
    FROM staging.listed_headlines
    WHERE published_at IS NOT NULL
),
matched AS (
    SELECT l.doc_id, l.kind, l.position, arg_max(t.article_id, t.published_at) AS article_id
    FROM staging.listed_headlines AS l
    JOIN timed AS t
      ON t.outlet = l.outlet
     AND t.headline_key = l.headline_key
     AND t.published_at <= l.listed_on + INTERVAL 1 DAY
    WHERE l.published_at IS NULL
    GROUP BY l.doc_id, l.kind, l.position
)
SELECT l.doc_id, l.kind, l.position, coalesce(m.article_id, l.article_id) AS target_id
FROM staging.listed_headlines AS l
LEFT JOIN matched AS m USING (doc_id, kind, position);
COMMENT ON VIEW staging.listing_targets IS 'The article each listed headline points at. A HOT NEWS or LATEST headline (no time) resolves to the latest timed article of the same outlet with the same normalised headline published no later than a day after the listing page; failing that, to a headline-only stub of its own.';
COMMENT ON COLUMN staging.listing_targets.doc_id IS 'The listing page (staging.listed_headlines.doc_id).';
COMMENT ON COLUMN staging.listing_targets.kind IS 'related, hot or latest.';
COMMENT ON COLUMN staging.listing_targets.position IS 'Order within the list, from 1.';
COMMENT ON COLUMN staging.listing_targets.target_id IS 'The core.articles row the headline stands for.';
