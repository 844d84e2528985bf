"""Topics: volume in articles and stories, which officials each topic involves, emerging terms."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, widgets
from dashboard.queries import officials, topics

COUNTS = {"articles": "Articles", "stories": "Stories"}

st.title("Topics")
current, chosen = widgets.page_context()

count = (
    st.segmented_control(
        "Count",
        list(COUNTS),
        format_func=COUNTS.get,
        default="articles",
        key="count",
        bind="query-params",
        required=True,
        help="Stories group articles about the same event; a story running all week counts once "
        "in that week.",
    )
    or "articles"
)
volume = (topics.volume if count == "articles" else topics.story_volume)(current, chosen)
st.subheader(f"{COUNTS[count]} per {chosen.granularity}, by topic")
if volume.is_empty():
    widgets.nothing_matches("articles filed under a topic", chosen)
else:
    widgets.chart(
        charts.stacked_bars(volume, count, "topic", chosen.granularity), volume, "topic_volume"
    )

st.subheader("Topics and officials")
ids = chosen.officials or tuple(
    officials.most_mentioned(current, chosen, officials.HEATMAP_OFFICIALS)
)
matrix = topics.topic_official(current, chosen, ids)
if matrix.is_empty():
    st.caption("None of these officials is mentioned in a topic's articles in these dates.")
else:
    widgets.chart(charts.heatmap(matrix, "official", "topic", "articles"), matrix, "topic_official")
    st.caption(
        "Articles of each topic mentioning each official, in the chosen dates (all outlets)."
    )

st.subheader("Emerging terms")
terms = topics.emerging_terms(current, chosen)
if terms.is_empty():
    st.caption(
        "No emerging terms in these dates: a week needs four earlier weeks of articles "
        "as its baseline."
    )
else:
    weeks = terms["week"].unique().sort(descending=True).to_list()
    week = st.selectbox(
        "Week starting", weeks, format_func=lambda day: f"{day:%d %b %Y}", key="emerging_week"
    )
    shown = terms.filter(terms["week"] == week)
    widgets.chart(charts.term_bars(shown), terms, "emerging_terms")
    st.caption(
        "Words and phrases of headlines and leads most over-represented in the week against "
        "the four weeks before (Dunning log-likelihood). The CSV holds every week in the dates."
    )

st.subheader("How each topic is defined")
definitions = topics.definitions(current)
st.dataframe(
    definitions,
    hide_index=True,
    column_config={
        "query": st.column_config.TextColumn("Query", width="large"),
        "min_score": st.column_config.NumberColumn("Minimum score"),
    },
)
widgets.csv_button(definitions, "topic_definitions", "Download the definitions (CSV)")
st.caption(
    "A query's words score 3 in the headline, 2 in the lead and 1 in the body; an outlet tag "
    "listed for the topic scores 3. An article is filed when its score reaches the minimum. "
    "Change them in topics.yaml in the wirewatch home; the next run refiles every article."
)
