-- Step 3 of core.near_duplicates: the bands in the buckets of the changed articles,
-- with every article sharing them (a band is 4 signature values; 16 per signature).
-- Whether a bucket is telling depends on all its members, so buckets are counted
-- whole; the buckets no changed article falls in are left out, so a new day neither
-- counts nor joins the buckets of the history, and finds their members among the
-- stored bands (staging.article_bands) without hashing them again.
CREATE OR REPLACE TEMP TABLE bands AS
SELECT * FROM staging.article_bands
SEMI JOIN (SELECT DISTINCT band, band_hash FROM changed_bands) USING (band, band_hash);

-- A bucket holding hundreds of articles is boilerplate or templated text, not one
-- story copied; skipping it keeps the pairing linear in the articles that changed. A
-- bucket of one article pairs nothing.
CREATE OR REPLACE TEMP TABLE telling AS
SELECT band, band_hash FROM bands GROUP BY band, band_hash HAVING count(*) BETWEEN 2 AND 200;
