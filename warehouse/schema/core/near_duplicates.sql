CREATE TABLE IF NOT EXISTS core.near_duplicates (
    article_id       VARCHAR NOT NULL,
    other_article_id VARCHAR NOT NULL,
    similarity       DOUBLE NOT NULL,
    same_outlet      BOOLEAN NOT NULL
);
COMMENT ON TABLE core.near_duplicates IS 'Pairs of distinct articles whose texts are nearly the same (wire copy republished, an updated version): linked, not merged. Each pair appears once, article_id < other_article_id; both were published within 7 days of each other.';
COMMENT ON COLUMN core.near_duplicates.article_id IS 'One article of the pair (core.articles.article_id).';
COMMENT ON COLUMN core.near_duplicates.other_article_id IS 'The other article (core.articles.article_id).';
COMMENT ON COLUMN core.near_duplicates.similarity IS 'Jaccard similarity of the two texts'' sets of 5-word shingles, from 0.8 (the threshold) to 1 (same words in the same order).';
COMMENT ON COLUMN core.near_duplicates.same_outlet IS 'True when both come from the same outlet (an update or a republication), false across outlets.';
