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
from dataclasses import dataclass
from pathlib import Path

from bench.performance import sampled_run, step_windows
from wirewatch.home import Home


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
    run = sampled_run(home, sources, every)
    spent_by = run.sampler.spent_by
    steps = [
        StepCores(step, end - start, spent_by(end) - spent_by(start))
        for step, start, end in step_windows(home, run.started_at - 1)
    ]
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
