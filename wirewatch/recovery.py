"""Recovering from a `wirewatch` process killed mid-run (kill -9, power cut, OOM killer).

An in-process run that dies leaves its Dagster run marked STARTED and, worse,
keeps the warehouse pool's only slot claimed, so the next run would wait for
it forever. Every run the command starts is tagged with the host and process
that run it; before a new run, runs whose process is gone are reported failed
and their slots freed. Runs started by the Dagster daemon carry no such tag and
are left to the daemon's own run monitoring (dagster.yaml).

The warehouse itself needs no repair: DuckDB replays or discards the work
database's log on the next open, the published file is only ever replaced by
an atomic rename, and each step rewrites what it owns, so the next run
converges to the result of an uninterrupted one (tests/test_faults.py).
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

PID_TAG, HOST_TAG = "wirewatch/pid", "wirewatch/host"
UNFINISHED = [DagsterRunStatus.STARTING, DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]


def process_tags() -> dict[str, str]:
    """Tags naming this process, for the runs it starts."""
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A recycled pid belongs to some other program; ours run Python.
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return b"python" in command or b"wirewatch" in command


def release_dead_runs(instance: DagsterInstance) -> list[str]:
    """Fail the unfinished runs whose wirewatch process on this host is gone; their ids."""
    host = socket.gethostname()
    released = []
    for run in instance.get_runs(RunsFilter(statuses=UNFINISHED, tags={HOST_TAG: host})):
        pid = run.tags.get(PID_TAG)
        if pid is None or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        instance.report_run_failed(run, f"wirewatch process {pid} died before the run finished")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        released.append(run.run_id)
    return released
