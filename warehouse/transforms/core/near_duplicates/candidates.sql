-- Step 4 of core.near_duplicates, once per batch of changed articles: the pairs of
-- a changed article of the batch and any article sharing a telling bucket whose
-- signatures agree on at least 70% of positions. A pair of two changed articles is
-- found in the earlier of their batches only. Templated text shares many buckets,
-- so the pairs of a million changed articles at once would not fit in memory.
CREATE OR REPLACE TEMP TABLE candidates AS
WITH changed_bands AS (
    SELECT b.* FROM bands AS b
    SEMI JOIN (SELECT article_id FROM changed
               WHERE ordinal // getvariable('pairing_batch') = getvariable('near_duplicate_step'))
        USING (article_id)
    SEMI JOIN telling USING (band, band_hash)
),
pairs AS (
    SELECT DISTINCT least(a.article_id, b.article_id) AS article_id,
                    greatest(a.article_id, b.article_id) AS other_article_id
    FROM changed_bands AS a
    JOIN bands AS b ON a.band = b.band AND a.band_hash = b.band_hash AND a.article_id <> b.article_id
    LEFT JOIN changed AS o ON o.article_id = b.article_id
    WHERE o.ordinal IS NULL OR o.ordinal // getvariable('pairing_batch') >= getvariable('near_duplicate_step')
)
SELECT p.*
FROM pairs AS p
JOIN staging.article_sketches AS x ON x.article_id = p.article_id
JOIN staging.article_sketches AS y ON y.article_id = p.other_article_id
WHERE len(list_filter(list_zip(x.signature, y.signature), v -> v[1] = v[2])) >= 0.7 * 64;
