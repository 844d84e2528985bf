-- Rewrite marts.official_cooccurrence for the Kyiv days listed in the temp table refresh_days.
DELETE FROM marts.official_cooccurrence WHERE day IN (SELECT day FROM refresh_days);
INSERT INTO marts.official_cooccurrence
WITH referred AS (
    SELECT DISTINCT m.article_id, m.official_id, a.day
    FROM (
        SELECT article_id, CAST(timezone('Europe/Kyiv', published_at) AS DATE) AS day
        FROM core.articles
        WHERE published_at >= (SELECT min(day) - INTERVAL 1 DAY FROM refresh_days)
          AND published_at < (SELECT max(day) + INTERVAL 2 DAY FROM refresh_days)
    ) AS a
    JOIN core.mentions AS m USING (article_id)
    WHERE a.day IN (SELECT day FROM refresh_days)
)
SELECT x.official_id AS official_a, y.official_id AS official_b, x.day, count(*) AS articles
FROM referred AS x
JOIN referred AS y ON y.article_id = x.article_id AND x.official_id < y.official_id
GROUP BY ALL;
