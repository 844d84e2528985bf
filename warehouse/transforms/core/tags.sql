-- Rebuild core.tags from core.article_tags.
DELETE FROM core.tags;
INSERT INTO core.tags
SELECT tag, count(*) FROM core.article_tags GROUP BY tag;
