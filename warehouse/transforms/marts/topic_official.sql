-- Rewrite marts.topic_official for the Kyiv days listed in the temp table refresh_days.
DELETE FROM marts.topic_official WHERE day IN (SELECT day FROM refresh_days);
INSERT INTO marts.topic_official
SELECT a.day, t.topic_id, m.official_id, count(*) AS articles
FROM (
    SELECT article_id, CAST(timezone('Europe/Kyiv', published_at) AS DATE) AS day
    FROM core.articles
    WHERE published_at >= (SELECT min(day) - INTERVAL 1 DAY FROM refresh_days)
      AND published_at < (SELECT max(day) + INTERVAL 2 DAY FROM refresh_days)
) AS a
JOIN core.article_topics AS t USING (article_id)
JOIN (SELECT DISTINCT article_id, official_id FROM core.mentions) AS m USING (article_id)
WHERE a.day IN (SELECT day FROM refresh_days)
GROUP BY ALL;
