"""The dashboard benchmark runs end to end at a smoke size (its timings are never asserted)."""

from __future__ import annotations

import argparse

from bench.dashboard import PAGES, report, time_queries
from warehouse.connect import open_published
from wirewatch.home import HOME_ENV


def test_dashboard_bench_times_every_page_and_writes_its_report(demo_home, monkeypatch) -> None:
    monkeypatch.setenv(HOME_ENV, str(demo_home.root))
    timings = time_queries(demo_home, rounds=1)
    assert set(timings) == set(PAGES)
    assert all(len(values) == 4 and min(values) > 0 for values in timings.values())
    text = report(demo_home, timings, None, argparse.Namespace(reproduce="--home HOME", rounds=1))
    con = open_published(demo_home)
    articles = con.sql("SELECT count(*) FROM core.articles").fetchone()[0]
    con.close()
    assert f"**{articles:,} articles**" in text
    assert all(f"| {page} | 4 |" in text for page in PAGES)
