-- Rebuild core.articles: one row per article from every sighting of it.
-- A page's own text wins over a listed headline; among equals, the first received.
DELETE FROM core.articles;
INSERT INTO core.articles
WITH first_received AS (
    SELECT doc_id, min(received_at) AS received_at FROM raw.documents GROUP BY doc_id
),
sightings AS (
    SELECT p.article_id, p.outlet, p.url, p.section, p.published_at, p.local_published_at,
           p.source_tz, p.headline, p.lead, p.body, p.word_count,
           (NOT p.is_stub AND (p.lead <> '' OR p.body <> '')) AS has_body, p.tags, p.read_minutes, p.lang,
           r.received_at, p.doc_id, 0 AS sighting_rank
    FROM staging.articles AS p
    JOIN first_received AS r USING (doc_id)
    UNION ALL
    SELECT t.target_id, l.outlet, NULL, NULL, l.published_at, l.local_published_at, l.source_tz,
           l.headline, '', '', 0, false, []::VARCHAR[], NULL, NULL, r.received_at, l.doc_id, 1
    FROM staging.listed_headlines AS l
    JOIN staging.listing_targets AS t USING (doc_id, kind, position)
    JOIN first_received AS r USING (doc_id)
)
SELECT article_id, outlet, url, section, published_at, local_published_at, source_tz,
       headline, lead, body, word_count, has_body, tags, read_minutes, lang,
       min(received_at) OVER (PARTITION BY article_id) AS first_seen_at,
       doc_id AS source_doc_id
FROM sightings
QUALIFY row_number() OVER (
    PARTITION BY article_id
    ORDER BY sighting_rank, has_body DESC, published_at IS NULL, received_at, doc_id
) = 1;
