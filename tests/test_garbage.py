"""The parse step's batch collection: cycles reclaimed per batch, the collector restored after."""

from __future__ import annotations

import gc
import weakref

from assets.garbage import BatchCollection


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
