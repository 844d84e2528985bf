"""Run the asset graph in-process on a Dagster instance kept in the home.

A pipeline run is two Dagster runs: the first ingests and builds core (no
partitions); the second rewrites the Kyiv days of the marts whose articles
changed, as one partition range, and publishes. A backfill is the second
alone, over every day of the range it is given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dagster import AssetSelection, DagsterError, DagsterInstance, materialize
from dagster._core.instance.ref import InstanceRef

from assets.definitions import ALL_ASSETS, BUILD, REFRESH, resources_for
from assets.marts import (
    FIRST_DAY,
    KYIV_MONTHS,
    LAST_DAY,
    changed_days,
    month_range_tags,
    refresh_tags,
)
from assets.officials import officials_path
from assets.publish import INGEST_RUN_TAG
from assets.resources import holding_work
from assets.topics import topics_path
from etl.clean.articles import worker_started_early
from etl.landing import SourceNotFound
from etl.officials.reference import load_officials
from etl.topics.taxonomy import load_topics
from warehouse.connect import check_schema, open_published, open_work
from warehouse.reasons import reason_kind
from wirewatch.errors import PipelineFailed, UsageError
from wirewatch.home import Home
from wirewatch.recovery import process_tags, release_dead_runs
from wirewatch.settings import file_sources

RUN_QUERY = """
SELECT files, inputs, parsed, duplicates, quarantined, articles FROM ops.runs WHERE run_id = $run_id
"""
TOP_REASONS = f"""
SELECT {reason_kind("q.reason")} AS kind, count(*) AS n
FROM ops.quarantine AS q
WHERE q.doc_id IN (SELECT doc_id FROM raw.documents WHERE run_id = $run_id)
GROUP BY kind ORDER BY n DESC, kind LIMIT 3
"""


@dataclass(frozen=True)
class RunSummary:
    """What one run received and what became of it."""

    run_id: str
    files: int
    inputs: int
    parsed: int
    duplicates: int
    quarantined: int
    articles: int
    top_reasons: tuple[tuple[str, int], ...] = ()

    def line(self) -> str:
        items = self.inputs - self.files
        received = f"{self.files:,} file{'s' * (self.files != 1)}"
        if items:
            received += f" and {items:,} items in them"
        return (
            f"received {received}: parsed {self.parsed:,}, duplicate {self.duplicates:,}, "
            f"quarantined {self.quarantined:,}; articles {self.articles:,}"
        )

    def report(self) -> str:
        """The summary line, then the commonest quarantine reasons."""
        lines = [self.line()]
        lines += [f"  quarantined {n:,} x {reason}" for reason, n in self.top_reasons]
        return "\n".join(lines)


def instance_for(home: Home) -> DagsterInstance:
    """The home's persistent Dagster instance, configured by the project's dagster.yaml.

    Runs left unfinished by a wirewatch process that died are failed first, so
    their claim on the warehouse pool does not block this one.
    """
    home.prepare()
    os.environ["DAGSTER_HOME"] = str(home.dagster_home)
    instance = DagsterInstance.from_ref(InstanceRef.from_dir(str(home.dagster_home)))
    release_dead_runs(instance)
    return instance


def _check_sources(home: Home, sources: list[str]) -> None:
    """Fail fast, before any run starts, on sources that do not exist."""
    if not sources:
        file_sources(home)  # validates sources.yaml before a run starts
        return
    missing = [s for s in sources if not Path(s).expanduser().exists()]
    if missing:
        raise SourceNotFound(f"source not found: {', '.join(missing)}")


WRITES_WAREHOUSE = {"wirewatch/writes-warehouse": "true"}
PUBLISH_ONLY = AssetSelection.groups("publish")


def _materialize(
    home: Home,
    instance: DagsterInstance,
    selection: AssetSelection,
    tags: dict[str, str],
    run_config: dict[str, Any],
) -> str:
    """One in-process Dagster run of `selection`; its run id, or PipelineFailed."""
    try:
        result = materialize(
            ALL_ASSETS,
            selection=selection,
            instance=instance,
            resources=resources_for(home, in_process=True),
            run_config=run_config,
            tags=WRITES_WAREHOUSE | process_tags() | tags,
        )
    except DagsterError as exc:
        cause = exc.__cause__ or exc
        raise PipelineFailed(f"{type(cause).__name__}: {cause}".splitlines()[0]) from exc
    return result.run_id


def _changed_days(home: Home) -> list[date]:
    con = open_work(home)
    try:
        return changed_days(con)
    finally:
        con.close()


def _logging(verbose: bool) -> dict[str, Any]:
    return {"loggers": {"console": {"config": {"log_level": "DEBUG" if verbose else "WARNING"}}}}


def run_pipeline(home: Home, sources: list[str] | None = None, verbose: bool = False) -> RunSummary:
    """Ingest, build core, refresh the changed days of the marts, publish; PipelineFailed if a step fails."""
    sources = list(sources or [])
    _check_sources(home, sources)
    load_officials(officials_path(home))  # broken reference files stop the run before it starts
    load_topics(topics_path(home))
    check_schema(home)
    # The parse step's worker loads lingua's models while Dagster starts and the files land.
    with worker_started_early(), instance_for(home) as instance, holding_work(home):
        ingest_config = {"ops": {"raw__documents": {"config": {"sources": sources}}}}
        ingest_run = _materialize(home, instance, BUILD, {}, ingest_config | _logging(verbose))
        refresh = refresh_tags(_changed_days(home))
        tags = {INGEST_RUN_TAG: ingest_run} | refresh
        _materialize(home, instance, REFRESH if refresh else PUBLISH_ONLY, tags, _logging(verbose))
    return _summary(home, ingest_run)


def run_backfill(home: Home, first: date, last: date, verbose: bool = False) -> RunSummary:
    """Rewrite every Kyiv day from `first` to `last` (inclusive) of every mart, then publish."""
    if last < first:
        raise UsageError(f"--from {first} is after --to {last}")
    earliest = date.fromisoformat(KYIV_MONTHS.start.strftime("%Y-%m-%d"))
    if first < earliest:
        raise UsageError(f"--from {first} is before the first partition, {earliest}")
    latest = date.fromisoformat(KYIV_MONTHS.get_last_partition_key())
    if last.replace(day=1) > latest:
        raise UsageError(f"--to {last} is after the last partition, the month of {latest}")
    check_schema(home)
    tags = month_range_tags(first, last) | {
        FIRST_DAY: first.isoformat(),
        LAST_DAY: last.isoformat(),
    }
    with instance_for(home) as instance:
        run = _materialize(home, instance, REFRESH, tags, _logging(verbose))
    return _summary(home, run)


def _summary(home: Home, run_id: str) -> RunSummary:
    con = open_published(home)
    try:
        row = con.execute(RUN_QUERY, {"run_id": run_id}).fetchone()
        reasons = con.execute(TOP_REASONS, {"run_id": run_id}).fetchall()
    finally:
        con.close()
    counts = (int(v) for v in row)
    return RunSummary(run_id, *counts, top_reasons=tuple((r, int(n)) for r, n in reasons))
