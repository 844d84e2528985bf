"""Publishing replaces the warehouse atomically; open readers keep their snapshot."""

from __future__ import annotations

from pathlib import Path

from warehouse.connect import open_published, open_work
from warehouse.publish import publish
from wirewatch.home import Home


def _add_run(home: Home, run_id: str) -> None:
    con = open_work(home)
    con.execute("INSERT INTO ops.runs VALUES ($id, now(), 0, 0, 0, 0, 0, 0)", {"id": run_id})
    con.close()


def test_reader_keeps_its_snapshot_while_a_new_warehouse_is_published(tmp_path: Path) -> None:
    home = Home.resolve(tmp_path).prepare()
    _add_run(home, "first")
    publish(home)
    reader = open_published(home)
    assert reader.sql("SELECT run_id FROM ops.runs").fetchall() == [("first",)]

    _add_run(home, "second")
    publish(home)

    assert reader.sql("SELECT run_id FROM ops.runs ORDER BY 1").fetchall() == [("first",)]
    reader.close()
    fresh = open_published(home)
    assert fresh.sql("SELECT run_id FROM ops.runs ORDER BY 1").fetchall() == [
        ("first",),
        ("second",),
    ]
    fresh.close()
    assert [p.name for p in home.root.iterdir() if p.name.endswith(".tmp")] == []
