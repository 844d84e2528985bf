"""Officials: mentions over time with role timelines, co-mentions, and the articles behind a point."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

import streamlit as st

from dashboard import article_view, charts, widgets
from dashboard.queries import officials

MEASURES = {"articles": "Articles mentioning", "per_100_articles": "Per 100 articles"}

st.title("Officials")
current, chosen = widgets.page_context()

ids = chosen.officials or tuple(
    officials.most_mentioned(current, chosen, officials.DEFAULT_CHARTED)
)
if not ids:
    widgets.nothing_matches("mentions of officials", chosen)
    st.stop()
measure = (
    st.segmented_control(
        "Measure",
        list(MEASURES),
        format_func=MEASURES.get,
        default="articles",
        key="measure",
        bind="query-params",
        required=True,
        help="Per 100 articles divides by all articles of the period in the chosen outlets, "
        "so busy news days do not look like more attention.",
    )
    or "articles"
)

over_time = officials.mentions_over_time(current, chosen, ids)
if over_time.is_empty():
    widgets.nothing_matches("mentions of these officials", chosen)
    st.stop()
if not chosen.officials:
    st.caption("The most mentioned officials in these dates; choose others in the sidebar.")
st.subheader(f"{MEASURES[measure]}, per {chosen.granularity}")
event = widgets.chart(
    charts.official_lines(over_time, measure, chosen.granularity, (chosen.start, chosen.end)),
    over_time,
    "official_mentions",
    selectable=True,
)

roles = officials.roles(current, ids, chosen.start, chosen.end)
st.markdown("**Roles in these dates**")
if roles.is_empty():
    st.caption("No role of these officials is recorded for these dates.")
else:
    widgets.chart(charts.role_timeline(roles, (chosen.start, chosen.end)), roles, "official_roles")


def chart_day(value: float | str) -> date:
    """A date from the chart's selection: Vega-Lite gives epoch milliseconds (UTC midnight)."""
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value / 1000, UTC).date()
    return date.fromisoformat(str(value)[:10])


def period_end(start: date, granularity: str) -> date:
    if granularity == "week":
        return start + timedelta(days=6)
    if granularity == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start


st.subheader("Articles behind the chart")
names = dict(over_time.select("official_id", "official").unique().iter_rows())
periods = sorted(over_time["period"].unique().to_list(), reverse=True)
points = event.selection.get(charts.POINT, []) if event else []
if points and points[0].get("official_id"):
    picked = (points[0]["official_id"], chart_day(points[0]["period"]))
    if st.session_state.get("drill_applied") != picked:
        st.session_state["drill_applied"] = picked
        st.session_state["drill_official"], st.session_state["drill_period"] = picked
st.caption("Click a point on the chart, or pick an official and a period.")
left, right = st.columns(2)
official_id = left.selectbox(
    "Official", list(names), format_func=names.get, key="drill_official", index=None
)
period = right.selectbox(
    f"{chosen.granularity.capitalize()} starting",
    periods,
    format_func=lambda day: f"{day:%d %b %Y}",
    key="drill_period",
    index=None,
)
if official_id and period:
    first = max(period, chosen.start)
    last = min(period_end(period, chosen.granularity), chosen.end)
    behind = officials.articles_behind(current, chosen, official_id, first, last)
    if behind.is_empty():
        st.info(
            f"No article mentions {names[official_id]} between {first:%d %b} and {last:%d %b %Y}."
        )
    else:
        st.caption(
            f"{behind.height:,} article{'s' if behind.height != 1 else ''} mentioning "
            f"{names[official_id]}, "
            f"{first:%d %b} to {last:%d %b %Y}, newest first. Select one to read it."
        )
        table = st.dataframe(
            behind.drop("article_id"),
            hide_index=True,
            on_select="rerun",
            selection_mode="single-row",
            key="drill_articles",
            column_config=article_view.LINK_COLUMNS,
        )
        widgets.csv_button(behind, "official_articles", "Download these articles (CSV)")
        rows = table.selection.rows if table else []
        if rows:
            article_view.show(current, behind["article_id"][rows[0]], official_id)

st.subheader("Mentioned together")
heatmap_ids = (
    chosen.officials
    if len(chosen.officials) >= 2
    else tuple(officials.most_mentioned(current, chosen, officials.HEATMAP_OFFICIALS))
)
pairs = officials.co_mentions(current, chosen, heatmap_ids)
if pairs.is_empty():
    st.caption("No two of these officials are mentioned in the same article in these dates.")
else:
    widgets.chart(
        charts.heatmap(pairs, "with_official", "official", "articles"), pairs, "co_mentions"
    )
    st.caption(
        "Articles mentioning both officials, by name or office, in the chosen dates (all outlets)."
    )
