"""Full-text search over articles: DuckDB's FTS extension, installed with wirewatch.

The extension comes from the `duckdb-extension-fts` package, built for the exact
DuckDB version wirewatch pins, and is loaded from that package's file, so search
works offline and nothing is downloaded or written to the user's home.

The index covers headline, lead and body of `core.articles`. DuckDB's default
tokenizer keeps only the letters a-z, which would drop every Ukrainian and Russian
word; ours keeps Cyrillic letters too. Latin-script words are Porter-stemmed
(`missiles` finds `missile`); Cyrillic words are matched as written, ignoring case
and accents, because one index takes one stemmer and most sources are English.
"""

from __future__ import annotations

import duckdb
import duckdb_extension_fts

from warehouse.extensions import load_packaged
from warehouse.sql import literal

INDEXED_TABLE = "core.articles"
INDEX_SCHEMA = "fts_core_articles"
# Everything that is not a letter (Latin or Cyrillic) or a digit separates words.
SEPARATORS = r"(\.|[^a-z0-9а-яёіїєґ])+"

INDEX_DOCS = {
    "docs": "Full-text index of core.articles: one row per indexed article (docid is internal).",
    "terms": "Full-text index of core.articles: one row per word occurrence.",
    "dict": "Full-text index of core.articles: every distinct stemmed word with its document "
    "frequency.",
    "stats": "Full-text index of core.articles: document count and average length, for BM25.",
    "fields": "Full-text index of core.articles: the indexed columns (headline, lead, body).",
    "stopwords": "Full-text index of core.articles: English stop words left out of the index.",
    "postings": "Full-text index of core.articles: how often each word occurs in each article, "
    "sorted by word so a query reads only the rows of its words (added by wirewatch).",
}
COLUMN_DOCS = {
    "docs.docid": "Internal document number used by the other index tables.",
    "docs.name": "The article (core.articles.article_id).",
    "docs.len": "Indexed words in the article.",
    "terms.docid": "Document number (docs.docid).",
    "terms.fieldid": "Column the word occurs in (fields.fieldid).",
    "terms.termid": "The word (dict.termid).",
    "dict.termid": "Word number.",
    "dict.term": "The word, lower case, accents stripped, Latin words Porter-stemmed.",
    "dict.df": "Articles containing the word.",
    "stats.num_docs": "Articles indexed.",
    "stats.avgdl": "Average indexed words per article.",
    "fields.fieldid": "Column number.",
    "fields.field": "Indexed column of core.articles.",
    "stopwords.sw": "A stop word.",
    "postings.termid": "The word (dict.termid).",
    "postings.docid": "Document number (docs.docid).",
    "postings.tf": "Occurrences of the word in the article (headline, lead and body).",
}


def load_extension(con: duckdb.DuckDBPyConnection) -> None:
    """Load FTS into the connection; call before file access is switched off."""
    load_packaged(con, duckdb_extension_fts, "fts")


def index_exists(con: duckdb.DuckDBPyConnection) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = $schema",
        {"schema": INDEX_SCHEMA},
    ).fetchone()
    return bool(found and found[0])


