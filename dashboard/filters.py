"""Sidebar filters shared by every page, kept in the URL so a view is a shareable link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard import queries


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    outlets: tuple[str, ...]
    granularity: str


def sidebar(version: queries.Version) -> Filters | None:
    """Draw the filters; None when there is no warehouse to filter yet."""
    if version is None:
        return None
    info = queries.summary(version)
    first, last = info["first_day"], info["last_day"]
    if first is None:
        return None
    with st.sidebar:
        st.header("Filters")
        span = st.date_input(
            "Date range (Kyiv time)",
            value=(first, last),
            min_value=first,
            max_value=last,
            key="dates",
            bind="query-params",
        )
        chosen = st.multiselect(
            "Outlets",
            queries.outlets(version),
            key="outlets",
            bind="query-params",
            placeholder="All outlets",
        )
        granularity = st.segmented_control(
            "Granularity",
            queries.GRANULARITIES,
            default="week",
            key="granularity",
            bind="query-params",
            required=True,
        )
    start, end = (span[0], span[-1]) if isinstance(span, (tuple, list)) and span else (first, last)
    return Filters(start, end, tuple(chosen), granularity or "week")
