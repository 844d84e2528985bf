-- Step 5 of core.near_duplicates, after each batch's candidates: the exact shingle
-- Jaccard of each candidate pair, keeping pairs at 0.8 or more published within a week.
CREATE OR REPLACE TEMP TABLE score_articles AS
SELECT article_id FROM candidates UNION SELECT other_article_id FROM candidates;

INSERT INTO core.near_duplicates
WITH texts AS (SELECT * FROM shingles_of('score_articles')),
scored AS (
    SELECT c.article_id, c.other_article_id, x.outlet = y.outlet AS same_outlet,
           len(list_intersect(x.hs, y.hs)) / len(list_distinct(list_concat(x.hs, y.hs))) AS similarity
    FROM candidates AS c
    JOIN texts AS x ON x.article_id = c.article_id
    JOIN texts AS y ON y.article_id = c.other_article_id
    WHERE abs(epoch(x.published_at) - epoch(y.published_at)) <= 7 * 86400
)
SELECT article_id, other_article_id, similarity, same_outlet FROM scored WHERE similarity >= 0.8;
