"""The benchmarks and statement profilers run end to end at a smoke size (timings never asserted)."""

from __future__ import annotations

import argparse
import json
import shutil

import duckdb

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


def test_performance_suite_measures_a_small_size_and_writes_its_report(tmp_path) -> None:
    """The suite end to end at 300 articles: every figure present, none asserted for speed."""
    from bench import performance

    results, report = tmp_path / "results", tmp_path / "performance.md"
    assert (
        performance.main(
            [
                "--articles",
                "300",
                "--rounds",
                "1",
                "--smoke",
                "--results",
                str(results),
                "--report",
                str(report),
            ]
        )
        == 0
    )
    size = json.loads((results / "performance-300.json").read_text())
    assert size["pages"] == 300
    assert size["counts"]["core.articles"] == 300 + performance.NEW_DAY.articles
    assert size["full"]["seconds"] > 0 and size["full"]["peak_rss_mib"] > 50
    assert {"staging_parse", "core_build", "core__search_index"} <= set(size["full"]["stages"])
    assert size["new_day"]["stages"]["core_build"] > 0
    assert set(size["dashboard_ms"]) == set(PAGES)
    found = json.loads((results / "performance-baselines.json").read_text())
    assert found["notebook"]["pandas_regex_seconds"] > 0
    assert found["matching"]["names_mb_s"] > found["matching"]["names_regex_loop_mb_s"]
    text = report.read_text()
    assert "| 300 articles |" in text
    assert "## Against what users would otherwise run" in text
    assert "`core_build`" in text


def test_step_cores_times_every_step_of_a_run_and_its_cpu(tmp_path) -> None:
    from bench import step_cores
    from etl.demo.generator import DemoSettings, write_corpus
    from wirewatch.home import Home

    write_corpus(tmp_path / "pages", DemoSettings(articles=300, broken=0))
    steps = step_cores.measure(Home.resolve(tmp_path / "home"), [tmp_path / "pages"], every=0.05)
    by_step = {step.step: step for step in steps}
    assert {"raw__documents", "staging_parse", "core_build", "publish__warehouse"} <= set(by_step)
    assert [step.seconds for step in steps] == sorted((s.seconds for s in steps), reverse=True)
    assert all(step.cpu_seconds >= 0 for step in steps)
    assert by_step["staging_parse"].cpu_seconds > 0 and by_step["staging_parse"].cores > 0
    assert "| `staging_parse` |" in step_cores.table(steps)


def _tables_of(database) -> tuple:
    """Row counts and digests of the tables the profilers write to."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(
            """SELECT (SELECT (count(*), sum(hash(t))) FROM core.near_duplicates AS t),
                      (SELECT (count(*), sum(hash(t))) FROM staging.article_sketches AS t),
                      (SELECT (count(*), sum(hash(t))) FROM staging.article_bands AS t),
                      (SELECT (count(*), sum(hash(t))) FROM core.articles AS t),
                      (SELECT count(*) FROM ops.changed_articles)"""
        ).fetchone()
    finally:
        con.close()


def test_near_duplicates_profile_times_every_step_and_changes_nothing(demo_home, tmp_path) -> None:
    from bench.profile_near_duplicates import profile

    copy = tmp_path / "work.duckdb"
    shutil.copyfile(demo_home.work_db, copy)
    before = _tables_of(copy)
    timings = profile(str(copy), articles=50)
    steps = {label.split(":")[0] for _, label in timings}
    assert {"changed", "sketch", "bands", "candidates"} <= steps
    assert all(seconds >= 0 for seconds, _ in timings)
    assert _tables_of(copy) == before


def test_core_build_profile_times_every_statement_and_changes_nothing(demo_home, tmp_path) -> None:
    from bench.profile_core_build import profile
    from warehouse.schema import transform_sql

    copy = tmp_path / "work.duckdb"
    shutil.copyfile(demo_home.work_db, copy)
    before = _tables_of(copy)
    timings = profile(str(copy), "1GB", batch=100)
    con = duckdb.connect()
    statements = len(con.extract_statements(transform_sql("core", "build")))
    con.close()
    assert len(timings) == statements
    assert _tables_of(copy) == before
