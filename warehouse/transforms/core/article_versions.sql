-- Rebuild core.article_versions: every sighting of every article.
DELETE FROM core.article_versions;
INSERT INTO core.article_versions
WITH first_received AS (
    SELECT doc_id, min(received_at) AS received_at FROM raw.documents GROUP BY doc_id
)
SELECT a.article_id, a.doc_id, 'article', r.received_at, a.headline,
       NOT a.is_stub AND (a.lead <> '' OR a.body <> ''),
       CASE WHEN a.lead <> '' OR a.body <> '' THEN sha256(a.lead || chr(10) || a.body) END
FROM staging.articles AS a
JOIN first_received AS r USING (doc_id)
UNION ALL
SELECT t.target_id, l.doc_id, l.kind, r.received_at, l.headline, false, NULL
FROM staging.listed_headlines AS l
JOIN staging.listing_targets AS t USING (doc_id, kind, position)
JOIN first_received AS r USING (doc_id);
