"""Pipeline: the last runs, rows per table, and every quarantined input with its reason."""

from __future__ import annotations

import streamlit as st

from dashboard import widgets
from dashboard.queries import pipeline

st.title("Pipeline")
current, _ = widgets.page_context()

st.subheader("Last runs")
runs = pipeline.runs(current)
if runs.is_empty():
    st.caption("No run has been recorded.")
else:
    st.dataframe(
        runs,
        hide_index=True,
        column_config={
            "published_at": st.column_config.DatetimeColumn(
                "Published (UTC)", format="D MMM YYYY HH:mm:ss"
            )
        },
    )
    widgets.csv_button(runs, "runs", "Download runs (CSV)")

st.subheader("Rows per table")
counts = pipeline.row_counts(current)
st.dataframe(
    counts,
    hide_index=True,
    column_config={"comment": st.column_config.TextColumn("Description", width="large")},
)
widgets.csv_button(counts, "row_counts", "Download row counts (CSV)")

st.subheader("Quarantined inputs")
reasons = pipeline.quarantine_reasons(current)
if reasons.is_empty():
    st.success("Nothing is quarantined: every input was parsed.")
else:
    total = int(reasons["inputs"].sum())
    st.caption(
        f"{total:,} inputs could not be parsed. Their raw bytes are kept in the home's raw/ "
        "folder, untouched; fix the source or the adapter and run again."
    )
    st.dataframe(reasons, hide_index=True)
    quarantined = pipeline.quarantine(current)
    st.dataframe(
        quarantined,
        hide_index=True,
        column_config={"reason": st.column_config.TextColumn("Reason", width="large")},
    )
    widgets.csv_button(quarantined, "quarantine", "Download quarantined inputs (CSV)")
