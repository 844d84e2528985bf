"""Topics: volume in articles and stories, topic x official, emerging terms, definitions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from dashboard.database import Version, cached, frame
from dashboard.queries import MART_ROWS

if TYPE_CHECKING:
    from dashboard.filters import Filters

EMERGING_PER_WEEK = 10


@cached
def volume(current: Version, f: Filters) -> pl.DataFrame:
    """Per period and topic: articles (from the mart), the count the Topics page opens with."""
    return frame(
        current,
        f"""
        SELECT CAST(date_trunc($granularity, v.day) AS DATE) AS period, t.name AS topic,
               sum(v.articles)::BIGINT AS articles
        FROM marts.daily_topic_volume AS v JOIN core.topics AS t USING (topic_id)
        WHERE {MART_ROWS} AND (len($topics) = 0 OR list_contains($topics, v.topic_id))
        GROUP BY ALL ORDER BY period, topic
        """,
        f.params(),
    )


@cached
def story_volume(current: Version, f: Filters) -> pl.DataFrame:
    """Per period and topic: distinct stories with an article in the period.

    Distinct over the mart's (day, topic, outlet, story) rows, so a story running
    all week counts once in that week. Like the Overview, not narrowed by the
    officials filter (which chooses what to chart).
    """
    return frame(
        current,
        f"""
        SELECT CAST(date_trunc($granularity, v.day) AS DATE) AS period, t.name AS topic,
               count(DISTINCT v.story_key)::BIGINT AS stories
        FROM marts.daily_topic_stories AS v JOIN core.topics AS t USING (topic_id)
        WHERE {MART_ROWS} AND (len($topics) = 0 OR list_contains($topics, v.topic_id))
        GROUP BY ALL ORDER BY period, topic
        """,
        f.params(),
    )


@cached
def topic_official(current: Version, f: Filters, ids: tuple[str, ...]) -> pl.DataFrame:
    """Articles per topic and official within the dates (outlets are not kept in this mart)."""
    return frame(
        current,
        """
        SELECT t.name AS topic, o.name AS official, sum(x.articles)::BIGINT AS articles
        FROM marts.topic_official AS x
        JOIN core.topics AS t USING (topic_id) JOIN core.officials AS o USING (official_id)
        WHERE x.day BETWEEN $start AND $end AND list_contains($ids, x.official_id)
          AND (len($topics) = 0 OR list_contains($topics, x.topic_id))
        GROUP BY ALL ORDER BY topic, official
        """,
        {**f.params(), "ids": list(ids)},
    )


@cached
def emerging_terms(current: Version, f: Filters) -> pl.DataFrame:
    """The most surprising terms of each week within the dates, newest week first."""
    return frame(
        current,
        """
        SELECT week, rank, term, articles, round(baseline, 2) AS baseline,
               round(log_likelihood, 1) AS log_likelihood
        FROM marts.emerging_terms
        WHERE week BETWEEN date_trunc('week', CAST($start AS DATE)) AND $end
          AND rank <= $per_week
        ORDER BY week DESC, rank
        """,
        {**f.params(), "per_week": EMERGING_PER_WEEK},
    )


@cached
def definitions(current: Version) -> pl.DataFrame:
    return frame(
        current,
        """SELECT topic_id, name, description, query, tags, min_score
           FROM core.topics ORDER BY name""",
    )
