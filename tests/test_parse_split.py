"""Unit tests of `etl.parse_split.ParseSplit`, the worker's share of each batch's parsing."""

from __future__ import annotations

from etl.parse_split import ParseSplit


def run_batches(split: ParseSplit, here_fixed: float, worker_fixed: float, batches: int) -> float:
    """Batches of 1,000 files costing 1 ms each to parse; the imbalance left at the end."""
    singles, per_file = 1000, 0.001
    imbalance = 0.0
    for _ in range(batches):
        to_worker = split.for_worker(singles)
        here = here_fixed + (singles - to_worker) * per_file
        worker = worker_fixed + to_worker * per_file
        split.parsed(singles - to_worker, (singles - to_worker) * per_file)
        split.balance(here, worker, singles)
        imbalance = here - worker
    return imbalance


def test_the_share_evens_out_the_two_processes() -> None:
    """Saving costs 0.2 s a batch here and finishing 0.5 s there: the worker takes 35%."""
    split = ParseSplit()

    imbalance = run_batches(split, here_fixed=0.2, worker_fixed=0.5, batches=20)

    assert abs(imbalance) < 0.01
    assert abs(split.share - 0.35) < 0.01


def test_a_busier_worker_takes_no_parsing() -> None:
    split = ParseSplit(share=0.5)

    run_batches(split, here_fixed=0.0, worker_fixed=5.0, batches=5)

    assert split.share == 0.0
    assert split.for_worker(1000) == 0


def test_an_idle_worker_takes_at_most_every_file() -> None:
    split = ParseSplit()

    run_batches(split, here_fixed=5.0, worker_fixed=0.0, batches=5)

    assert split.share == 1.0
    assert split.for_worker(1000) == 1000


def test_nothing_moves_before_a_parse_was_timed_or_without_single_article_files() -> None:
    split = ParseSplit()
    split.balance(here=3.0, worker=1.0, singles=1000)
    assert split.share == 0.0

    split.parsed(files=100, seconds=0.1)
    split.balance(here=3.0, worker=1.0, singles=0)
    assert split.share == 0.0

    split.balance(here=3.0, worker=1.0, singles=1000)
    assert split.share > 0.0
