"""Plotly figures for the dashboard; pages pass frames in and draw what comes back."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import polars as pl


def volume_over_time(frame: pl.DataFrame, granularity: str) -> go.Figure:
    figure = px.bar(
        frame.to_pandas(),
        x="period",
        y="articles",
        color="outlet",
        labels={"period": granularity.capitalize(), "articles": "Articles", "outlet": "Outlet"},
    )
    figure.update_layout(
        barmode="stack",
        legend_title_text="Outlet",
        margin={"t": 30, "b": 10},
        hovermode="x unified",
    )
    return figure


def volume_by_outlet(frame: pl.DataFrame) -> go.Figure:
    totals = frame.group_by("outlet").agg(pl.col("articles").sum()).sort("articles")
    figure = px.bar(
        totals.to_pandas(),
        x="articles",
        y="outlet",
        orientation="h",
        labels={"articles": "Articles", "outlet": ""},
    )
    figure.update_layout(margin={"t": 10, "b": 10}, height=260)
    return figure
