-- Rebuild core.outlets from core.articles.
DELETE FROM core.outlets;
INSERT INTO core.outlets
SELECT outlet, mode(source_tz), count(*), count(*) FILTER (WHERE has_body),
       min(published_at), max(published_at)
FROM core.articles
GROUP BY outlet;
