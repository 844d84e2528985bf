-- Update marts.daily_volume for the Kyiv days whose articles changed since it last ran.
CREATE OR REPLACE TEMP TABLE changed_days AS
SELECT DISTINCT day FROM ops.changed_articles
WHERE day IS NOT NULL
  AND build_seq > (SELECT coalesce(max(build_seq), 0) FROM ops.watermarks
                   WHERE consumer = 'marts.daily_volume');

DELETE FROM marts.daily_volume WHERE day IN (SELECT day FROM changed_days);
INSERT INTO marts.daily_volume
SELECT day, outlet, count(*) AS articles, count(*) FILTER (WHERE has_body) AS with_body
FROM (
    SELECT CAST(timezone('Europe/Kyiv', published_at) AS DATE) AS day, outlet, has_body
    FROM core.articles
    WHERE published_at >= (SELECT min(day) - INTERVAL 1 DAY FROM changed_days)
      AND published_at < (SELECT max(day) + INTERVAL 2 DAY FROM changed_days)
)
WHERE day IN (SELECT day FROM changed_days)
GROUP BY ALL;

INSERT OR REPLACE INTO ops.watermarks
SELECT 'marts.daily_volume', build_seq FROM ops.watermarks WHERE consumer = 'core.articles';
