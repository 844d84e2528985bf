"""The warehouse depends on what arrived, not on how it was split into runs.

The same pages ingested in one run, in two runs (older half first), or in two
runs the other way round (so lists point at pages not seen yet) must give
identical tables, and re-running over the same inputs must change nothing.
Re-running a range of mart partitions (a backfill) gives the same tables too.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from dagster import AssetKey

import assets.core
from etl.demo.generator import DemoSettings, write_corpus
from tests.digests import digests as _digests
from warehouse.connect import open_published, open_work
from wirewatch.home import Home
from wirewatch.pipeline import instance_for, run_backfill, run_pipeline


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo corpus split by month into an older and a newer folder."""
    root = tmp_path_factory.mktemp("corpus")
    everything = root / "all"
    write_corpus(everything, DemoSettings(articles=500, broken=0))
    older, newer = root / "older", root / "newer"
    for page in sorted(everything.rglob("*.txt")):
        month = page.parent.name
        target = (older if month < "2025-03" else newer) / page.relative_to(everything)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    return older, newer


@pytest.fixture(scope="module")
def one_run(corpus, tmp_path_factory) -> dict[str, str]:
    home = Home.resolve(tmp_path_factory.mktemp("one-run"))
    run_pipeline(home, [str(corpus[0]), str(corpus[1])])
    return _digests(home)


def test_older_then_newer_equals_one_run(corpus, one_run, tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    run_pipeline(home, [str(corpus[0])])
    halfway = _digests(home)
    assert all(
        halfway[table] != one_run[table] for table in ("core.articles", "marts.daily_volume")
    )
    run_pipeline(home, [str(corpus[1])])
    assert _digests(home) == one_run


def test_small_core_batches_equal_one_run(
    corpus, one_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The core build's and near-duplicate search's bounded batches change no table."""
    monkeypatch.setattr(assets.core, "BATCH_DOCS", 97)
    monkeypatch.setattr(assets.core, "NEAR_DUPLICATE_BATCH", 5)
    monkeypatch.setattr(assets.core, "PAIRING_BATCH", 3)
    home = Home.resolve(tmp_path)
    run_pipeline(home, [str(corpus[0]), str(corpus[1])])
    with instance_for(home) as instance:
        built = instance.get_latest_materialization_event(AssetKey(["core", "articles"]))
        paired = instance.get_latest_materialization_event(AssetKey(["core", "near_duplicates"]))
    assert built.asset_materialization.metadata["batches"].value > 5
    assert paired.asset_materialization.metadata["batches"].value > 5
    assert paired.asset_materialization.metadata["pairing_batches"].value > 3
    assert paired.asset_materialization.metadata["candidate_pairs"].value > 5
    assert _digests(home) == one_run


def test_newer_then_older_equals_one_run(corpus, one_run, tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    run_pipeline(home, [str(corpus[1])])
    run_pipeline(home, [str(corpus[0])])
    assert _digests(home) == one_run


def test_running_again_over_the_same_inputs_changes_nothing(
    corpus, one_run, tmp_path: Path
) -> None:
    home = Home.resolve(tmp_path)
    run_pipeline(home, [str(corpus[0]), str(corpus[1])])
    run_pipeline(home, [str(corpus[0]), str(corpus[1])])
    assert _digests(home) == one_run


def test_a_backfill_rewrites_its_days_and_changes_nothing_else(
    corpus, one_run, tmp_path: Path
) -> None:
    home = Home.resolve(tmp_path)
    run_pipeline(home, [str(corpus[0]), str(corpus[1])])
    con = open_work(home)
    con.execute("UPDATE marts.daily_volume SET articles = articles + 100 WHERE day = '2024-07-01'")
    con.execute("DELETE FROM marts.daily_volume WHERE day = '2024-07-02'")
    con.close()

    run_backfill(home, date(2024, 6, 25), date(2024, 7, 5))

    assert _digests(home) == one_run


def test_a_run_materializes_only_the_months_whose_articles_changed(corpus, tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    run_pipeline(home, [str(corpus[0])])
    run_pipeline(home, [str(corpus[1])])
    con = open_published(home)
    months = {
        d.replace(day=1).isoformat()
        for (d,) in con.sql("SELECT DISTINCT day FROM marts.daily_volume").fetchall()
    }
    con.close()
    with instance_for(home) as instance:
        materialized = instance.get_materialized_partitions(AssetKey(["marts", "daily_volume"]))
        newest_range = instance.get_run_records(limit=1)[0].dagster_run.tags
    # Each run covers the months of its changed days, never the whole partition set.
    assert months <= materialized
    assert (min(materialized), max(materialized)) == (min(months), max(months))
    first, last = (
        newest_range["dagster/asset_partition_range_start"],
        newest_range["dagster/asset_partition_range_end"],
    )
    # The second run's range reaches back only as far as the older articles its
    # pages list (MORE ABOUT), and rewrites only the days that changed inside it.
    assert first <= last and last >= "2025-03-01"
    assert newest_range["wirewatch/changed-days-only"] == "true"
