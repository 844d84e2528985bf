CREATE TABLE IF NOT EXISTS core.mentions (
    article_id   VARCHAR NOT NULL,
    official_id  VARCHAR NOT NULL,
    field        VARCHAR NOT NULL,
    "start"      INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    matched_text VARCHAR NOT NULL,
    method       VARCHAR NOT NULL
);
COMMENT ON TABLE core.mentions IS 'Each place an article refers to a key official, by name or by office.';
COMMENT ON COLUMN core.mentions.article_id IS 'The article (core.articles.article_id).';
COMMENT ON COLUMN core.mentions.official_id IS 'The official referred to (core.officials.official_id).';
COMMENT ON COLUMN core.mentions.field IS 'headline, lead or body of core.articles.';
COMMENT ON COLUMN core.mentions."start" IS 'Offset of the first character in the field, from 0 (Python string index; quote the name: "start").';
COMMENT ON COLUMN core.mentions."end" IS 'Offset just past the last character (quote the name: "end"); substr(field, "start" + 1, "end" - "start") is matched_text.';
COMMENT ON COLUMN core.mentions.matched_text IS 'The text as written in the article.';
COMMENT ON COLUMN core.mentions.method IS 'name: a name, surname or title of the person; role: a phrase naming the office (e.g. Ukraine''s defence minister), resolved to its holder on the publication date.';
