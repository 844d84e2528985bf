"""Killing wirewatch mid-run loses nothing, and readers never get in a run's way.

A `wirewatch run` is killed with SIGKILL at several points of its work. After
each kill the published warehouse is still whole (it opens, and its tables
agree with each other); the next, uninterrupted run completes and gives the
same tables as a run that was never interrupted. Meanwhile readers that keep
querying the published warehouse while runs publish never fail a run and never
see a half-built warehouse.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from etl.demo.generator import DemoSettings, write_corpus
from tests.conftest import WIREWATCH
from tests.digests import digests as _digests
from warehouse.connect import open_published
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline

CONSISTENT = """
SELECT (SELECT sum(articles) FROM marts.daily_volume) = (SELECT count(*) FROM core.articles)
   AND (SELECT count(*) FROM core.articles) = (SELECT max(articles) FROM ops.runs
                                              WHERE published_at = (SELECT max(published_at)
                                                                    FROM ops.runs))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A demo corpus split into a first batch and the rest."""
    root = tmp_path_factory.mktemp("fault-corpus")
    everything = root / "all"
    write_corpus(everything, DemoSettings(articles=900, broken=0))
    first, rest = root / "first", root / "rest"
    for page in sorted(everything.rglob("*.txt")):
        target = (first if page.parent.name < "2024-10" else rest) / page.relative_to(everything)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    return first, rest


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory) -> tuple[dict[str, str], float]:
    """Tables of a home that ran first, then rest, untroubled; and how long `rest` took."""
    home = Home.resolve(tmp_path_factory.mktemp("uninterrupted"))
    run_pipeline(home, [str(corpus[0])])
    started = time.monotonic()
    run_pipeline(home, [str(corpus[1])])
    return _digests(home), time.monotonic() - started


def _whole(home: Home) -> bool:
    con = open_published(home)
    try:
        return bool(con.execute(CONSISTENT).fetchone()[0])
    finally:
        con.close()


def _start(home: Home, source: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(WIREWATCH), "run", "--home", str(home.root), "--source", str(source)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_kill_9_at_any_point_leaves_the_warehouse_whole_and_the_next_run_converges(
    corpus, uninterrupted, tmp_path
) -> None:
    expected, duration = uninterrupted
    home = Home.resolve(tmp_path / "home")
    run_pipeline(home, [str(corpus[0])])
    before = _digests(home)
    # Subprocesses also pay for imports (about 3 s); kill across the whole run.
    kills = 0
    for fraction in (0.15, 0.35, 0.55, 0.75, 0.95):
        run = _start(home, corpus[1])
        time.sleep(2.5 + fraction * duration)
        if run.poll() is None:
            run.kill()
            kills += 1
        run.wait(timeout=60)
        assert _whole(home), f"published warehouse inconsistent after a kill at {fraction:.0%}"
        assert _digests(home) in (before, expected), "published warehouse is neither old nor new"
    assert kills >= 3, "the runs finished before they could be killed"
    final = _start(home, corpus[1])
    _, errors = final.communicate(timeout=600)
    assert final.returncode == 0, errors.decode()[-2000:]
    assert _digests(home) == expected


def test_readers_never_block_a_run_nor_see_half_a_warehouse(corpus, tmp_path) -> None:
    home = Home.resolve(tmp_path / "home")
    run_pipeline(home, [str(corpus[0])])
    stop, seen, failures = threading.Event(), [], []

    def read() -> None:
        while not stop.is_set():
            try:
                con = open_published(home)
                seen.append(bool(con.execute(CONSISTENT).fetchone()[0]))
                time.sleep(0.05)  # hold the file open a little, as a dashboard does
                con.close()
            except Exception as exc:  # noqa: BLE001 - any reader failure fails the test
                failures.append(repr(exc))

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        run = _start(home, corpus[1])
        _, errors = run.communicate(timeout=600)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert run.returncode == 0, errors.decode()[-2000:]
    assert not failures, failures[:3]
    assert seen and all(seen)
