-- Step 3 of core.near_duplicates: the bands (4 signature values each, 16 per
-- signature) in the buckets of the changed articles, with every article sharing
-- them. Whether a bucket is telling depends on all its members, so buckets are
-- counted whole; the buckets no changed article falls in are left out, so a new day
-- neither counts nor joins the buckets of the history.
-- The four values are hashed as they are, not sliced into a list first (4 times
-- faster over a million signatures).
CREATE OR REPLACE TEMP TABLE bands AS
WITH every_band AS MATERIALIZED (
    SELECT article_id, band,
           hash(signature[band * 4 + 1], signature[band * 4 + 2],
                signature[band * 4 + 3], signature[band * 4 + 4]) AS band_hash
    FROM staging.article_sketches, range(16) AS bands(band)
),
changed_buckets AS (
    SELECT DISTINCT band, band_hash FROM every_band SEMI JOIN changed USING (article_id)
)
SELECT * FROM every_band SEMI JOIN changed_buckets USING (band, band_hash);

-- A bucket holding hundreds of articles is boilerplate or templated text, not one
-- story copied; skipping it keeps the pairing linear in the articles that changed. A
-- bucket of one article pairs nothing.
CREATE OR REPLACE TEMP TABLE telling AS
SELECT band, band_hash FROM bands GROUP BY band, band_hash HAVING count(*) BETWEEN 2 AND 200;
