-- Step 3 of core.near_duplicates: every signature's 16 bands of 4 values, and the
-- buckets (band values shared) that are telling. Built once, over every signature,
-- so that which buckets count as boilerplate does not depend on the batches.
CREATE OR REPLACE TEMP TABLE bands AS
SELECT article_id, band, hash(list_slice(signature, band * 4 + 1, band * 4 + 4)) AS band_hash
FROM staging.article_sketches, range(16) AS bands(band);

-- A bucket holding hundreds of articles is boilerplate or templated text, not one
-- story copied; skipping it keeps the join linear in the articles that changed.
CREATE OR REPLACE TEMP TABLE telling AS
SELECT band, band_hash FROM bands GROUP BY band, band_hash HAVING count(*) <= 200;
