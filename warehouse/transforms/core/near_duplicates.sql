-- Update core.near_duplicates for the articles changed since it last ran.
-- MinHash with locality-sensitive hashing: each text's 5-word shingles give a
-- 64-value signature; signatures agreeing on any of 16 bands of 4 values are
-- candidates; candidates whose signatures agree on at least 70% of positions get
-- their exact shingle Jaccard computed, and pairs at 0.8 or more are kept.
CREATE OR REPLACE TEMP TABLE changed AS
SELECT DISTINCT article_id FROM ops.changed_articles
WHERE build_seq > (SELECT coalesce(max(build_seq), 0) FROM ops.watermarks
                   WHERE consumer = 'core.near_duplicates');

-- Shingle hashes of the given articles' texts, from their first 2,000 words: the
-- list slicing inside the lambda costs more than linear time in a text's length, so
-- a hostile 5 MB body would otherwise take minutes and gigabytes; copies of a story
-- agree long before word 2,000. Each step is its own column: a macro argument used
-- inside a lambda would be recomputed for every element.
CREATE OR REPLACE MACRO shingles_of(ids) AS TABLE
SELECT article_id, outlet, published_at,
       list_distinct(list_transform(range(1, len(words) - 3),
                                    i -> hash(array_to_string(list_slice(words, i, i + 4), ' ')))) AS hs
FROM (
    SELECT article_id, outlet, published_at,
           list_filter(string_split_regex(lower(lead || ' ' || body), '[^[:alnum:]]+'),
                       w -> w <> '')[1:2000] AS words
    FROM core.articles
    WHERE has_body AND word_count >= 30 AND article_id IN (SELECT article_id FROM query_table(ids))
);

DELETE FROM staging.article_sketches WHERE article_id IN (SELECT article_id FROM changed);
INSERT INTO staging.article_sketches
SELECT article_id,
       list_transform(list_transform(range(64), s -> hash(s)),
                      seed -> list_min(list_transform(hs, h -> xor(h, seed))))
FROM shingles_of('changed');

DELETE FROM core.near_duplicates
WHERE article_id IN (SELECT article_id FROM changed)
   OR other_article_id IN (SELECT article_id FROM changed);

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
)
SELECT p.*
FROM pairs AS p
JOIN staging.article_sketches AS x ON x.article_id = p.article_id
JOIN staging.article_sketches AS y ON y.article_id = p.other_article_id
WHERE len(list_filter(list_zip(x.signature, y.signature), v -> v[1] = v[2])) >= 0.7 * 64;

CREATE OR REPLACE TEMP TABLE candidate_articles AS
SELECT article_id FROM candidates UNION SELECT other_article_id FROM candidates;

INSERT INTO core.near_duplicates
WITH texts AS (SELECT * FROM shingles_of('candidate_articles')),
scored AS (
    SELECT c.article_id, c.other_article_id, x.outlet = y.outlet AS same_outlet,
           len(list_intersect(x.hs, y.hs)) / len(list_distinct(list_concat(x.hs, y.hs))) AS similarity
    FROM candidates AS c
    JOIN texts AS x ON x.article_id = c.article_id
    JOIN texts AS y ON y.article_id = c.other_article_id
    WHERE abs(epoch(x.published_at) - epoch(y.published_at)) <= 7 * 86400
)
SELECT article_id, other_article_id, similarity, same_outlet FROM scored WHERE similarity >= 0.8;

INSERT OR REPLACE INTO ops.watermarks
SELECT 'core.near_duplicates', build_seq FROM ops.watermarks WHERE consumer = 'core.articles';
