"""Articles: full-text search within the sidebar's filters, and any article in full."""

from __future__ import annotations

import streamlit as st

from dashboard import article_view, widgets
from dashboard.queries import articles

st.title("Articles")
current, chosen = widgets.page_context()

text = st.text_input(
    "Search headlines and text",
    key="q",
    bind="query-params",
    placeholder="e.g. drone production, or Умєров",
    help="Every word must appear. English words match their other forms (missiles finds "
    "missile); Ukrainian and Russian words match as written, ignoring case.",
)
found = articles.search(current, chosen, text or "")
if found.is_empty():
    if text:
        st.warning(
            f"No article in these filters contains every word of “{text}”. "
            "Try fewer words, or widen the sidebar's filters."
        )
    else:
        widgets.nothing_matches("articles", chosen)
    st.stop()

limit_note = (
    f" (the first {articles.SEARCH_LIMIT})" if found.height == articles.SEARCH_LIMIT else ""
)
order = "best match first" if text else "newest first"
st.caption(f"{found.height:,} articles{limit_note}, {order}. Select one to read it.")
table = st.dataframe(
    found.drop("article_id", "score" if not text else "has_body"),
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="results",
    column_config=article_view.LINK_COLUMNS,
)
widgets.csv_button(found, "articles", "Download these articles (CSV)")

rows = table.selection.rows if table else []
chosen_id = found["article_id"][rows[0]] if rows else st.query_params.get("article")
if rows:
    st.query_params["article"] = chosen_id
if chosen_id:
    st.divider()
    article_view.show(current, chosen_id)
