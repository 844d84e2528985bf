"""Plotly figures for the dashboard; pages pass frames in and draw what comes back."""

from __future__ import annotations

from datetime import date

import plotly.express as px
import plotly.graph_objects as go
import polars as pl

MARGINS = {"t": 30, "b": 10, "l": 10, "r": 10}


def stacked_bars(frame: pl.DataFrame, y: str, color: str, granularity: str) -> go.Figure:
    """Bars per period stacked by `color` (topic or outlet)."""
    figure = px.bar(
        frame.to_pandas(),
        x="period",
        y=y,
        color=color,
        labels={"period": granularity.capitalize(), y: y.capitalize(), color: color.capitalize()},
    )
    figure.update_layout(barmode="stack", margin=MARGINS, hovermode="x unified")
    return figure


def horizontal_totals(frame: pl.DataFrame, label: str, value: str) -> go.Figure:
    totals = frame.group_by(label).agg(pl.col(value).sum()).sort(value)
    figure = px.bar(
        totals.to_pandas(), x=value, y=label, orientation="h", labels={value: "Articles", label: ""}
    )
    figure.update_layout(margin=MARGINS, height=max(220, 40 * totals.height + 60))
    return figure


def official_lines(
    frame: pl.DataFrame, y: str, granularity: str, dates: tuple[date, date]
) -> go.Figure:
    """One line per official with clickable markers (a click drills down to the articles)."""
    title = "Articles per 100 articles" if y == "per_100_articles" else "Articles mentioning"
    figure = px.line(
        frame.to_pandas(),
        x="period",
        y=y,
        color="official",
        markers=True,
        custom_data=["official_id"],
        labels={"period": granularity.capitalize(), y: title, "official": "Official"},
    )
    figure.update_traces(marker={"size": 8})
    figure.update_xaxes(range=list(dates))
    figure.update_layout(margin=MARGINS, hovermode="closest", clickmode="event+select")
    return figure


def role_timeline(roles: pl.DataFrame, dates: tuple[date, date]) -> go.Figure:
    """Each official's roles as bars along the same dates as the chart above."""
    shown = roles.with_columns(
        (pl.col("role") + " (" + pl.col("organisation").fill_null("") + ")").alias("label")
    )
    figure = px.timeline(
        shown.to_pandas(),
        x_start="role_from",
        x_end="role_to",
        y="official",
        color="official",
        text="role",
        hover_data={"label": True, "valid_from": True, "valid_to": True, "official": False},
    )
    figure.update_traces(textposition="inside", insidetextanchor="start")
    figure.update_yaxes(autorange="reversed", title="")
    figure.update_xaxes(range=list(dates))
    figure.update_layout(
        showlegend=False, margin=MARGINS, height=max(160, 36 * shown["official"].n_unique() + 60)
    )
    return figure


def heatmap(
    frame: pl.DataFrame, x: str, y: str, z: str, order: list[str] | None = None
) -> go.Figure:
    """A matrix of counts; `order` fixes the row and column order when both are the same set."""
    matrix = frame.pivot(on=x, index=y, values=z, aggregate_function="sum").fill_null(0)
    columns = [c for c in (order or sorted(matrix.columns)) if c in matrix.columns and c != y]
    if order:
        matrix = matrix.join(pl.DataFrame({y: order}).with_row_index("rank"), on=y).sort("rank")
    figure = go.Figure(
        go.Heatmap(
            z=matrix.select(columns).to_numpy(),
            x=columns,
            y=matrix[y].to_list(),
            colorscale="Blues",
            hovertemplate=f"%{{y}} + %{{x}}: %{{z}} {z}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(margin=MARGINS, height=max(300, 28 * matrix.height + 120))
    return figure


def term_bars(frame: pl.DataFrame) -> go.Figure:
    figure = px.bar(
        frame.sort("log_likelihood").to_pandas(),
        x="log_likelihood",
        y="term",
        orientation="h",
        hover_data=["articles", "baseline"],
        labels={"log_likelihood": "Surprise (log-likelihood)", "term": ""},
    )
    figure.update_layout(margin=MARGINS, height=max(260, 26 * frame.height + 60))
    return figure
