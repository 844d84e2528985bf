"""Articles: full-text search within the filters, and everything known about one article."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from dashboard.database import Version, cached, frame
from dashboard.queries import LINKABLE_URL, SAFE_URL, article_filters
from warehouse.search import INDEX_SCHEMA, SCORES

if TYPE_CHECKING:
    from dashboard.filters import Filters

SEARCH_LIMIT = 200


@cached
def has_search_index(current: Version) -> bool:
    """Whether the warehouse carries the full-text index (a remote copy does not)."""
    found = frame(
        current,
        """SELECT count(*) AS n FROM duckdb_functions()
           WHERE schema_name = $schema AND function_name = 'match_bm25'""",
        {"schema": INDEX_SCHEMA},
    )
    return bool(found["n"][0])


# Without the index: the headline must contain every word ($words, lower case).
HEADLINE_MATCH = (
    "CASE WHEN list_bool_and([contains(lower(a.headline), w) FOR w IN $words]) THEN 1.0 END"
)


@cached
def search(current: Version, f: Filters, text: str, limit: int = SEARCH_LIMIT) -> pl.DataFrame:
    """Articles matching every word of `text` (best first), or the newest when `text` is empty."""
    text = text.strip()
    columns = f"a.article_id, a.published_at, a.outlet, a.headline, {SAFE_URL}, a.has_body"
    params = {**f.params(), "query": text, "words": text.lower().split(), "limit": limit}
    if text and has_search_index(current):
        sql = f"""
            WITH {SCORES}
            SELECT {columns}, s.score FROM scores AS s JOIN core.articles AS a USING (article_id)
            WHERE {article_filters(f)}
            ORDER BY s.score DESC, a.published_at DESC LIMIT $limit
        """
    elif text:
        sql = f"""
            SELECT * FROM (
                SELECT {columns}, {HEADLINE_MATCH} AS score FROM core.articles AS a
                WHERE {article_filters(f)}
            )
            WHERE score IS NOT NULL
            ORDER BY score DESC, published_at DESC LIMIT $limit
        """
    else:
        # Ordered by the column alone, DuckDB finds the newest rows first and reads the
        # other columns of those only (10 ms against 35 at a million articles).
        sql = f"""
            SELECT {columns}, NULL::DOUBLE AS score FROM core.articles AS a
            WHERE {article_filters(f)}
            ORDER BY a.published_at DESC LIMIT $limit
        """
    return frame(current, sql, params)


@cached
def article(current: Version, article_id: str) -> dict | None:
    rows = frame(
        current,
        f"""SELECT a.* REPLACE ({LINKABLE_URL} AS url), s.story_id,
                  st.headline AS story_headline, st.articles AS story_articles
           FROM core.articles AS a
           LEFT JOIN core.story_articles AS s USING (article_id)
           LEFT JOIN core.stories AS st USING (story_id)
           WHERE a.article_id = $id""",
        {"id": article_id},
    )
    return rows.row(0, named=True) if rows.height else None


@cached
def mentions(current: Version, article_id: str) -> pl.DataFrame:
    return frame(
        current,
        """SELECT m.official_id, o.name AS official, m.field, m."start", m."end",
                  m.matched_text, m.method
           FROM core.mentions AS m JOIN core.officials AS o USING (official_id)
           WHERE m.article_id = $id ORDER BY m.field, m."start" """,
        {"id": article_id},
    )


@cached
def quotes(current: Version, article_id: str) -> pl.DataFrame:
    return frame(
        current,
        """SELECT o.name AS official, q.quote, q.cue
           FROM core.quotes AS q JOIN core.officials AS o USING (official_id)
           WHERE q.article_id = $id ORDER BY q.field, q."start" """,
        {"id": article_id},
    )


@cached
def topics(current: Version, article_id: str) -> pl.DataFrame:
    return frame(
        current,
        """SELECT t.name AS topic, x.score, x.matched
           FROM core.article_topics AS x JOIN core.topics AS t USING (topic_id)
           WHERE x.article_id = $id ORDER BY x.score DESC""",
        {"id": article_id},
    )


@cached
def story_articles(current: Version, story_id: str) -> pl.DataFrame:
    """The story's articles in publication order.

    Articles are stored in about the order they were published, so the story's own
    span, read first and passed as constants, lets DuckDB skip the row groups of the
    rest of the history (11 ms instead of 29 at a million articles).
    """
    span = frame(
        current,
        """SELECT first_published_at AS first, last_published_at AS last
           FROM core.stories WHERE story_id = $story""",
        {"story": story_id},
    )
    within = "AND a.published_at BETWEEN $first AND $last" if span.height else ""
    bounds = span.row(0, named=True) if span.height else {}
    return frame(
        current,
        f"""SELECT a.article_id, a.published_at, a.outlet, a.headline, {SAFE_URL}
           FROM core.story_articles AS s JOIN core.articles AS a USING (article_id)
           WHERE s.story_id = $story {within} ORDER BY a.published_at""",
        {"story": story_id} | bounds,
    )


@cached
def links(current: Version, article_id: str) -> pl.DataFrame:
    """Articles this page lists (related, hot, latest), in page order."""
    return frame(
        current,
        f"""SELECT l.kind, l.position, a.article_id, a.published_at, a.outlet, a.headline, {SAFE_URL}
           FROM core.article_links AS l JOIN core.articles AS a ON a.article_id = l.to_article_id
           WHERE l.from_article_id = $id ORDER BY l.kind, l.position""",
        {"id": article_id},
    )
