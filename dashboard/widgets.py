"""Pieces every page uses: its context, a chart with its data as CSV, explained empty states."""

from __future__ import annotations

import json

import altair as alt
import polars as pl
import streamlit as st

from dashboard import charts, database
from dashboard.filters import Filters


def page_context() -> tuple[database.Version, Filters]:
    """The warehouse version and filters app.py set up, or stop with what to do."""
    current = st.session_state.get("version")
    chosen = st.session_state.get("filters")
    if current is None:
        st.info(
            f"No published warehouse yet in {database.home().root}. Build one with "
            "`wirewatch demo` (demo data) or `wirewatch run --source PATH`, then reload."
        )
        st.stop()
    if chosen is None:
        st.info("The warehouse has no dated articles yet. Add sources and run `wirewatch run`.")
        st.stop()
    return current, chosen


def nothing_matches(what: str, chosen: Filters) -> None:
    """Say why a chart is empty: which filters narrowed it away."""
    narrowing = [
        name
        for name, value in (
            ("outlets", chosen.outlets),
            ("topics", chosen.topics),
            ("officials", chosen.officials),
        )
        if value
    ]
    advice = f"clear the {', '.join(narrowing)} filter" if narrowing else "widen the date range"
    st.warning(
        f"No {what} between {chosen.start:%d %b %Y} and {chosen.end:%d %b %Y} "
        f"with these filters: {advice}."
    )


def csv_text(data: pl.DataFrame) -> str:
    """CSV of the frame; lists become `a; b` and other nested values JSON, as CSV is flat."""
    flat = data.with_columns(
        pl.col(name).list.eval(pl.element().cast(pl.String)).list.join("; ")
        if isinstance(dtype, pl.List) and not dtype.inner.is_nested()
        else pl.col(name).map_elements(
            lambda value: json.dumps(value, default=str), return_dtype=pl.String
        )
        for name, dtype in data.schema.items()
        if dtype.is_nested()
    )
    return flat.write_csv()


def csv_button(data: pl.DataFrame, name: str, label: str = "Download chart data (CSV)") -> None:
    st.download_button(
        label,
        csv_text(data),
        file_name=f"wirewatch_{name}.csv",
        mime="text/csv",
        key=f"{name}_csv",
        icon=":material/download:",
    )


def chart(figure: alt.TopLevelMixin, data: pl.DataFrame, name: str, *, selectable: bool = False):
    """Draw the chart with its data as CSV beneath; return the point selection when asked."""
    event = st.altair_chart(
        figure,
        width="stretch",
        key=f"{name}_chart",
        on_select="rerun" if selectable else "ignore",
        selection_mode=[charts.POINT] if selectable else None,
    )
    csv_button(data, name)
    return event
