"""Overview: headline figures, story volume by topic over time, volume by outlet."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, widgets
from dashboard.queries import overview, topics

st.title("Overview")
current, chosen = widgets.page_context()

kpis = overview.kpis(current, chosen)
columns = st.columns(5)
columns[0].metric(
    "Articles",
    f"{kpis['articles']:,}",
    help="Published in the chosen dates and outlets, including those known by headline only.",
)
columns[1].metric("Articles with text", f"{kpis['with_body']:,}")
columns[2].metric(
    "Stories", f"{kpis['stories']:,}", help="Stories with an article in the chosen dates."
)
columns[3].metric("Outlets", kpis["outlets"])
span = f"{(kpis['last_day'] - kpis['first_day']).days + 1:,} days" if kpis["first_day"] else "none"
columns[4].metric("Days covered", span)
published = f"{kpis['published']:%Y-%m-%d %H:%M} UTC" if kpis["published"] else "never"
newest = f"{kpis['newest_article']:%Y-%m-%d %H:%M} UTC" if kpis["newest_article"] else "none"
st.caption(f"Dates in Kyiv time. Warehouse last published {published}; newest article {newest}.")
if not kpis["articles"]:
    widgets.nothing_matches("articles", chosen)
    st.stop()

st.subheader(f"Story volume by topic, articles per {chosen.granularity}")
topic_volume = topics.volume(current, chosen)
if topic_volume.is_empty():
    widgets.nothing_matches("articles filed under a topic", chosen)
else:
    widgets.chart(
        charts.stacked_bars(topic_volume, "articles", "topic", chosen.granularity),
        topic_volume,
        "topic_volume",
    )
    st.caption("An article filed under two topics counts in both.")

outlet_volume = overview.outlet_volume(current, chosen)
left, right = st.columns([2, 1])
with left:
    st.subheader(f"Articles per {chosen.granularity}, by outlet")
    widgets.chart(
        charts.stacked_bars(outlet_volume, "articles", "outlet", chosen.granularity),
        outlet_volume,
        "outlet_volume",
    )
with right:
    st.subheader("Articles by outlet")
    totals = (
        outlet_volume.group_by("outlet")
        .agg(articles=pl.col("articles").sum(), with_body=pl.col("with_body").sum())
        .sort("articles", descending=True)
    )
    widgets.chart(charts.horizontal_totals(totals, "outlet", "articles"), totals, "outlet_totals")
