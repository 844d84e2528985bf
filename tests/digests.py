"""Fingerprints of a published warehouse's tables, to compare two homes built differently."""

from __future__ import annotations

import hashlib

from warehouse.connect import open_published
from wirewatch.home import Home

# Columns that record when or through which document something arrived.
EXPORTS = {
    "core.articles": "* EXCLUDE (first_seen_at, source_doc_id)",
    "core.article_links": "*",
    "core.article_versions": "* EXCLUDE (seen_at)",
    "core.outlets": "*",
    "core.tags": "*",
    "core.article_tags": "*",
    "core.near_duplicates": "*",
    "staging.article_sketches": "*",
    "marts.daily_volume": "*",
    "core.mentions": "*",
    "core.quotes": "*",
    "core.article_topics": "*",
    "core.stories": "*",
    "core.story_articles": "*",
    "marts.daily_official_mentions": "*",
    "marts.official_cooccurrence": "*",
    "marts.daily_topic_volume": "*",
    "marts.daily_topic_stories": "*",
    "marts.topic_official": "*",
    "marts.emerging_terms": "*",
}


def digests(home: Home) -> dict[str, str]:
    con = open_published(home)
    try:
        return {
            table: hashlib.sha256(
                repr(con.sql(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()).encode()
            ).hexdigest()
            for table, columns in EXPORTS.items()
        }
    finally:
        con.close()
