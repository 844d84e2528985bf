-- Rewrite marts.daily_volume for the Kyiv days listed in the temp table refresh_days.
DELETE FROM marts.daily_volume WHERE day IN (SELECT day FROM refresh_days);
INSERT INTO marts.daily_volume
SELECT day, outlet, count(*) AS articles, count(*) FILTER (WHERE has_body) AS with_body
FROM (
    SELECT CAST(timezone('Europe/Kyiv', published_at) AS DATE) AS day, outlet, has_body
    FROM core.articles
    WHERE published_at >= (SELECT min(day) - INTERVAL 1 DAY FROM refresh_days)
      AND published_at < (SELECT max(day) + INTERVAL 2 DAY FROM refresh_days)
)
WHERE day IN (SELECT day FROM refresh_days)
GROUP BY ALL;
