CREATE TABLE IF NOT EXISTS staging.headline_times (
    outlet       VARCHAR NOT NULL,
    headline_key VARCHAR NOT NULL,
    article_id   VARCHAR NOT NULL,
    published_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE staging.headline_times IS 'Every timed article identity of the built documents, whole or listed with a time, one row per identity and time: what a HOT NEWS or LATEST headline can resolve to. A headline recurs across tens of millions of listings but names about as many identities as there are articles, so resolving a timeless headline reads this table instead of every listing. Only ever added to, as documents are built.';
COMMENT ON COLUMN staging.headline_times.outlet IS 'Outlet of the article.';
COMMENT ON COLUMN staging.headline_times.headline_key IS 'Headline in lower case without punctuation.';
COMMENT ON COLUMN staging.headline_times.article_id IS 'Identity of the article (staging.articles.article_id or staging.listed_headlines.article_id).';
COMMENT ON COLUMN staging.headline_times.published_at IS 'Publication time in UTC, as the page or the list gives it.';
