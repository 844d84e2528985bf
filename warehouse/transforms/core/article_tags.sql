-- Rebuild core.article_tags from core.articles.tags.
DELETE FROM core.article_tags;
INSERT INTO core.article_tags
SELECT DISTINCT article_id, lower(trim(tag)) AS tag
FROM (SELECT article_id, unnest(tags) AS tag FROM core.articles)
WHERE trim(tag) <> '';
