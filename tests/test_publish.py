"""Publishing replaces the warehouse atomically; open readers keep their snapshot."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from warehouse.blocks import HEADER_BYTES, SPOT_CHECKS, dirty_marker
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


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_rows(home: Home, rows: int, tag: str) -> None:
    """Enough new rows to change several blocks of the file."""
    con = open_work(home)
    con.execute(
        "INSERT INTO ops.runs SELECT $tag || i, now(), i, i, i, i, i, i FROM range($rows) t(i)",
        {"tag": tag, "rows": rows},
    )
    con.close()


def _published_twice(tmp_path: Path) -> Home:
    """A home whose work file has been published twice."""
    home = Home.resolve(tmp_path).prepare()
    _add_rows(home, 50_000, "a")
    first = publish(home)
    assert first.method == "whole copy: there is no earlier copy to bring up to date"
    # The first publication also lays down the file the next one updates.
    assert first.written_bytes == 2 * first.size_bytes
    assert home.previous_publication.exists()
    _add_rows(home, 50_000, "b")
    assert publish(home).method == "changed blocks"
    return home


def test_later_publications_rewrite_only_changed_blocks_and_equal_the_work_database(
    tmp_path: Path,
) -> None:
    home = _published_twice(tmp_path)
    for tag in ("c", "d", "e"):
        _add_rows(home, 20_000, tag)
        publication = publish(home)
        assert publication.method == "changed blocks"
        assert 0 < publication.written_bytes < publication.size_bytes
        assert _digest(home.warehouse) == _digest(home.work_db)
    reader = open_published(home)
    assert reader.sql("SELECT count(*) FROM ops.runs").fetchone()[0] == 160_000
    reader.close()
    leftovers = [
        p.name for p in home.work_db.parent.iterdir() if p.name.endswith((".next", ".dirty"))
    ]
    assert leftovers == []


def test_a_reader_of_the_previous_publication_keeps_it_and_the_work_is_copied_whole(
    tmp_path: Path,
) -> None:
    home = Home.resolve(tmp_path).prepare()
    _add_rows(home, 1_000, "a")
    publish(home)
    reader = open_published(home)  # will be the previous publication after the next one
    _add_rows(home, 1_000, "b")
    assert publish(home).method == "changed blocks"
    _add_rows(home, 1_000, "c")

    publication = publish(home)

    assert publication.method == "whole copy: a reader still has the copy open"
    assert reader.sql("SELECT count(*) FROM ops.runs").fetchone()[0] == 1_000
    assert _digest(home.warehouse) == _digest(home.work_db)
    reader.close()
    _add_rows(home, 1_000, "d")
    assert publish(home).method == "changed blocks"


def test_a_previous_publication_whose_update_was_cut_short_is_never_published(
    tmp_path: Path,
) -> None:
    home = _published_twice(tmp_path)
    with open(home.previous_publication, "r+b") as torn:
        torn.seek(HEADER_BYTES + 4096)
        torn.write(b"\xff" * 4096)
    dirty_marker(home.previous_publication).touch()
    _add_rows(home, 100, "c")

    publication = publish(home)

    assert publication.method == "whole copy: an earlier update of the copy was cut short"
    assert _digest(home.warehouse) == _digest(home.work_db)
    assert not dirty_marker(home.previous_publication).exists()


def test_blocks_that_differ_behind_equal_checksums_are_caught_and_copied_whole(
    tmp_path: Path,
) -> None:
    home = _published_twice(tmp_path)
    previous = home.previous_publication
    assert (previous.stat().st_size - HEADER_BYTES) // (256 * 1024) <= SPOT_CHECKS
    with open(previous, "r+b") as altered:  # the bytes after a block's checksum
        altered.seek(HEADER_BYTES + 1000)
        altered.write(b"\x00\x01" * 100)

    publication = publish(home)

    assert publication.method.startswith("whole copy: the block at byte")
    assert _digest(home.warehouse) == _digest(home.work_db)


def test_a_swap_cut_short_never_lets_publishing_write_the_published_file(
    tmp_path: Path,
) -> None:
    home = _published_twice(tmp_path)
    published = _digest(home.warehouse)
    snapshot = tmp_path / "snapshot.duckdb"
    os.link(home.warehouse, snapshot)
    # As if killed between renaming the new file into place and renaming the
    # outgoing one to the previous publication: both names are the published file.
    home.previous_publication.unlink()
    os.link(home.warehouse, home.previous_publication)
    _add_rows(home, 100, "c")

    publication = publish(home)

    assert publication.method.startswith("whole copy")
    assert _digest(snapshot) == published
    assert _digest(home.warehouse) == _digest(home.work_db)
    assert not home.previous_publication.samefile(home.warehouse)
