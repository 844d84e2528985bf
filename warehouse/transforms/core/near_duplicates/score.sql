-- Step 5 of core.near_duplicates, once per batch of candidates: the exact shingle
-- Jaccard of each pair, keeping pairs at 0.8 or more published within a week. The
-- shingle lists (up to 2,000 hashes an article) are the memory-heavy part, so a batch
-- holds those of at most twice getvariable('pairing_batch') articles.
CREATE OR REPLACE TEMP TABLE candidate_batch AS
SELECT article_id, other_article_id FROM candidates
WHERE within_week AND pairing_batch = getvariable('near_duplicate_step');

CREATE OR REPLACE TEMP TABLE score_articles AS
SELECT article_id FROM candidate_batch UNION SELECT other_article_id FROM candidate_batch;

INSERT INTO core.near_duplicates
WITH texts AS (SELECT * FROM shingles_of('score_articles')),
scored AS (
    SELECT c.article_id, c.other_article_id, x.outlet = y.outlet AS same_outlet,
           len(list_intersect(x.hs, y.hs)) / len(list_distinct(list_concat(x.hs, y.hs))) AS similarity
    FROM candidate_batch AS c
    JOIN texts AS x ON x.article_id = c.article_id
    JOIN texts AS y ON y.article_id = c.other_article_id
    WHERE abs(epoch(x.published_at) - epoch(y.published_at)) <= 7 * 86400
)
SELECT article_id, other_article_id, similarity, same_outlet FROM scored WHERE similarity >= 0.8;
