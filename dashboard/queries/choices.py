"""What the sidebar offers: the date span, outlets, topics and officials of the warehouse."""

from __future__ import annotations

from datetime import date

from dashboard.database import Version, cached, frame


@cached
def date_span(current: Version) -> tuple[date | None, date | None]:
    row = frame(current, "SELECT min(day) AS first, max(day) AS last FROM marts.daily_volume")
    return row["first"][0], row["last"][0]


@cached
def outlets(current: Version) -> list[str]:
    return frame(current, "SELECT outlet FROM core.outlets ORDER BY outlet")["outlet"].to_list()


@cached
def topics(current: Version) -> dict[str, str]:
    rows = frame(current, "SELECT topic_id, name FROM core.topics ORDER BY name")
    return dict(rows.iter_rows())


@cached
def officials(current: Version) -> dict[str, str]:
    """Official id to name, the most mentioned first (then by name)."""
    rows = frame(
        current,
        """
        SELECT o.official_id, o.name
        FROM core.officials AS o
        LEFT JOIN (SELECT official_id, sum(mentions) AS mentions
                   FROM marts.daily_official_mentions GROUP BY ALL) AS m USING (official_id)
        ORDER BY coalesce(m.mentions, 0) DESC, o.name
        """,
    )
    return dict(rows.iter_rows())
