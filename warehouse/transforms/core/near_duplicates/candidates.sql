-- Step 4 of core.near_duplicates, once: the candidate pairs, articles sharing a
-- telling bucket, at least one of them changed, whose signatures agree on at least
-- 70% of positions. Those published within a week of each other, the only ones the
-- score step can keep, are numbered into batches of getvariable('pairing_batch').
-- Most pairs sharing a bucket share it by chance (44 million pairs for 430,000
-- candidates in 400,000 articles, templated text above all), so each signature is
-- first written as a `code`, one character per value: two signatures agree on no more
-- positions than their codes do, and comparing two codes (hamming) is cheap enough to
-- turn those pairs down as they stream out of the join, holding nothing for them. The
-- few left are kept once however many buckets they share, and their signatures are
-- compared. Every bucket is joined once: joining each batch of changed articles with
-- all the buckets made a first load cost the square of its articles.

-- The bands of the telling buckets, which both statements below start from.
CREATE OR REPLACE TEMP TABLE telling_bands AS
SELECT * FROM bands SEMI JOIN telling USING (band, band_hash);

-- The members of the telling buckets, numbered changed articles first: with
-- `a.member < b.member` and `a` changed, a pair with a changed article is found from
-- it once, and a pair of two articles of the history not at all.
CREATE OR REPLACE TEMP TABLE members AS
SELECT *, row_number() OVER (ORDER BY is_changed DESC, article_id) AS member
FROM (
    SELECT s.article_id, c.article_id IS NOT NULL AS is_changed,
           array_to_string(list_transform(s.signature, v -> chr((32 + v % 95)::INTEGER)), '') AS code
    FROM staging.article_sketches AS s
    LEFT JOIN changed AS c ON c.article_id = s.article_id
    WHERE s.article_id IN (SELECT article_id FROM telling_bands)
);

-- Kept in bucket order, so that the join below meets each bucket's members one after
-- the other (7 times faster than in the order of the bands: the codes compared are
-- then at hand rather than all over memory).
CREATE OR REPLACE TEMP TABLE bucket_members AS
SELECT band, band_hash, member, is_changed, code
FROM telling_bands JOIN members USING (article_id)
ORDER BY band, band_hash;

-- The pairs whose codes agree closely enough, as member numbers, then as articles.
CREATE OR REPLACE TEMP TABLE close_pairs AS
SELECT DISTINCT a.member, b.member AS other_member
FROM bucket_members AS a
JOIN bucket_members AS b
  ON a.band = b.band AND a.band_hash = b.band_hash AND a.member < b.member
WHERE a.is_changed AND 64 - hamming(a.code, b.code) >= 0.7 * 64;

CREATE OR REPLACE TEMP TABLE close_articles AS
SELECT p.member, p.other_member, x.article_id, y.article_id AS other_article_id
FROM close_pairs AS p
JOIN members AS x ON x.member = p.member
JOIN members AS y ON y.member = p.other_member;

-- Their signatures, read once. Joined to staging.article_sketches inside the statement
-- below, DuckDB hashed every signature of the history to look up a few thousand (0.5 to
-- 0.8 s of a new day at a million articles); from a table of known size it reads them
-- through a semi join, which skips the signatures of the other articles (0.06 s).
CREATE OR REPLACE TEMP TABLE close_sketches AS
SELECT article_id, signature FROM staging.article_sketches
SEMI JOIN (SELECT article_id FROM close_articles UNION SELECT other_article_id FROM close_articles)
    USING (article_id);

CREATE OR REPLACE TEMP TABLE candidates AS
WITH agreeing AS (
    SELECT least(p.article_id, p.other_article_id) AS article_id,
           greatest(p.article_id, p.other_article_id) AS other_article_id, p.member, p.other_member
    FROM close_articles AS p
    JOIN close_sketches AS sx ON sx.article_id = p.article_id
    JOIN close_sketches AS sy ON sy.article_id = p.other_article_id
    WHERE len(list_filter(list_zip(sx.signature, sy.signature), v -> v[1] = v[2])) >= 0.7 * 64
),
week AS (
    SELECT g.*, abs(epoch(x.published_at) - epoch(y.published_at)) <= 7 * 86400 AS within_week
    FROM agreeing AS g
    JOIN core.articles AS x ON x.article_id = g.article_id
    JOIN core.articles AS y ON y.article_id = g.other_article_id
)
SELECT article_id, other_article_id, within_week,
       (row_number() OVER (PARTITION BY within_week ORDER BY member, other_member) - 1)
           // getvariable('pairing_batch') AS pairing_batch
FROM week;

-- The score step needs only the candidates.
DROP TABLE close_sketches;
DROP TABLE close_articles;
DROP TABLE close_pairs;
DROP TABLE bucket_members;
DROP TABLE members;
DROP TABLE telling_bands;
