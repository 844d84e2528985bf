"""The Streamlit app, run headless with AppTest against real published warehouses."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from warehouse.connect import open_published

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


def _values(encoded) -> list:
    """A Plotly array from a chart spec: a plain list, or a base64 typed array."""
    if isinstance(encoded, dict):
        return np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=encoded["dtype"]).tolist()
    return list(encoded)


def _app(monkeypatch: pytest.MonkeyPatch, home: Path, **params: str) -> AppTest:
    monkeypatch.setenv("WIREWATCH_HOME", str(home))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_overview_shows_the_warehouse_figures_and_volume_chart(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root)
    assert not at.exception
    con = open_published(demo_home)
    with_body = con.sql("SELECT count(*) FROM core.articles WHERE has_body").fetchone()[0]
    outlets = con.sql("SELECT count(DISTINCT outlet) FROM core.articles").fetchone()[0]
    total = con.sql("SELECT sum(articles) FROM marts.daily_volume").fetchone()[0]
    con.close()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles with text"] == f"{with_body:,}"
    assert metrics["Outlets"] == str(outlets)
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    spec = json.loads(charts[0].proto.spec)
    assert sum(sum(_values(trace["y"])) for trace in spec["data"]) == total


def test_granularity_and_outlet_come_from_the_url(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, granularity="month", outlets="Kyiv Wire")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {trace["name"] for trace in spec["data"]} == {"Kyiv Wire"}
    assert spec["layout"]["xaxis"]["title"]["text"] == "Month"


def test_without_a_warehouse_the_page_explains_what_to_do(monkeypatch, tmp_path) -> None:
    at = _app(monkeypatch, tmp_path / "empty-home")
    assert not at.exception
    assert any("wirewatch demo" in info.value for info in at.info)
    assert len(at.get("plotly_chart")) == 0
