-- Rebuild core.article_links from every page's lists, pointing at resolved articles.
DELETE FROM core.article_links;
INSERT INTO core.article_links
SELECT l.from_article_id, t.target_id AS to_article_id, l.kind, min(l.position) AS position
FROM staging.listed_headlines AS l
JOIN staging.listing_targets AS t USING (doc_id, kind, position)
WHERE l.from_article_id <> t.target_id
GROUP BY l.from_article_id, t.target_id, l.kind;