def build_index(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the index over every article and document its tables.

    This reads every article (37 s, postings included, at 826,000 demo articles);
    `update_index` keeps it current afterwards at the cost of the changed ones.
    """
    load_extension(con)
    con.execute(
        f"""PRAGMA create_fts_index('{INDEXED_TABLE}', 'article_id', 'headline', 'lead', 'body',
            stemmer = 'porter', ignore = '{SEPARATORS}', lower = 1, strip_accents = 1,
            overwrite = 1)"""
    )
    # terms is in article order, so finding one word's articles reads all of it; the same
    # counts in word order let DuckDB skip to the query's words (3-4x faster searches).
    con.execute(
        f"""CREATE OR REPLACE TABLE {INDEX_SCHEMA}.postings AS
            SELECT termid, docid, count(*)::INTEGER AS tf FROM {INDEX_SCHEMA}.terms
            GROUP BY ALL ORDER BY termid, docid"""
    )
    for table, text in INDEX_DOCS.items():
        con.execute(f"COMMENT ON TABLE {INDEX_SCHEMA}.{table} IS {literal(text)}")
    for column, text in COLUMN_DOCS.items():
        con.execute(f"COMMENT ON COLUMN {INDEX_SCHEMA}.{column} IS {literal(text)}")


# Applied to the index in place for the articles in temp table `changed_ids(article_id)`:
# their old rows leave docs, terms and postings (and their words' df), their current text
# is tokenized exactly as create_fts_index does (its own tokenize macro and stop words,
# Porter stems) and added under new document numbers. The result equals a rebuild
# (tests/test_search_index.py) apart from the document numbers.
UPDATE_SQL = f"""
CREATE OR REPLACE TEMP TABLE gone AS
SELECT docid FROM {INDEX_SCHEMA}.docs WHERE name IN (SELECT article_id FROM changed_ids);

UPDATE {INDEX_SCHEMA}.dict AS d SET df = d.df - g.n
FROM (SELECT termid, count(*) AS n FROM {INDEX_SCHEMA}.postings
      WHERE docid IN (SELECT docid FROM gone) GROUP BY termid) AS g
WHERE d.termid = g.termid;

DELETE FROM {INDEX_SCHEMA}.terms WHERE docid IN (SELECT docid FROM gone);
DELETE FROM {INDEX_SCHEMA}.postings WHERE docid IN (SELECT docid FROM gone);
DELETE FROM {INDEX_SCHEMA}.docs WHERE docid IN (SELECT docid FROM gone);

CREATE OR REPLACE TEMP TABLE fresh AS
SELECT (SELECT coalesce(max(docid), -1) FROM {INDEX_SCHEMA}.docs)
       + row_number() OVER (ORDER BY article_id) AS docid,
       article_id, headline, lead, body
FROM {INDEXED_TABLE} WHERE article_id IN (SELECT article_id FROM changed_ids);

CREATE OR REPLACE TEMP TABLE fresh_terms AS
SELECT docid, fieldid, stem(word, 'porter') AS term
FROM (
    SELECT docid, 0 AS fieldid, unnest({INDEX_SCHEMA}.tokenize(headline)) AS word FROM fresh
    UNION ALL
    SELECT docid, 1, unnest({INDEX_SCHEMA}.tokenize(lead)) FROM fresh
    UNION ALL
    SELECT docid, 2, unnest({INDEX_SCHEMA}.tokenize(body)) FROM fresh
)
WHERE word <> '' AND word NOT IN (SELECT sw FROM {INDEX_SCHEMA}.stopwords);

INSERT INTO {INDEX_SCHEMA}.dict
SELECT (SELECT coalesce(max(termid), -1) FROM {INDEX_SCHEMA}.dict)
       + row_number() OVER (ORDER BY term), term, 0
FROM (SELECT DISTINCT term FROM fresh_terms WHERE term NOT IN
      (SELECT term FROM {INDEX_SCHEMA}.dict));

CREATE OR REPLACE TEMP TABLE fresh_postings AS
SELECT d.termid, t.docid, count(*)::INTEGER AS tf
FROM fresh_terms AS t JOIN {INDEX_SCHEMA}.dict AS d USING (term)
GROUP BY ALL;

UPDATE {INDEX_SCHEMA}.dict AS d SET df = d.df + f.n
FROM (SELECT termid, count(*) AS n FROM fresh_postings GROUP BY termid) AS f
WHERE d.termid = f.termid;
DELETE FROM {INDEX_SCHEMA}.dict WHERE df = 0;

INSERT INTO {INDEX_SCHEMA}.terms
SELECT t.docid, t.fieldid, d.termid FROM fresh_terms AS t JOIN {INDEX_SCHEMA}.dict AS d USING (term);
INSERT INTO {INDEX_SCHEMA}.postings SELECT * FROM fresh_postings ORDER BY termid, docid;
INSERT INTO {INDEX_SCHEMA}.docs
SELECT f.docid, f.article_id, coalesce(sum(p.tf), 0)
FROM fresh AS f LEFT JOIN fresh_postings AS p USING (docid)
GROUP BY f.docid, f.article_id;

DELETE FROM {INDEX_SCHEMA}.stats;
INSERT INTO {INDEX_SCHEMA}.stats
SELECT count(docid), sum(len) / count(len) FROM {INDEX_SCHEMA}.docs;
"""


def update_index(con: duckdb.DuckDBPyConnection, changed_ids_sql: str) -> int:
    """Re-index the articles `changed_ids_sql` selects (new, changed or deleted).

    Returns how many were changed. Costs in proportion to them, not to the
    index: a day of 1,000 articles instead of a rebuild over a million.
    """
    load_extension(con)
    con.execute(f"CREATE OR REPLACE TEMP TABLE changed_ids AS {changed_ids_sql}")
    changed = con.execute("SELECT count(*) FROM changed_ids").fetchone()[0]
    if changed:
        con.execute(UPDATE_SQL)
    return int(changed)


# BM25 scores (k1 = 1.2, b = 0.75, as DuckDB's match_bm25 with conjunctive := 1) of the
# articles holding every word of $query, as a table `scores(article_id, score)`. The same
# sums as match_bm25, computed from the query's postings instead of probing every article
# (docs/dashboard-speed.md). Each word's idf is worked out once, not once per posting, and
# all arithmetic is in DOUBLE: with decimal literals DuckDB computed every posting's term
# in DECIMAL, a fifth of the query's time at a million articles. A word occurs once per
# article in postings, so counting an article's rows counts its distinct query words.
SCORES = f"""
tokens AS (SELECT DISTINCT stem(unnest({INDEX_SCHEMA}.tokenize($query)), 'porter') AS t),
query_terms AS (
    SELECT d.termid, log((s.num_docs - d.df + 0.5e0) / (d.df + 0.5e0) + 1e0) AS idf
    FROM {INDEX_SCHEMA}.dict AS d JOIN tokens ON d.term = tokens.t, {INDEX_SCHEMA}.stats AS s
),
postings AS (
    SELECT docid, termid, tf FROM {INDEX_SCHEMA}.postings
    WHERE termid IN (SELECT termid FROM query_terms)
),
complete AS (
    SELECT docid FROM postings GROUP BY docid HAVING count(*) = (SELECT count(*) FROM tokens)
),
scores AS (
    SELECT any_value(d.name) AS article_id,
           sum(q.idf * p.tf * 2.2e0 / (p.tf + 1.2e0 * (0.25e0 + 0.75e0 * d.len / s.avgdl))) AS score
    FROM postings AS p JOIN complete USING (docid) JOIN query_terms AS q USING (termid)
    JOIN {INDEX_SCHEMA}.docs AS d USING (docid), {INDEX_SCHEMA}.stats AS s
    GROUP BY p.docid
)
"""
