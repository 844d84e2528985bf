-- Step 1 of core.near_duplicates: the articles changed since it last ran, numbered
-- (`ordinal`): the sketch step takes them in batches of
-- getvariable('near_duplicate_batch').
-- MinHash with locality-sensitive hashing: each text's 5-word shingles give a
-- 64-value signature; signatures agreeing on any of 16 bands of 4 values are
-- candidates; candidates whose signatures agree on at least 70% of positions get
-- their exact shingle Jaccard computed, and pairs at 0.8 or more are kept.
CREATE OR REPLACE TEMP TABLE changed AS
SELECT article_id, row_number() OVER (ORDER BY article_id) - 1 AS ordinal
FROM (SELECT DISTINCT article_id FROM ops.changed_articles
      WHERE build_seq > (SELECT coalesce(max(build_seq), 0) FROM ops.watermarks
                         WHERE consumer = 'core.near_duplicates'));

-- Shingle hashes of the given articles' texts, from their first 2,000 words: copies
-- of a story agree long before word 2,000, and a hostile 5 MB body would otherwise
-- take minutes and gigabytes. Each word is hashed once and a shingle's hash combines
-- its five words' hashes: slicing five words out of the list and joining them into a
-- string for every position took twice as long. Each step is its own column: a macro
-- argument used inside a lambda would be recomputed for every element.
CREATE OR REPLACE TEMP MACRO shingles_of(ids) AS TABLE
SELECT article_id, outlet, published_at,
       list_distinct(list_transform(range(1, len(word_hashes) - 3),
                                    i -> hash(word_hashes[i], word_hashes[i + 1], word_hashes[i + 2],
                                              word_hashes[i + 3], word_hashes[i + 4]))) AS hs
FROM (
    SELECT article_id, outlet, published_at, list_transform(words, w -> hash(w)) AS word_hashes
    FROM (
        SELECT article_id, outlet, published_at,
               list_filter(string_split_regex(lower(lead || ' ' || body), '[^[:alnum:]]+'),
                           w -> w <> '')[1:2000] AS words
        FROM core.articles
        WHERE has_body AND word_count >= 30
          AND article_id IN (SELECT article_id FROM query_table(ids))
    )
);

-- The bands of the articles sketched in this run (the sketch step adds them): the
-- buckets whose members the bands step looks up.
CREATE OR REPLACE TEMP TABLE changed_bands (article_id VARCHAR, band UTINYINT, band_hash UBIGINT);

-- The changed articles sketched before (edited since): their stored bands go too.
-- Only they are looked for among the bands: a new day's articles have none, and
-- looking would read every band of the history.
CREATE OR REPLACE TEMP TABLE resketched AS
SELECT article_id FROM changed SEMI JOIN staging.article_sketches USING (article_id);
DELETE FROM staging.article_sketches WHERE article_id IN (SELECT article_id FROM changed);
DELETE FROM core.near_duplicates
WHERE article_id IN (SELECT article_id FROM changed)
   OR other_article_id IN (SELECT article_id FROM changed);
