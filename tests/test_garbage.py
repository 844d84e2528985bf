"""The parse step's batch collection: cycles reclaimed per batch, the collector restored after."""

from __future__ import annotations

import gc
import weakref

from etl.garbage import BatchCollection, collected_after


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def _thrown_away_cycle() -> weakref.ref:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_a_cycle_a_batch_threw_away_is_reclaimed_between_batches() -> None:
    with BatchCollection() as garbage:
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0
        cycle = _thrown_away_cycle()
        assert cycle() is not None  # nothing collects it on its own
        assert garbage.collect() >= 2
        assert cycle() is None


def test_the_collector_is_put_back_as_it_was() -> None:
    assert gc.isenabled()
    with BatchCollection():
        pass
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        with BatchCollection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_work_collected_after_keeps_its_result_and_loses_its_cycles() -> None:
    thrown_away: list[weakref.ref] = []

    def work(kept: int) -> list[int]:
        assert not gc.isenabled()
        thrown_away.append(_thrown_away_cycle())
        return [kept]

    assert collected_after(work, 7) == [7]
    assert thrown_away[0]() is None
    assert gc.isenabled() and gc.get_freeze_count() == 0
