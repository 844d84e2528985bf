"""Sidebar filters shared by every page, kept in the URL so a view is a shareable link.

Each widget is bound to a query parameter (`?dates=...&outlets=...&topics=...
&officials=...&granularity=...`); opening such a link restores the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard import database
from dashboard.queries import choices

GRANULARITIES = ("day", "week", "month")


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    outlets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    officials: tuple[str, ...] = ()
    granularity: str = "week"

    def params(self) -> dict:
        """Named parameters every filtered query understands."""
        return {
            "start": self.start,
            "end": self.end,
            "outlets": list(self.outlets),
            "topics": list(self.topics),
            "officials": list(self.officials),
            "granularity": self.granularity,
            **database.kyiv_bounds(self.start, self.end),
        }

    @property
    def narrowed(self) -> bool:
        return bool(self.outlets or self.topics or self.officials)


def sidebar(current: database.Version) -> Filters | None:
    """Draw the filters; None when there is no warehouse, or no dated article, to filter."""
    if current is None:
        return None
    first, last = choices.date_span(current)
    if first is None:
        return None
    topic_names = choices.topics(current)
    official_names = choices.officials(current)
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
        outlets = st.multiselect(
            "Outlets",
            choices.outlets(current),
            key="outlets",
            bind="query-params",
            placeholder="All outlets",
        )
        topics = st.multiselect(
            "Topics",
            list(topic_names),
            format_func=topic_names.get,
            key="topics",
            bind="query-params",
            placeholder="All topics",
        )
        officials = st.multiselect(
            "Officials",
            list(official_names),
            format_func=official_names.get,
            key="officials",
            bind="query-params",
            placeholder="Most mentioned",
            help="Officials to chart; listed by how often they are mentioned.",
        )
        granularity = st.segmented_control(
            "Granularity",
            GRANULARITIES,
            default="week",
            key="granularity",
            bind="query-params",
            required=True,
        )
    start, end = (span[0], span[-1]) if isinstance(span, (tuple, list)) and span else (first, last)
    return Filters(
        start, end, tuple(outlets), tuple(topics), tuple(officials), granularity or "week"
    )
