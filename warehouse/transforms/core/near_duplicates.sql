-- Update core.near_duplicates for the articles changed since it last ran: MinHash
-- sketches (the 64 smallest hashes of 5-word shingles) find candidates that share
-- at least 16 of them; the exact Jaccard similarity of their shingle sets decides.
CREATE OR REPLACE TEMP TABLE changed AS
SELECT DISTINCT article_id FROM ops.changed_articles
WHERE build_seq > (SELECT coalesce(max(build_seq), 0) FROM ops.watermarks
                   WHERE consumer = 'core.near_duplicates');

CREATE OR REPLACE MACRO shingles_of(ids) AS TABLE
WITH texts AS (
    SELECT article_id,
           list_filter(string_split_regex(lower(lead || ' ' || body), '[^[:alnum:]]+'),
                       w -> w <> '') AS words
    FROM core.articles
    WHERE has_body AND word_count >= 30 AND article_id IN (SELECT article_id FROM query_table(ids))
)
SELECT DISTINCT article_id,
       hash(array_to_string(list_slice(words, i, i + 4), ' ')) AS shingle
FROM (SELECT article_id, words, unnest(range(1, len(words) - 3)) AS i FROM texts);

DELETE FROM staging.article_sketches WHERE article_id IN (SELECT article_id FROM changed);
INSERT INTO staging.article_sketches
SELECT article_id, shingle FROM shingles_of('changed')
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY shingle) <= 64;

DELETE FROM core.near_duplicates
WHERE article_id IN (SELECT article_id FROM changed)
   OR other_article_id IN (SELECT article_id FROM changed);

CREATE OR REPLACE TEMP TABLE candidates AS
SELECT least(a.article_id, b.article_id) AS article_id,
       greatest(a.article_id, b.article_id) AS other_article_id
FROM staging.article_sketches AS a
JOIN staging.article_sketches AS b ON a.shingle = b.shingle AND a.article_id <> b.article_id
WHERE a.article_id IN (SELECT article_id FROM changed)
  AND (b.article_id NOT IN (SELECT article_id FROM changed) OR a.article_id < b.article_id)
GROUP BY ALL
HAVING count(*) >= 16;

CREATE OR REPLACE TEMP TABLE candidate_articles AS
SELECT article_id FROM candidates UNION SELECT other_article_id FROM candidates;
CREATE OR REPLACE TEMP TABLE candidate_shingles AS SELECT * FROM shingles_of('candidate_articles');

INSERT INTO core.near_duplicates
WITH timed AS (
    SELECT c.*, x.outlet = y.outlet AS same_outlet
    FROM candidates AS c
    JOIN core.articles AS x ON x.article_id = c.article_id
    JOIN core.articles AS y ON y.article_id = c.other_article_id
    WHERE abs(epoch(x.published_at) - epoch(y.published_at)) <= 7 * 86400
),
sizes AS (SELECT article_id, count(*) AS n FROM candidate_shingles GROUP BY article_id),
shared AS (
    SELECT t.article_id, t.other_article_id, t.same_outlet, count(*) AS both
    FROM timed AS t
    JOIN candidate_shingles AS s ON s.article_id = t.article_id
    JOIN candidate_shingles AS o ON o.article_id = t.other_article_id AND o.shingle = s.shingle
    GROUP BY ALL
)
SELECT s.article_id, s.other_article_id, s.both / (a.n + b.n - s.both) AS similarity, s.same_outlet
FROM shared AS s
JOIN sizes AS a ON a.article_id = s.article_id
JOIN sizes AS b ON b.article_id = s.other_article_id
WHERE s.both / (a.n + b.n - s.both) >= 0.8;

INSERT OR REPLACE INTO ops.watermarks
SELECT 'core.near_duplicates', build_seq FROM ops.watermarks WHERE consumer = 'core.articles';
