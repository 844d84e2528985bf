-- Rewrite marts.daily_official_mentions for the Kyiv days listed in the temp table refresh_days.
DELETE FROM marts.daily_official_mentions WHERE day IN (SELECT day FROM refresh_days);
INSERT INTO marts.daily_official_mentions
SELECT a.day, m.official_id, a.outlet,
       count(DISTINCT m.article_id) AS articles,
       count(*) AS mentions,
       count(*) FILTER (WHERE m.method = 'role') AS role_mentions
FROM (
    SELECT article_id, outlet, CAST(timezone('Europe/Kyiv', published_at) AS DATE) AS day
    FROM core.articles
    WHERE published_at >= (SELECT min(day) - INTERVAL 1 DAY FROM refresh_days)
      AND published_at < (SELECT max(day) + INTERVAL 2 DAY FROM refresh_days)
) AS a
JOIN core.mentions AS m USING (article_id)
WHERE a.day IN (SELECT day FROM refresh_days)
GROUP BY ALL;
