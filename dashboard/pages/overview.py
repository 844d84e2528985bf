"""Overview: headline figures and story volume over time."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, queries

st.title("Story volume")
version = st.session_state.get("version")
chosen = st.session_state.get("filters")

if version is None:
    st.info(
        f"No published warehouse yet in {queries.home().root}. "
        "Build one with `wirewatch demo` (demo data) or `wirewatch run --source PATH`."
    )
    st.stop()
if chosen is None:
    st.info("The warehouse has no dated articles yet. Add sources and run `wirewatch run`.")
    st.stop()

info = queries.summary(version)
kpis = st.columns(4)
kpis[0].metric("Articles with text", f"{info['articles']:,}")
kpis[1].metric(
    "Known by headline only",
    f"{info['headline_only']:,}",
    help="Seen only in another page's MORE ABOUT, HOT NEWS or LATEST list.",
)
kpis[2].metric("Outlets", info["outlets"])
kpis[3].metric("Days covered", f"{(info['last_day'] - info['first_day']).days + 1:,}")
published = f"{info['published']:%Y-%m-%d %H:%M} UTC" if info["published"] else "never"
st.caption(
    f"Articles from {info['first_day']:%d %b %Y} to {info['last_day']:%d %b %Y} (Kyiv time). "
    f"Warehouse last published {published}."
)

volume = queries.volume_over_time(
    version, chosen.granularity, chosen.start, chosen.end, chosen.outlets
)
if volume.is_empty():
    st.warning("No articles match these filters. Widen the date range or clear the outlet filter.")
    st.stop()

st.subheader(f"Articles per {chosen.granularity}, by outlet")
st.plotly_chart(charts.volume_over_time(volume, chosen.granularity), width="stretch")
st.download_button(
    "Download chart data (CSV)",
    volume.write_csv(),
    file_name="volume_over_time.csv",
    mime="text/csv",
    key="volume_csv",
)

st.subheader("Articles by outlet")
st.plotly_chart(charts.volume_by_outlet(volume), width="stretch")
