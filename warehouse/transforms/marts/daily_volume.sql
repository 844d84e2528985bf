-- Rebuild marts.daily_volume; days are calendar days in Europe/Kyiv.
DELETE FROM marts.daily_volume;
INSERT INTO marts.daily_volume
SELECT CAST(timezone('Europe/Kyiv', published_at) AS DATE) AS day,
       outlet,
       count(*) AS articles,
       count(*) FILTER (WHERE has_body) AS with_body
FROM core.articles
WHERE published_at IS NOT NULL
GROUP BY ALL;
