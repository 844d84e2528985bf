-- Rewrite marts.daily_topic_stories for the Kyiv days listed in the temp table refresh_days.
DELETE FROM marts.daily_topic_stories WHERE day IN (SELECT day FROM refresh_days);
INSERT INTO marts.daily_topic_stories
SELECT a.day, t.topic_id, a.outlet, s.story_id, hash(s.story_id), count(*) AS articles
FROM (
    SELECT article_id, outlet, CAST(timezone('Europe/Kyiv', published_at) AS DATE) AS day
    FROM core.articles
    WHERE published_at >= (SELECT min(day) - INTERVAL 1 DAY FROM refresh_days)
      AND published_at < (SELECT max(day) + INTERVAL 2 DAY FROM refresh_days)
) AS a
JOIN core.article_topics AS t USING (article_id)
JOIN core.story_articles AS s USING (article_id)
WHERE a.day IN (SELECT day FROM refresh_days)
GROUP BY ALL;
