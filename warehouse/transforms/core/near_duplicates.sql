-- Rebuild core.near_duplicates with MinHash (bottom-k sketches of 5-word shingles):
-- candidates share sketch values; their exact shingle Jaccard decides.
DELETE FROM core.near_duplicates;
CREATE OR REPLACE TEMP TABLE shingles AS
WITH texts AS (
    SELECT article_id,
           list_filter(string_split_regex(lower(lead || ' ' || body), '[^[:alnum:]]+'),
                       w -> w <> '') AS words
    FROM core.articles
    WHERE has_body AND word_count >= 30
)
SELECT DISTINCT article_id,
       hash(array_to_string(list_slice(words, i, i + 4), ' ')) AS shingle
FROM (SELECT article_id, words, unnest(range(1, len(words) - 3)) AS i FROM texts);
CREATE OR REPLACE TEMP TABLE sketches AS
SELECT article_id, shingle FROM shingles
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY shingle) <= 64;
INSERT INTO core.near_duplicates
WITH candidates AS (
    SELECT a.article_id, b.article_id AS other_article_id
    FROM sketches AS a JOIN sketches AS b ON a.shingle = b.shingle AND a.article_id < b.article_id
    GROUP BY ALL
    HAVING count(*) >= 16
),
timed AS (
    SELECT c.*, x.outlet = y.outlet AS same_outlet
    FROM candidates AS c
    JOIN core.articles AS x ON x.article_id = c.article_id
    JOIN core.articles AS y ON y.article_id = c.other_article_id
    WHERE abs(epoch(x.published_at) - epoch(y.published_at)) <= 7 * 86400
),
sizes AS (SELECT article_id, count(*) AS n FROM shingles GROUP BY article_id),
shared AS (
    SELECT t.article_id, t.other_article_id, t.same_outlet, count(*) AS both
    FROM timed AS t
    JOIN shingles AS s ON s.article_id = t.article_id
    JOIN shingles AS o ON o.article_id = t.other_article_id AND o.shingle = s.shingle
    GROUP BY ALL
)
SELECT s.article_id, s.other_article_id,
       s.both / (a.n + b.n - s.both) AS similarity, s.same_outlet
FROM shared AS s
JOIN sizes AS a ON a.article_id = s.article_id
JOIN sizes AS b ON b.article_id = s.other_article_id
WHERE s.both / (a.n + b.n - s.both) >= 0.8;
DROP TABLE shingles;
DROP TABLE sketches;
