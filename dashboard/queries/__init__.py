"""Every query the dashboard runs, one module per page; pages never write SQL.

Each function takes the warehouse version first, so its cached result belongs to
one published file, and returns a Polars frame (or plain values). The shared
filter clauses below keep every page filtering the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dashboard.filters import Filters

# Rows of a mart keyed by Kyiv day and outlet, within the sidebar's dates and outlets.
MART_ROWS = "day BETWEEN $start AND $end AND (len($outlets) = 0 OR list_contains($outlets, outlet))"


def article_filters(f: Filters) -> str:
    """Conditions on articles (alias a) for the sidebar's filters, only those in use.

    Dates become UTC bounds of the Kyiv days, so DuckDB can skip row groups by
    published_at; the outlet, topic and official conditions are left out when
    nothing is chosen, rather than tested against an empty list on every row.
    """
    conditions = ["a.published_at >= $from_ts", "a.published_at < $to_ts"]
    if f.outlets:
        conditions.append("list_contains($outlets, a.outlet)")
    if f.topics:
        conditions.append(
            "a.article_id IN (SELECT article_id FROM core.article_topics "
            "WHERE list_contains($topics, topic_id))"
        )
    if f.officials:
        conditions.append(
            "a.article_id IN (SELECT article_id FROM core.mentions "
            "WHERE list_contains($officials, official_id))"
        )
    return " AND ".join(conditions)


KYIV_DAY = "CAST(timezone('Europe/Kyiv', a.published_at) AS DATE)"
# A link analysts can follow: only http(s) URLs; anything else (javascript:, data:) is dropped.
LINKABLE_URL = "CASE WHEN regexp_matches(a.url, '^https?://') THEN a.url END"
SAFE_URL = f"{LINKABLE_URL} AS url"
