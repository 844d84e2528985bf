"""Every query the dashboard runs, and the only place that touches the warehouse.

Each function opens the published warehouse read-only, runs one query and
closes it, so the dashboard never holds a lock or a stale file. Results are
cached per warehouse version (the file's inode and modification time), so a
newly published warehouse is picked up on the next rerun without a restart.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from warehouse.connect import open_published
from wirewatch.home import Home

GRANULARITIES = ("day", "week", "month")
Version = tuple[int, int] | None


def home() -> Home:
    return Home.resolve()


def warehouse_version() -> Version:
    """Identity of the published file, or None when nothing is published yet."""
    try:
        stat = home().warehouse.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)


def _frame(sql: str, params: dict | None = None) -> pl.DataFrame:
    con = open_published(home())
    try:
        return con.sql(sql, params=params or {}).pl()
    finally:
        con.close()


@st.cache_data(show_spinner=False, max_entries=64)
def summary(version: Version) -> dict:
    row = _frame("""
        SELECT count(*) FILTER (WHERE has_body) AS articles,
               count(*) FILTER (WHERE NOT has_body) AS headline_only,
               count(DISTINCT outlet) AS outlets,
               min(CAST(timezone('Europe/Kyiv', published_at) AS DATE)) AS first_day,
               max(CAST(timezone('Europe/Kyiv', published_at) AS DATE)) AS last_day,
               (SELECT max(published_at) FROM ops.runs) AS published
        FROM core.articles
    """).row(0, named=True)
    return row


@st.cache_data(show_spinner=False, max_entries=64)
def outlets(version: Version) -> list[str]:
    return _frame("SELECT DISTINCT outlet FROM marts.daily_volume ORDER BY outlet")[
        "outlet"
    ].to_list()


@st.cache_data(show_spinner=False, max_entries=256)
def volume_over_time(
    version: Version, granularity: str, start: date, end: date, chosen_outlets: tuple[str, ...]
) -> pl.DataFrame:
    """Articles per period and outlet, Kyiv calendar days, within [start, end]."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}, not {granularity!r}")
    return _frame(
        """
        SELECT CAST(date_trunc($granularity, day) AS DATE) AS period, outlet,
               sum(articles)::BIGINT AS articles, sum(with_body)::BIGINT AS with_body
        FROM marts.daily_volume
        WHERE day BETWEEN $start AND $end
          AND (len($outlets) = 0 OR list_contains($outlets, outlet))
        GROUP BY ALL ORDER BY period, outlet
        """,
        {"granularity": granularity, "start": start, "end": end, "outlets": list(chosen_outlets)},
    )
