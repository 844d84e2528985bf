"""Overview: headline figures and volume by outlet (story volume by topic: queries.topics)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from dashboard.database import Version, cached, frame
from dashboard.queries import MART_ROWS

if TYPE_CHECKING:
    from dashboard.filters import Filters


@cached
def kpis(current: Version, f: Filters) -> dict:
    """Figures for the chosen dates and outlets, and how fresh the warehouse is."""
    return frame(
        current,
        f"""
        SELECT
          (SELECT coalesce(sum(articles), 0) FROM marts.daily_volume WHERE {MART_ROWS}) AS articles,
          (SELECT coalesce(sum(with_body), 0) FROM marts.daily_volume WHERE {MART_ROWS})
            AS with_body,
          (SELECT count(*) FROM core.stories
           WHERE first_published_at < $to_ts AND last_published_at >= $from_ts) AS stories,
          (SELECT count(DISTINCT outlet) FROM marts.daily_volume WHERE {MART_ROWS}) AS outlets,
          (SELECT min(day) FROM marts.daily_volume WHERE {MART_ROWS}) AS first_day,
          (SELECT max(day) FROM marts.daily_volume WHERE {MART_ROWS}) AS last_day,
          (SELECT max(published_at) FROM ops.runs) AS published,
          (SELECT max(published_at) FROM core.articles) AS newest_article
        """,
        f.params(),
    ).row(0, named=True)


@cached
def outlet_volume(current: Version, f: Filters) -> pl.DataFrame:
    """Articles per period and outlet."""
    return frame(
        current,
        f"""
        SELECT CAST(date_trunc($granularity, day) AS DATE) AS period, outlet,
               sum(articles)::BIGINT AS articles, sum(with_body)::BIGINT AS with_body
        FROM marts.daily_volume WHERE {MART_ROWS}
        GROUP BY ALL ORDER BY period, outlet
        """,
        f.params(),
    )
