CREATE TABLE IF NOT EXISTS core.officials (
    official_id       VARCHAR NOT NULL PRIMARY KEY,
    name              VARCHAR NOT NULL,
    country           VARCHAR NOT NULL,
    aliases           VARCHAR[] NOT NULL,
    ambiguous_surname BOOLEAN NOT NULL
);
COMMENT ON TABLE core.officials IS 'The key officials whose mentions are counted, from officials.yaml (<home>/officials.yaml, else config/officials.yaml).';
COMMENT ON COLUMN core.officials.official_id IS 'Stable id used by every other table (e.g. zelenskyy, umerov, putin).';
COMMENT ON COLUMN core.officials.name IS 'Canonical English name.';
COMMENT ON COLUMN core.officials.country IS 'Country or organisation the official serves (Ukraine, Russia, United States, European Union, NATO, ...).';
COMMENT ON COLUMN core.officials.aliases IS 'Every written form that names the person: full names, titles, surnames, Cyrillic case forms.';
COMMENT ON COLUMN core.officials.ambiguous_surname IS 'True when the surname alone counts only in an article that also names the person in full or by title.';
