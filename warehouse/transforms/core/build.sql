-- Incremental core build: take the oldest documents staged since the last build
-- (at most `core_batch_docs` of staging.pending_docs), re-resolve the listings they
-- affect, and rewrite only the articles, links, versions and tags they touch.
-- Appends what changed to ops.changed_articles for downstream tables. One batch
-- runs in one transaction; the caller repeats it until nothing is pending, so a
-- first load of a million pages works in bounded memory.

CREATE OR REPLACE TEMP TABLE first_received AS
SELECT doc_id, min(received_at) AS received_at FROM raw.documents GROUP BY doc_id;

-- Oldest received first and, among documents received together (a first load),
-- in order of publication: a batch then only re-resolves the timeless listings of
-- the day before it, not those of the whole history.
CREATE OR REPLACE TEMP TABLE new_docs AS
WITH published AS (
    SELECT doc_id, min(published_at) AS published_at FROM staging.articles
    WHERE doc_id IN (SELECT doc_id FROM staging.pending_docs) GROUP BY doc_id
)
SELECT p.doc_id
FROM staging.pending_docs AS p
JOIN first_received AS r USING (doc_id)
LEFT JOIN published AS t USING (doc_id)
ORDER BY r.received_at, t.published_at NULLS LAST, p.doc_id
LIMIT getvariable('core_batch_docs');

-- The new documents' rows of both staging tables, read once: each scan of
-- staging.listed_headlines reads the whole history (tens of millions of rows at a
-- million pages), so every statement below that can start from these does.
CREATE OR REPLACE TEMP TABLE new_articles AS
SELECT article_id, doc_id, outlet, headline_key, published_at FROM staging.articles
WHERE rowid IN (SELECT rowid FROM staging.articles WHERE doc_id IN (SELECT doc_id FROM new_docs));

-- The listings are found by their document on the one column, then read whole by
-- row id: the rows a run added sit together at the end of the table, so DuckDB
-- skips the rest of it instead of reading every column of the history.
CREATE OR REPLACE TEMP TABLE new_listed AS
SELECT * FROM staging.listed_headlines
WHERE rowid IN (SELECT rowid FROM staging.listed_headlines
                WHERE doc_id IN (SELECT doc_id FROM new_docs));

-- Keys of timed articles that arrived, with the earliest time each arrived with. An
-- older timeless listing can only resolve to one of them if it was listed no earlier
-- than a day before that time (HOT NEWS and LATEST list recent news).
CREATE OR REPLACE TEMP TABLE new_keys AS
SELECT outlet, headline_key, min(published_at) AS earliest
FROM (
    SELECT outlet, headline_key, published_at FROM new_articles
    UNION ALL
    SELECT outlet, headline_key, published_at FROM new_listed WHERE published_at IS NOT NULL
)
GROUP BY outlet, headline_key;

-- Listings to (re)resolve: those of the new documents, and the timeless ones of
-- documents already built that a new article may now resolve (listed no earlier
-- than a day before it). Documents still pending in later batches are left to
-- their own batch, so a first load of a million pages does not re-resolve every
-- future listing in every batch. The earliest listing date is a variable, not a
-- subquery, so that DuckDB filters the scan of the history with it and reads the
-- other columns only of the rows it keeps: a new day on a million pages reads a
-- few thousand listings, not 23 million.
SET VARIABLE reopen_from = (SELECT min(earliest) - INTERVAL 1 DAY FROM new_keys);

-- The timed identities the new documents bring, for the timeless listings below
-- (and those of later batches) to resolve to.
INSERT INTO staging.headline_times
SELECT DISTINCT n.outlet, n.headline_key, n.article_id, n.published_at
FROM (
    SELECT outlet, headline_key, article_id, published_at FROM new_articles
    UNION ALL
    SELECT outlet, headline_key, article_id, published_at FROM new_listed
) AS n
ANTI JOIN staging.headline_times AS h USING (article_id, published_at)
WHERE n.published_at IS NOT NULL;

CREATE OR REPLACE TEMP TABLE to_resolve AS
SELECT * FROM new_listed
UNION ALL
SELECT l.* FROM staging.listed_headlines AS l
JOIN new_keys AS k USING (outlet, headline_key)
WHERE l.published_at IS NULL
  AND l.listed_on >= getvariable('reopen_from')
  AND k.earliest <= l.listed_on + INTERVAL 1 DAY
  AND NOT EXISTS (SELECT 1 FROM staging.pending_docs AS p WHERE p.doc_id = l.doc_id);

