"""Cores each step of one `wirewatch run` keeps busy: where a core sits idle.

Runs the pipeline on the given sources into a new home, samples the CPU time
of its whole process tree (the run, the parse step's worker, the per-core
processes) twice a second, and reads each step's start and end from the run's
Dagster event log. On a machine of two cores, a step at 1.2 cores leaves most
of one idle: its work is the place to look for overlap, not for less work.

    .venv/bin/python -m bench.step_cores --home /tmp/ww-cores --source /path/to/pages

A process's CPU time is read while it lives: what a short-lived process spent
after its last sample (half a second at most) is not counted.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.performance import WIREWATCH, TreeSampler
from wirewatch.home import Home
from wirewatch.pipeline import instance_for


@dataclass(frozen=True)
class StepCores:
    step: str
    seconds: float
    cpu_seconds: float  # user and system time of every process in the run's tree

    @property
    def cores(self) -> float:
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


def measure(home: Home, sources: list[Path], every: float = 0.5) -> list[StepCores]:
    """Run the pipeline on `sources` into `home`; each step's time and CPU, longest first.

    A step shorter than `every` seconds may show no CPU at all.
    """
    command = [str(WIREWATCH), "run", "--home", str(home.root)]
    for source in sources:
        command += ["--source", str(source)]
    started = time.time()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cpu = TreeSampler(process.pid, every)
    _, errors = process.communicate()
    cpu.stop()
    if process.returncode:
        raise SystemExit(f"wirewatch run failed:\n{errors.decode(errors='replace')[-3000:]}")
    steps = []
    with instance_for(home) as instance:
        for record in instance.get_run_records():
            if (record.start_time or 0) < started - 1:
                continue
            for step in instance.get_run_step_stats(record.dagster_run.run_id):
                if step.start_time and step.end_time:
                    spent = cpu.spent_by(step.end_time) - cpu.spent_by(step.start_time)
                    steps.append(StepCores(step.step_key, step.end_time - step.start_time, spent))
    return sorted(steps, key=lambda step: -step.seconds)


def table(steps: list[StepCores]) -> str:
    lines = ["| step | seconds | CPU seconds | cores busy |", "|---|---:|---:|---:|"]
    lines += [
        f"| `{s.step}` | {s.seconds:.1f} | {s.cpu_seconds:.1f} | {s.cores:.2f} |" for s in steps
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="a new home to build")
    parser.add_argument("--source", type=Path, action="append", required=True)
    args = parser.parse_args(argv)
    print(table(measure(Home.resolve(args.home), args.source)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
