"""What runs by itself under `dagster dev` / the daemon: polling, the inbox, and the marts after.

- `poll_feeds` (schedule, every 15 minutes): an `ingest_and_model` run that polls
  the feeds and pages of `sources.yaml` (each at most every `poll_minutes`) and
  picks up any new file in the configured sources.
- `inbox_files` (sensor, every 30 s): a file dropped into `<home>/inbox` (or
  moved there) starts an `ingest_and_model` run for the new files.
- `marts_after_ingest` (run status sensor): when `ingest_and_model` succeeds,
  a `refresh_marts` run over the months whose articles changed (only those
  days are rewritten), or a `publish_warehouse` run when nothing changed.

All three are on by default. Every job that writes the warehouse carries the
tag `wirewatch/writes-warehouse`, limited to one run at a time by the run
queue (dagster.yaml), so runs the automation starts queue rather than collide.
"""

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from dagster import (
    DagsterRunStatus,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    RunStatusSensorContext,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    run_status_sensor,
    sensor,
)

from assets.marts import changed_days, refresh_tags
from assets.publish import INGEST_RUN_TAG
from warehouse.connect import open_work
from wirewatch.home import Home

if TYPE_CHECKING:
    from dagster._core.definitions.unresolved_asset_job_definition import (
        UnresolvedAssetJobDefinition as Job,
    )

POLL_CRON = "*/15 * * * *"
# How often the daemon looks into the inbox; WIREWATCH_INBOX_SECONDS changes it.
INBOX_INTERVAL_S = int(os.environ.get("WIREWATCH_INBOX_SECONDS", "30"))


def _ingest_config(sources: list[str], poll: bool) -> dict:
    return {"ops": {"raw__documents": {"config": {"sources": sources, "poll": poll}}}}


def inbox_changes(inbox: Path, seen_until: int) -> tuple[list[str], int]:
    """Files in the inbox created, changed or moved in after `seen_until` (ns), and the new mark.

    The change time (ctime) moves when a file is written, renamed or moved in, so
    a file copied with its old modification time is still noticed.
    """
    if not inbox.is_dir():
        return [], seen_until
    arrived, latest = [], seen_until
    for path in sorted(inbox.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        stat = path.stat()
        changed = max(stat.st_mtime_ns, stat.st_ctime_ns)
        if changed > seen_until:
            arrived.append(str(path))
            latest = max(latest, changed)
    return arrived, latest


def automation_for(home: Home, ingest: "Job", refresh: "Job", publish: "Job") -> tuple[list, list]:
    """The schedules and sensors for a home, given its three jobs."""
    poll_feeds = ScheduleDefinition(
        name="poll_feeds",
        job=ingest,
        cron_schedule=os.environ.get("WIREWATCH_POLL_CRON", POLL_CRON),
        execution_timezone="Europe/Kyiv",
        run_config=_ingest_config([], poll=True),
        default_status=DefaultScheduleStatus.RUNNING,
        description="Poll the configured feeds and pages, and pick up new files in the sources.",
    )

    @sensor(
        name="inbox_files",
        job=ingest,
        minimum_interval_seconds=INBOX_INTERVAL_S,
        default_status=DefaultSensorStatus.RUNNING,
        description="Ingest files dropped into <home>/inbox.",
    )
    def inbox_files(context: SensorEvaluationContext):
        seen_until = json.loads(context.cursor)["seen_until"] if context.cursor else 0
        arrived, latest = inbox_changes(home.inbox, seen_until)
        if not arrived:
            return SkipReason(f"nothing new in {home.inbox}")
        context.update_cursor(json.dumps({"seen_until": latest}))
        return RunRequest(
            run_key=f"inbox-{latest}",
            run_config=_ingest_config(arrived, poll=False),
            tags={"wirewatch/inbox-files": str(len(arrived))},
        )

    @run_status_sensor(
        name="marts_after_ingest",
        run_status=DagsterRunStatus.SUCCESS,
        monitored_jobs=[ingest],
        request_jobs=[refresh, publish],
        default_status=DefaultSensorStatus.RUNNING,
        description="Refresh the changed days of the marts and publish after every ingest.",
    )
    def marts_after_ingest(context: RunStatusSensorContext):
        con = open_work(home)
        try:
            tags = refresh_tags(changed_days(con))
        finally:
            con.close()
        ingest_run = context.dagster_run.run_id
        return RunRequest(
            run_key=f"after-{ingest_run}",
            job_name=refresh.name if tags else publish.name,
            tags={INGEST_RUN_TAG: ingest_run} | tags,
        )

    return [poll_feeds], [inbox_files, marts_after_ingest]
