-- Rebuild core.outlets from core.articles (one aggregate pass; cheap at any size).
DELETE FROM core.outlets;
INSERT INTO core.outlets
SELECT outlet, mode(source_tz), count(*), count(*) FILTER (WHERE has_body),
       min(published_at), max(published_at)
FROM core.articles
GROUP BY outlet;
