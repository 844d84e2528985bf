-- Indexes for the lookups readers make one key at a time. They change no table, so
-- they sit outside the schema fingerprint and reach existing homes on their next run.

-- The Articles page lists what one page links to; without it, each article opened
-- scans every link in the warehouse (23 million at a million articles).
CREATE INDEX IF NOT EXISTS article_links_from ON core.article_links (from_article_id);
