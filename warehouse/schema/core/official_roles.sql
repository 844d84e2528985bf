CREATE TABLE IF NOT EXISTS core.official_roles (
    official_id  VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,
    organisation VARCHAR NOT NULL,
    valid_from   DATE NOT NULL,
    valid_to     DATE
);
COMMENT ON TABLE core.official_roles IS 'Offices each official held and when; role references in articles resolve to the holder on the publication date.';
COMMENT ON COLUMN core.official_roles.official_id IS 'The official (core.officials.official_id).';
COMMENT ON COLUMN core.official_roles.role IS 'The office, e.g. Minister of Defence.';
COMMENT ON COLUMN core.official_roles.organisation IS 'Where the office is, e.g. Government of Ukraine.';
COMMENT ON COLUMN core.official_roles.valid_from IS 'First day in office.';
COMMENT ON COLUMN core.official_roles.valid_to IS 'Day the office passed to someone else (exclusive); NULL while still held.';
