"""The performance suite: raw pages to published warehouse at 10k, 100k and 1M articles.

For each size it streams the demo corpus to disk, times `wirewatch run` from
raw files to the published warehouse (sampling the peak memory of the whole
process tree), reads each stage's time from the run's Dagster event log, adds
one new day of 1,000 articles and times that run too, then times the
dashboard's page queries on the result. Once per suite it measures name and
topic matching against the regex-loop baseline, a plain pandas + regex
pipeline doing the same parsing and counting, and, when ../shared/corpora is
present, HTML extraction against trafilatura's defaults.

Each size's figures are kept in bench/results/performance-<size>.json, and
docs/performance.md is written from every result there, so sizes can be run
one at a time:

    .venv/bin/python -m bench.performance --articles 10000 100000
    .venv/bin/python -m bench.performance --articles 1000000 --keep /var/tmp/ww-1m
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import psutil

from bench import baseline
from bench.machine import machine
from bench.performance_report import write_report
from etl.demo.generator import DemoSettings, write_corpus
from warehouse.connect import open_published
from wirewatch.home import Home
from wirewatch.pipeline import instance_for

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
REPORT = ROOT / "docs" / "performance.md"
WIREWATCH = Path(sys.executable).with_name("wirewatch")
NEW_DAY = DemoSettings(
    articles=1000, start=date(2026, 1, 2), end=date(2026, 1, 2), seed=7, broken=0
)


@dataclass
class Run:
    """One `wirewatch run`: wall time, peak memory of its process tree, time per stage."""

    seconds: float
    peak_rss_mib: float
    stages: dict[str, float] = field(default_factory=dict)


@dataclass
class SizeResult:
    articles: int
    pages: int
    corpus_mb: float
    generate_seconds: float
    full: Run
    new_day: Run
    counts: dict[str, int]
    warehouse_mb: float
    dashboard_ms: dict[str, tuple[float, float]]
    measured: str
    machine: str


class TreeSampler:
    """Samples a process and all its children: the peak of their resident memory, and
    the CPU seconds they have spent so far (a process that exited keeps its last sample)."""

    def __init__(self, pid: int, every: float = 1.0) -> None:
        self.root, self.every, self.peak = psutil.Process(pid), every, 0
        self.times: list[float] = []
        self.cpu_seconds: list[float] = []
        self._spent: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            resident = 0
            for process in tree:
                try:
                    with process.oneshot():
                        resident += process.memory_info().rss
                        spent = process.cpu_times()
                except psutil.Error:
                    continue
                self._spent[process.pid] = spent.user + spent.system
            self.peak = max(self.peak, resident)
            self.times.append(time.time())
            self.cpu_seconds.append(sum(self._spent.values()))
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def spent_by(self, moment: float) -> float:
        """CPU seconds the tree had spent at the first sample at or after `moment`."""
        if not self.times:
            return 0.0
        index = min(bisect.bisect_left(self.times, moment), len(self.times) - 1)
        return self.cpu_seconds[index]


def step_windows(home: Home, since: float) -> list[tuple[str, float, float]]:
    """(step, start, end) of every Dagster step of the runs started after `since`
    (epoch seconds)."""
    windows = []
    with instance_for(home) as instance:
        for record in instance.get_run_records():
            if (record.start_time or 0) < since:
                continue
            for step in instance.get_run_step_stats(record.dagster_run.run_id):
                if step.start_time and step.end_time:
                    windows.append((step.step_key, step.start_time, step.end_time))
    return windows


def stage_seconds(home: Home, since: float) -> dict[str, float]:
    """Seconds per Dagster step over the runs started after `since` (epoch seconds)."""
    totals: dict[str, float] = {}
    for step, start, end in step_windows(home, since):
        totals[step] = totals.get(step, 0.0) + end - start
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


@dataclass
class SampledRun:
    """A finished `wirewatch run`: when it started (epoch seconds), how long it took,
    and the samples of its process tree."""

    started_at: float
    seconds: float
    sampler: TreeSampler


def sampled_run(home: Home, sources: list[Path], every: float = 1.0) -> SampledRun:
    """Run the pipeline in a child process, as a user would, sampling its process tree.

    Whatever the runs before wrote (the generated corpus, a first load's 8 GB
    of databases at a million articles) is flushed to disk first: a user's
    next day starts hours later, not while the kernel still writes the last.
    """
    os.sync()
    command = [str(WIREWATCH), "run", "--home", str(home.root)]
    for source in sources:
        command += ["--source", str(source)]
    started_at, started = time.time(), time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeSampler(process.pid, every)
    _, errors = process.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    if process.returncode:
        raise SystemExit(f"wirewatch run failed:\n{errors.decode(errors='replace')[-3000:]}")
    return SampledRun(started_at, seconds, sampler)


def timed_run(home: Home, sources: list[Path]) -> Run:
    """`sampled_run`: its time, peak memory and time per stage."""
    run = sampled_run(home, sources)
    return Run(run.seconds, run.sampler.peak / 1024**2, stage_seconds(home, run.started_at - 1))


def warehouse_counts(home: Home) -> dict[str, int]:
    con = open_published(home)
    try:
        return {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "raw.documents",
                "core.articles",
                "core.article_versions",
                "core.mentions",
                "core.article_topics",
            )
        }
    finally:
        con.close()


def measure_size(articles: int, root: Path, rounds: int) -> SizeResult:
    from bench.dashboard import percentile, time_queries

    history, day = root / "pages", root / "new-day"
    started = time.perf_counter()
    pages = write_corpus(history, DemoSettings(articles=articles, broken=0))
    generate = time.perf_counter() - started
    write_corpus(day, NEW_DAY)
    corpus_mb = sum(p.stat().st_size for p in history.rglob("*.txt")) / 1024**2
    home = Home.resolve(root / "home")
    print(f"{articles:,}: {pages:,} pages ({corpus_mb:,.0f} MB) in {generate:.0f} s", flush=True)
    full = timed_run(home, [history])
    print(f"{articles:,}: raw pages to published warehouse in {full.seconds:.0f} s", flush=True)
    new_day = timed_run(home, [day])
    print(f"{articles:,}: one new day in {new_day.seconds:.1f} s", flush=True)
    timings = time_queries(home, rounds)
    dashboard = {
        page: (percentile(values, 0.5), percentile(values, 0.95))
        for page, values in timings.items()
    }
    return SizeResult(
        articles=articles,
        pages=pages,
        corpus_mb=corpus_mb,
        generate_seconds=generate,
        full=full,
        new_day=new_day,
        counts=warehouse_counts(home),
        warehouse_mb=home.warehouse.stat().st_size / 1024**2,
        dashboard_ms=dashboard,
        measured=f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        machine=machine(),
    )


def load_results(folder: Path = RESULTS) -> tuple[list[dict], dict | None]:
    sizes = [
        json.loads(path.read_text())
        for path in sorted(folder.glob("performance-*.json"))
        if path.stem != "performance-baselines"
    ]
    baselines_file = folder / "performance-baselines.json"
    found = json.loads(baselines_file.read_text()) if baselines_file.exists() else None
    return sorted(sizes, key=lambda r: r["articles"]), found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3, help="dashboard query rounds")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep corpora and homes under this folder")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--smoke", action="store_true", help="tiny baselines, for CI")
    args = parser.parse_args(argv)

    args.results.mkdir(parents=True, exist_ok=True)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    for articles in args.articles:
        root = Path(tempfile.mkdtemp(prefix=f"wirewatch-perf-{articles}-", dir=args.keep))
        try:
            result = measure_size(articles, root, args.rounds)
        finally:
            if args.keep is None:
                shutil.rmtree(root, ignore_errors=True)
        path = args.results / f"performance-{articles}.json"
        path.write_text(json.dumps(asdict(result), indent=1))
    if not args.no_baselines:
        found = baseline.measure(
            **(
                {"notebook_pages": 40, "matching_articles": 200, "loop_texts": 20}
                if args.smoke
                else {}
            )
        )
        (args.results / "performance-baselines.json").write_text(json.dumps(found, indent=1))
    write_report(*load_results(args.results), args.report)
    print(args.report.read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
