-- Step 2 of core.near_duplicates, once per batch: the MinHash signatures of one
-- batch of changed articles. Shingle lists are the memory-heavy part, so a first
-- load of a million articles sketches them a batch at a time.
CREATE OR REPLACE TEMP TABLE sketch_batch AS
SELECT article_id FROM changed
WHERE ordinal // getvariable('near_duplicate_batch') = getvariable('near_duplicate_step');

INSERT INTO staging.article_sketches
SELECT article_id,
       list_transform(list_transform(range(64), s -> hash(s)),
                      seed -> list_min(list_transform(hs, h -> xor(h, seed))))
FROM shingles_of('sketch_batch');
