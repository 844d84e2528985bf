CREATE TABLE IF NOT EXISTS core.outlets (
    outlet            VARCHAR NOT NULL PRIMARY KEY,
    source_tz         VARCHAR,
    articles          BIGINT NOT NULL,
    with_body         BIGINT NOT NULL,
    first_published_at TIMESTAMPTZ,
    last_published_at TIMESTAMPTZ
);
COMMENT ON TABLE core.outlets IS 'Every news outlet with articles in the warehouse.';
COMMENT ON COLUMN core.outlets.outlet IS 'Outlet name as its articles give it (core.articles.outlet).';
COMMENT ON COLUMN core.outlets.source_tz IS 'Time zone the outlet prints local times in (the most common one among its articles); NULL when its sources give UTC or offsets.';
COMMENT ON COLUMN core.outlets.articles IS 'Articles of the outlet, including those known only by headline.';
COMMENT ON COLUMN core.outlets.with_body IS 'Of those, articles whose text has been seen.';
COMMENT ON COLUMN core.outlets.first_published_at IS 'Earliest publication time (UTC).';
COMMENT ON COLUMN core.outlets.last_published_at IS 'Latest publication time (UTC).';
