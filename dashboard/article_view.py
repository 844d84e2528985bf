"""One article in full: its text with mentions highlighted, quotes, topics, story and links.

Used by the Articles page and by the Officials drill-down. The text goes through
dashboard.text, so it is shown literally, never as HTML or Markdown.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import database
from dashboard.queries import articles
from dashboard.text import escape_markdown, highlighted

KYIV_TIME = "%d %b %Y %H:%M"
LINK_COLUMNS = {
    "outlet": st.column_config.TextColumn("Outlet"),
    "headline": st.column_config.TextColumn("Headline", width="large"),
    "has_body": st.column_config.CheckboxColumn("Text seen"),
    "score": st.column_config.NumberColumn("Relevance", format="%.2f"),
    "mentions": st.column_config.NumberColumn("Mentions"),
    "by_role": st.column_config.NumberColumn("By office"),
    "url": st.column_config.LinkColumn("Link", display_text="open"),
    "published_at": st.column_config.DatetimeColumn("Published (UTC)", format="D MMM YYYY HH:mm"),
}


def _spans(mentions: pl.DataFrame, field: str, official_id: str | None) -> list[tuple[int, int]]:
    rows = mentions.filter(pl.col("field") == field)
    if official_id:
        rows = rows.filter(pl.col("official_id") == official_id)
    return list(zip(rows["start"].to_list(), rows["end"].to_list(), strict=True))


def show(current: database.Version, article_id: str, official_id: str | None = None) -> None:
    """Draw the article; with `official_id`, highlight only that official's mentions."""
    row = articles.article(current, article_id)
    if row is None:
        st.warning("That article is not in the published warehouse (it may have been merged).")
        return
    mentions = articles.mentions(current, article_id)
    local = row["published_at"].astimezone(database.KYIV)
    st.subheader(
        highlighted(row["headline"], _spans(mentions, "headline", official_id)), anchor=False
    )
    details = [row["outlet"], f"{local:{KYIV_TIME}} Kyiv time", row["section"] or ""]
    st.caption(escape_markdown(" · ".join(part for part in details if part)))
    if row["url"]:
        st.link_button("Open the original", row["url"], icon=":material/open_in_new:")
    if row["lead"]:
        st.markdown(highlighted(row["lead"], _spans(mentions, "lead", official_id)))
    if row["body"]:
        st.markdown(highlighted(row["body"], _spans(mentions, "body", official_id)))
    elif not row["has_body"]:
        st.caption("Only the headline is known: this article was listed by another page.")

    left, right = st.columns(2)
    with left:
        st.markdown("**Mentions**")
        if mentions.is_empty():
            st.caption("No official is mentioned.")
        else:
            st.dataframe(
                mentions.select("official", "matched_text", "method", "field"), hide_index=True
            )
        quotes = articles.quotes(current, article_id)
        st.markdown("**Quotes**")
        if quotes.is_empty():
            st.caption("No attributed quote found.")
        for quote in quotes.iter_rows(named=True):
            st.text(f"{quote['official']} ({quote['cue']}): “{quote['quote']}”")
    with right:
        topics = articles.topics(current, article_id)
        st.markdown("**Topics**")
        if topics.is_empty():
            st.caption("Not filed under any topic.")
        else:
            st.dataframe(topics, hide_index=True)
        st.markdown("**Story**")
        if row["story_id"]:
            count = row["story_articles"]
            st.text(f"{row['story_headline']} ({count} article{'s' if count != 1 else ''})")
            st.dataframe(
                articles.story_articles(current, row["story_id"]).drop("article_id"),
                hide_index=True,
                column_config=LINK_COLUMNS,
            )
        else:
            st.caption("Not part of a story.")
    links = articles.links(current, article_id)
    if not links.is_empty():
        st.markdown("**Related links on the page**")
        st.dataframe(links.drop("article_id"), hide_index=True, column_config=LINK_COLUMNS)
