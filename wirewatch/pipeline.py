"""Run the whole asset graph in-process on a Dagster instance kept in the home."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dagster import DagsterError, DagsterInstance, materialize
from dagster._core.instance.ref import InstanceRef

from assets.definitions import ALL_ASSETS, resources_for
from etl.landing import SourceNotFound
from warehouse.connect import check_schema, open_published
from wirewatch.errors import PipelineFailed
from wirewatch.home import Home
from wirewatch.settings import file_sources

REASON_PATTERN = r"'[^']*'|\"[^\"]*\"|\d+"

RUN_QUERY = """
SELECT files, inputs, parsed, duplicates, quarantined, articles FROM ops.runs WHERE run_id = $run_id
"""
TOP_REASONS = f"""
SELECT regexp_replace(q.reason, '{REASON_PATTERN.replace("'", "''")}', '…', 'g') AS kind, count(*) AS n
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
    """The home's persistent Dagster instance, configured by the project's dagster.yaml."""
    home.prepare()
    os.environ["DAGSTER_HOME"] = str(home.dagster_home)
    return DagsterInstance.from_ref(InstanceRef.from_dir(str(home.dagster_home)))


def _check_sources(home: Home, sources: list[str]) -> None:
    """Fail fast, before any run starts, on sources that do not exist."""
    if not sources:
        file_sources(home)  # validates sources.yaml before a run starts
        return
    missing = [s for s in sources if not Path(s).expanduser().exists()]
    if missing:
        raise SourceNotFound(f"source not found: {', '.join(missing)}")


def run_pipeline(home: Home, sources: list[str] | None = None, verbose: bool = False) -> RunSummary:
    """Materialize every asset once; PipelineFailed if a step fails."""
    sources = list(sources or [])
    _check_sources(home, sources)
    check_schema(home)
    run_config = {
        "ops": {"raw__documents": {"config": {"sources": sources}}},
        "loggers": {"console": {"config": {"log_level": "DEBUG" if verbose else "WARNING"}}},
    }
    with instance_for(home) as instance:
        try:
            result = materialize(
                ALL_ASSETS,
                instance=instance,
                resources=resources_for(home),
                run_config=run_config,
                tags={"wirewatch/writes-warehouse": "true"},
            )
        except DagsterError as exc:
            cause = exc.__cause__ or exc
            raise PipelineFailed(f"{type(cause).__name__}: {cause}".splitlines()[0]) from exc
    con = open_published(home)
    try:
        row = con.execute(RUN_QUERY, {"run_id": result.run_id}).fetchone()
        reasons = con.execute(TOP_REASONS, {"run_id": result.run_id}).fetchall()
    finally:
        con.close()
    counts = (int(v) for v in row)
    return RunSummary(result.run_id, *counts, top_reasons=tuple((r, int(n)) for r, n in reasons))
