"""Altair (Vega-Lite) charts for the dashboard; pages pass frames in and draw what comes back.

Vega-Lite rather than Plotly because it draws in the browser in about a third of
a second where Plotly's script takes over a second and a half to load on every
page visit (docs/dashboard.md), and a page must be drawn within two seconds.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import polars as pl

# The name of the point selection on the officials chart (st.altair_chart returns it).
POINT = "point"
HEIGHT = 360
# Names in full and every one shown, as rows are few.
NAME_AXIS = alt.Axis(labelLimit=260, labelOverlap=False)


MONTH_AXIS = alt.Axis(format="%b %Y", labelOverlap=True)


def _period(granularity: str) -> alt.X:
    return alt.X("period:T", title=granularity.capitalize(), axis=MONTH_AXIS)


def stacked_bars(frame: pl.DataFrame, y: str, color: str, granularity: str) -> alt.Chart:
    """Bars per period stacked by `color` (topic or outlet)."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=_period(granularity),
            y=alt.Y(f"sum({y}):Q", title=y.capitalize()),
            color=alt.Color(
                f"{color}:N", title=color.capitalize(), legend=alt.Legend(labelLimit=300)
            ),
            tooltip=[
                alt.Tooltip("period:T", title=granularity.capitalize()),
                alt.Tooltip(f"{color}:N", title=color.capitalize()),
                alt.Tooltip(f"sum({y}):Q", title=y.capitalize()),
            ],
        )
        .properties(height=HEIGHT)
    )


def horizontal_totals(frame: pl.DataFrame, label: str, value: str) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title="Articles"),
            y=alt.Y(f"{label}:N", title=None, sort="-x"),
            tooltip=[label, value],
        )
        .properties(height=max(120, 32 * frame.height))
    )


def official_lines(
    frame: pl.DataFrame, y: str, granularity: str, dates: tuple[date, date]
) -> alt.Chart:
    """One line per official with clickable points (a click drills down to the articles)."""
    title = "Articles per 100 articles" if y == "per_100_articles" else "Articles mentioning"
    picked = alt.selection_point(name=POINT, fields=["official_id", "period"], on="click")
    return (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=70, filled=True))
        .encode(
            x=alt.X(
                "period:T",
                title=granularity.capitalize(),
                scale=alt.Scale(domain=[day.isoformat() for day in dates]),
            ),
            y=alt.Y(f"{y}:Q", title=title),
            color=alt.Color("official:N", title="Official"),
            tooltip=[
                alt.Tooltip("official:N", title="Official"),
                alt.Tooltip("period:T", title=granularity.capitalize()),
                alt.Tooltip("articles:Q", title="Articles mentioning"),
                alt.Tooltip("per_100_articles:Q", title="Per 100 articles"),
                alt.Tooltip("mentions:Q", title="Mentions"),
            ],
        )
        .add_params(picked)
        .properties(height=HEIGHT)
    )


def role_timeline(roles: pl.DataFrame, dates: tuple[date, date]) -> alt.LayerChart:
    """Each official's roles as bars along the same dates as the chart above."""
    base = alt.Chart(roles).encode(
        x=alt.X(
            "role_from:T",
            title=None,
            axis=MONTH_AXIS,
            scale=alt.Scale(domain=[day.isoformat() for day in dates]),
        ),
        x2="role_to:T",
        y=alt.Y("official:N", title=None, axis=NAME_AXIS),
        tooltip=["official", "role", "organisation", "valid_from", "valid_to"],
    )
    bars = base.mark_bar(height=22).encode(color=alt.Color("official:N", legend=None))
    labels = base.mark_text(align="left", dx=4, color="black", limit=400).encode(text="role:N")
    return (bars + labels).properties(height=max(60, 34 * roles["official"].n_unique()))


def heatmap(frame: pl.DataFrame, x: str, y: str, z: str) -> alt.Chart:
    """A matrix of counts, rows and columns in name order."""
    return (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X(
                f"{x}:N",
                title=None,
                axis=alt.Axis(labelAngle=-40, labelLimit=200, labelOverlap=False),
            ),
            y=alt.Y(f"{y}:N", title=None, axis=NAME_AXIS),
            color=alt.Color(f"{z}:Q", title=z.capitalize(), scale=alt.Scale(scheme="blues")),
            tooltip=[y, x, z],
        )
        .properties(height=max(200, 30 * frame[y].n_unique()))
    )


def term_bars(frame: pl.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("log_likelihood:Q", title="Surprise (log-likelihood)"),
            y=alt.Y("term:N", title=None, sort="-x"),
            tooltip=["term", "articles", "baseline", "log_likelihood"],
        )
        .properties(height=max(120, 24 * frame.height))
    )
