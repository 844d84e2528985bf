CREATE TABLE IF NOT EXISTS core.article_versions (
    article_id   VARCHAR NOT NULL,
    doc_id       VARCHAR NOT NULL,
    sighting     VARCHAR NOT NULL,
    seen_at      TIMESTAMPTZ NOT NULL,
    headline     VARCHAR NOT NULL,
    has_body     BOOLEAN NOT NULL,
    body_sha256  VARCHAR
);
COMMENT ON TABLE core.article_versions IS 'Every sighting of every article: each document that showed it, as itself or in a list. core.articles keeps one row per article; this table keeps them all.';
COMMENT ON COLUMN core.article_versions.article_id IS 'The article seen (core.articles.article_id).';
COMMENT ON COLUMN core.article_versions.doc_id IS 'The document it was seen in (raw.documents.doc_id).';
COMMENT ON COLUMN core.article_versions.sighting IS 'article (the document is the article itself, or a feed/JSONL/CSV item of it), related, hot or latest (listed on another page).';
COMMENT ON COLUMN core.article_versions.seen_at IS 'When the document was first received (UTC).';
COMMENT ON COLUMN core.article_versions.headline IS 'Headline as this sighting gave it.';
COMMENT ON COLUMN core.article_versions.has_body IS 'True when this sighting carried the article''s text.';
COMMENT ON COLUMN core.article_versions.body_sha256 IS 'SHA-256 of lead and body of this sighting, to tell edited versions apart; NULL without text.';