-- Resolved listings are added about in the order they were listed, so bounding the
-- scan by the earliest listing to re-resolve lets DuckDB skip the older history.
SET VARIABLE resolve_from = (SELECT min(listed_on) FROM to_resolve);

CREATE OR REPLACE TEMP TABLE old_targets AS
SELECT t.rowid AS target_row, t.target_id
FROM staging.listing_targets AS t SEMI JOIN to_resolve AS r USING (doc_id, kind, position)
WHERE t.listed_on >= getvariable('resolve_from');

-- A timeless listing resolves to the newest timed sighting of the same headline
-- published no later than a day after it was listed. Listings and sightings are
-- put on one time line per headline and each listing takes the last article seen
-- before it: linear in the rows, even when a headline (a daily briefing's title)
-- recurs across the whole history, where a range join would multiply. Of the
-- sightings before a headline's first listing only the latest can be taken, so
-- the rest are left out.
CREATE OR REPLACE TEMP TABLE timed AS
WITH keys AS (
    SELECT outlet, headline_key, min(listed_on + INTERVAL 1 DAY) AS first_moment
    FROM to_resolve WHERE published_at IS NULL GROUP BY outlet, headline_key
),
sightings AS (
    SELECT h.article_id, h.outlet, h.headline_key, h.published_at
    FROM staging.headline_times AS h SEMI JOIN keys USING (outlet, headline_key)
),
cutoffs AS (
    SELECT s.outlet, s.headline_key,
           coalesce(max(s.published_at) FILTER (WHERE s.published_at < k.first_moment),
                    min(k.first_moment)) AS cutoff
    FROM sightings AS s JOIN keys AS k USING (outlet, headline_key)
    GROUP BY s.outlet, s.headline_key
)
SELECT s.* FROM sightings AS s JOIN cutoffs AS c USING (outlet, headline_key)
WHERE s.published_at >= c.cutoff;

CREATE OR REPLACE TEMP TABLE matched AS
SELECT doc_id, kind, position, article_id
FROM (
    SELECT doc_id, kind, position, is_listing,
           last_value(article_id IGNORE NULLS) OVER (
               PARTITION BY outlet, headline_key ORDER BY moment, is_listing
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS article_id
    FROM (
        SELECT doc_id, kind, position, outlet, headline_key,
               listed_on + INTERVAL 1 DAY AS moment, true AS is_listing, NULL AS article_id
        FROM to_resolve WHERE published_at IS NULL
        UNION ALL
        SELECT NULL, NULL, NULL, outlet, headline_key, published_at, false, article_id
        FROM timed
    )
)
WHERE is_listing AND article_id IS NOT NULL;

CREATE OR REPLACE TEMP TABLE resolved AS
SELECT r.doc_id, r.kind, r.position, r.from_article_id, r.listed_on, r.outlet, r.headline,
       r.local_published_at, r.source_tz, r.published_at,
       coalesce(m.article_id, r.article_id) AS target_id
FROM to_resolve AS r LEFT JOIN matched AS m USING (doc_id, kind, position);

DELETE FROM staging.listing_targets WHERE rowid IN (SELECT target_row FROM old_targets);
INSERT INTO staging.listing_targets BY NAME SELECT * FROM resolved ORDER BY listed_on;

CREATE OR REPLACE TEMP TABLE touched AS
SELECT article_id FROM new_articles
UNION SELECT target_id FROM resolved
UNION SELECT target_id FROM old_targets;

CREATE OR REPLACE TEMP TABLE touched_from AS
SELECT article_id AS from_article_id FROM new_articles
UNION SELECT from_article_id FROM to_resolve;

CREATE OR REPLACE TEMP TABLE touched_docs AS
SELECT doc_id FROM new_docs UNION SELECT doc_id FROM to_resolve;

-- Articles: rewrite the touched ones from all their sightings. A HOT NEWS or LATEST
-- headline that matches no timed article yet has no publication time: it waits in
-- staging.listing_targets and enters core (with its links and versions) once its
-- article arrives.
CREATE OR REPLACE TEMP TABLE build_seq AS
SELECT coalesce(max(build_seq), 0) + 1 AS seq FROM ops.watermarks WHERE consumer = 'core.articles';

INSERT INTO ops.changed_articles
SELECT (SELECT seq FROM build_seq), article_id,
       CAST(timezone('Europe/Kyiv', published_at) AS DATE)
FROM core.articles SEMI JOIN touched USING (article_id);

DELETE FROM core.articles WHERE article_id IN (SELECT article_id FROM touched);
INSERT INTO core.articles
WITH sightings AS (
    SELECT p.article_id, p.outlet, p.url, p.section, p.published_at, p.local_published_at,
           p.source_tz, p.headline, p.lead, p.body, p.word_count,
           (NOT p.is_stub AND (p.lead <> '' OR p.body <> '')) AS has_body, p.tags,
           p.read_minutes, p.lang, r.received_at, p.doc_id, 0 AS sighting_rank
    FROM staging.articles AS p
    JOIN first_received AS r USING (doc_id)
    WHERE p.article_id IN (SELECT article_id FROM touched)
    UNION ALL
    SELECT t.target_id, t.outlet, NULL, NULL, t.published_at, t.local_published_at, t.source_tz,
           t.headline, '', '', 0, false, []::VARCHAR[], NULL, NULL, r.received_at, t.doc_id, 1
    FROM staging.listing_targets AS t
    JOIN first_received AS r USING (doc_id)
    WHERE t.target_id IN (SELECT article_id FROM touched)
)
SELECT * FROM (
    SELECT article_id, outlet, url, section, published_at, local_published_at, source_tz,
           headline, lead, body, word_count, has_body, tags, read_minutes, lang,
           min(received_at) OVER (PARTITION BY article_id) AS first_seen_at,
           doc_id AS source_doc_id
    FROM sightings
    QUALIFY row_number() OVER (
        PARTITION BY article_id
        ORDER BY sighting_rank, has_body DESC, published_at IS NULL, received_at, doc_id
    ) = 1
)
WHERE published_at IS NOT NULL;

INSERT INTO ops.changed_articles
SELECT (SELECT seq FROM build_seq), article_id,
       CAST(timezone('Europe/Kyiv', published_at) AS DATE)
FROM core.articles SEMI JOIN touched USING (article_id);
INSERT INTO ops.changed_articles
SELECT (SELECT seq FROM build_seq), article_id, NULL
FROM touched ANTI JOIN core.articles USING (article_id);

-- Links from the pages whose lists were (re)resolved, to articles in core.
CREATE OR REPLACE TEMP TABLE touched_listings AS
SELECT doc_id, kind, position, from_article_id, headline, target_id
FROM staging.listing_targets
WHERE (from_article_id IN (SELECT from_article_id FROM touched_from)
       OR doc_id IN (SELECT doc_id FROM touched_docs))
  AND target_id IN (SELECT article_id FROM core.articles);

DELETE FROM core.article_links
WHERE from_article_id IN (SELECT from_article_id FROM touched_from);
INSERT INTO core.article_links
SELECT from_article_id, target_id, kind, min(position)
FROM touched_listings
WHERE from_article_id IN (SELECT from_article_id FROM touched_from)
  AND from_article_id <> target_id
GROUP BY from_article_id, target_id, kind;

-- Versions: every sighting in the touched documents.
DELETE FROM core.article_versions WHERE doc_id IN (SELECT doc_id FROM touched_docs);
INSERT INTO core.article_versions
SELECT a.article_id, a.doc_id, 'article', r.received_at, a.headline,
       NOT a.is_stub AND (a.lead <> '' OR a.body <> ''),
       CASE WHEN a.lead <> '' OR a.body <> '' THEN sha256(a.lead || chr(10) || a.body) END
FROM staging.articles AS a
JOIN first_received AS r USING (doc_id)
WHERE a.doc_id IN (SELECT doc_id FROM touched_docs)
UNION ALL
SELECT l.target_id, l.doc_id, l.kind, r.received_at, l.headline, false, NULL
FROM touched_listings AS l
JOIN first_received AS r USING (doc_id)
WHERE l.doc_id IN (SELECT doc_id FROM touched_docs);

-- Tags of the touched articles.
DELETE FROM core.article_tags WHERE article_id IN (SELECT article_id FROM touched);
INSERT INTO core.article_tags
SELECT DISTINCT article_id, lower(trim(tag)) AS tag
FROM (SELECT article_id, unnest(tags) AS tag FROM core.articles
      WHERE article_id IN (SELECT article_id FROM touched))
WHERE trim(tag) <> '';

INSERT OR REPLACE INTO ops.watermarks SELECT 'core.articles', seq FROM build_seq;
DELETE FROM staging.pending_docs WHERE doc_id IN (SELECT doc_id FROM new_docs);
