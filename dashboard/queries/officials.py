"""Officials: mentions over time, roles, co-mentions, and the articles behind a point."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import polars as pl

from dashboard.database import Version, cached, frame, kyiv_bounds
from dashboard.queries import MART_ROWS, SAFE_URL, article_filters

if TYPE_CHECKING:
    from dashboard.filters import Filters

DEFAULT_CHARTED = 5
HEATMAP_OFFICIALS = 12


@cached
def most_mentioned(current: Version, f: Filters, limit: int) -> list[str]:
    """Ids of the officials most mentioned within the filters, most first."""
    rows = frame(
        current,
        f"""
        SELECT official_id FROM marts.daily_official_mentions WHERE {MART_ROWS}
        GROUP BY ALL ORDER BY sum(mentions) DESC, official_id LIMIT $limit
        """,
        {**f.params(), "limit": limit},
    )
    return rows["official_id"].to_list()


@cached
def mentions_over_time(current: Version, f: Filters, ids: tuple[str, ...]) -> pl.DataFrame:
    """Per period and official: articles mentioning them, mentions, and articles per 100."""
    return frame(
        current,
        f"""
        WITH totals AS (
            SELECT CAST(date_trunc($granularity, day) AS DATE) AS period,
                   sum(articles) AS period_articles
            FROM marts.daily_volume WHERE {MART_ROWS} GROUP BY ALL
        ), counts AS (
            SELECT CAST(date_trunc($granularity, day) AS DATE) AS period, official_id,
                   sum(articles)::BIGINT AS articles, sum(mentions)::BIGINT AS mentions,
                   sum(role_mentions)::BIGINT AS role_mentions
            FROM marts.daily_official_mentions
            WHERE {MART_ROWS} AND list_contains($ids, official_id) GROUP BY ALL
        )
        SELECT c.period, c.official_id, o.name AS official, c.articles, c.mentions,
               c.role_mentions, t.period_articles::BIGINT AS period_articles,
               round(100.0 * c.articles / t.period_articles, 2) AS per_100_articles
        FROM counts AS c JOIN totals AS t USING (period) JOIN core.officials AS o USING (official_id)
        ORDER BY c.period, o.name
        """,
        {**f.params(), "ids": list(ids)},
    )


@cached
def roles(current: Version, ids: tuple[str, ...], start: date, end: date) -> pl.DataFrame:
    """Each official's roles overlapping the dates, clipped to them (open-ended roles end there)."""
    return frame(
        current,
        """
        SELECT o.name AS official, r.role, r.organisation,
               greatest(coalesce(r.valid_from, $start), $start) AS role_from,
               least(coalesce(r.valid_to, $end), $end) AS role_to,
               r.valid_from, r.valid_to
        FROM core.official_roles AS r JOIN core.officials AS o USING (official_id)
        WHERE list_contains($ids, r.official_id)
          AND coalesce(r.valid_from, $start) <= $end AND coalesce(r.valid_to, $end) >= $start
        ORDER BY o.name, role_from
        """,
        {"ids": list(ids), "start": start, "end": end},
    )


@cached
def co_mentions(current: Version, f: Filters, ids: tuple[str, ...]) -> pl.DataFrame:
    """Articles mentioning both officials of each pair, both orders, within the dates."""
    return frame(
        current,
        """
        WITH pairs AS (
            SELECT official_a, official_b, sum(articles)::BIGINT AS articles
            FROM marts.official_cooccurrence
            WHERE day BETWEEN $start AND $end
              AND list_contains($ids, official_a) AND list_contains($ids, official_b)
            GROUP BY ALL
        ), both_orders AS (
            SELECT official_a AS a, official_b AS b, articles FROM pairs
            UNION ALL SELECT official_b, official_a, articles FROM pairs
        )
        SELECT oa.name AS official, ob.name AS with_official, p.articles
        FROM both_orders AS p
        JOIN core.officials AS oa ON oa.official_id = p.a
        JOIN core.officials AS ob ON ob.official_id = p.b
        ORDER BY official, with_official
        """,
        {**f.params(), "ids": list(ids)},
    )


@cached
def articles_behind(
    current: Version, f: Filters, official_id: str, first: date, last: date, limit: int = 200
) -> pl.DataFrame:
    """The articles mentioning an official on Kyiv days first..last (within the outlets)."""
    params = {**f.params(), **kyiv_bounds(first, last), "official": official_id, "limit": limit}
    return frame(
        current,
        f"""
        SELECT a.article_id, a.published_at, a.outlet, a.headline, {SAFE_URL},
               count(*)::BIGINT AS mentions,
               count(*) FILTER (WHERE m.method = 'role')::BIGINT AS by_role
        FROM core.mentions AS m JOIN core.articles AS a USING (article_id)
        WHERE m.official_id = $official AND {article_filters(replace(f, officials=()))}
        GROUP BY ALL ORDER BY a.published_at DESC LIMIT $limit
        """,
        params,
    )
