CREATE TABLE IF NOT EXISTS core.topics (
    topic_id    VARCHAR NOT NULL PRIMARY KEY,
    name        VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    query       VARCHAR NOT NULL,
    tags        VARCHAR[] NOT NULL,
    min_score   INTEGER NOT NULL
);
COMMENT ON TABLE core.topics IS 'The topic taxonomy (topics.yaml: <home>/topics.yaml, else config/topics.yaml): why an article is in a topic, readable and editable.';
COMMENT ON COLUMN core.topics.topic_id IS 'Stable id (pow_exchange, peace_talks, military_aid, frontline, civilian_harm, sanctions_economy, energy, corruption_justice, domestic_politics, nato_eu).';
COMMENT ON COLUMN core.topics.name IS 'Readable name.';
COMMENT ON COLUMN core.topics.description IS 'What the topic covers.';
COMMENT ON COLUMN core.topics.query IS 'Boolean query in Lucene syntax over headline, lead and body ("phrase", word*, "a b"~5, AND, OR, NOT).';
COMMENT ON COLUMN core.topics.tags IS 'Outlet tags that file an article in the topic on their own.';
COMMENT ON COLUMN core.topics.min_score IS 'Score an article needs: each matched term counts 3 in the headline, 2 in the lead, 1 in the body; a listed tag 3.';
