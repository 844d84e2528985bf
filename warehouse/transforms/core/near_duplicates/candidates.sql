-- Step 3 of core.near_duplicates: candidate pairs involving a changed article, from
-- every signature at once, so that which buckets count as boilerplate does not
-- depend on how the changed articles were batched. Each candidate is numbered into
-- the batch of its first article for the score step.
CREATE OR REPLACE TEMP TABLE candidates AS
WITH bands AS (
    SELECT article_id, band, hash(list_slice(signature, band * 4 + 1, band * 4 + 4)) AS band_hash
    FROM staging.article_sketches, range(16) AS bands(band)
),
-- A bucket holding hundreds of articles is boilerplate or templated text, not one
-- story copied; skipping it keeps the join linear in the articles that changed.
telling AS (
    SELECT band, band_hash FROM bands GROUP BY band, band_hash HAVING count(*) <= 200
),
changed_bands AS (
    SELECT * FROM bands SEMI JOIN changed USING (article_id) SEMI JOIN telling USING (band, band_hash)
),
pairs AS (
    SELECT DISTINCT least(a.article_id, b.article_id) AS article_id,
                    greatest(a.article_id, b.article_id) AS other_article_id
    FROM changed_bands AS a
    JOIN bands AS b ON a.band = b.band AND a.band_hash = b.band_hash AND a.article_id <> b.article_id
),
agreeing AS (
    SELECT p.*
    FROM pairs AS p
    JOIN staging.article_sketches AS x ON x.article_id = p.article_id
    JOIN staging.article_sketches AS y ON y.article_id = p.other_article_id
    WHERE len(list_filter(list_zip(x.signature, y.signature), v -> v[1] = v[2])) >= 0.7 * 64
)
SELECT *, (dense_rank() OVER (ORDER BY article_id) - 1) // getvariable('near_duplicate_batch') AS batch
FROM agreeing;
