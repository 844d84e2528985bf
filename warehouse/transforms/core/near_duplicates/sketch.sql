-- Step 2 of core.near_duplicates, once per batch: the MinHash signatures of one
-- batch of changed articles. Shingle lists are the memory-heavy part, so a first
-- load of a million articles sketches them a batch at a time.
CREATE OR REPLACE TEMP TABLE sketch_batch AS
SELECT article_id FROM changed
WHERE ordinal // getvariable('near_duplicate_batch') = getvariable('near_duplicate_step');

CREATE OR REPLACE TEMP TABLE batch_sketches AS
SELECT article_id,
       list_transform(list_transform(range(64), s -> hash(s)),
                      seed -> list_min(list_transform(hs, h -> xor(h, seed)))) AS signature
FROM shingles_of('sketch_batch');

INSERT INTO staging.article_sketches SELECT article_id, signature FROM batch_sketches;

-- The four values of a band are hashed as they are, not sliced into a list first (4
-- times faster over a million signatures).
CREATE OR REPLACE TEMP TABLE batch_bands AS
SELECT article_id, band::UTINYINT AS band,
       hash(signature[band * 4 + 1], signature[band * 4 + 2],
            signature[band * 4 + 3], signature[band * 4 + 4]) AS band_hash
FROM batch_sketches, range(16) AS bands(band);

INSERT INTO staging.article_bands SELECT * FROM batch_bands;
INSERT INTO changed_bands SELECT * FROM batch_bands;
