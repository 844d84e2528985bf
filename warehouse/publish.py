"""Atomic publication of the work database.

Readers open `<home>/warehouse.duckdb`. The pipeline never writes that file in
place: it checkpoints the work database, makes a file byte-identical to it
beside the target and renames that file over it. A reader that already has the
old file open keeps a consistent snapshot; a new reader sees the new file
whole, never half of it.

The new file is made cheaply when it can be. The file replaced last time is
kept (`Home.previous_publication`); once no reader has it open, only the blocks
that changed since it was published are rewritten (warehouse/blocks.py), so
publishing costs what the runs in between wrote, not the size of the history.
Otherwise the work database is copied whole, as on a first publication.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from warehouse.blocks import CopyUnusable, dirty_marker, fsync_directory, refresh_copy
from warehouse.connect import open_work
from warehouse.remote import configured_uri, publish_to
from wirewatch.home import Home


@dataclass(frozen=True)
class Publication:
    """What one publication wrote."""

    size_bytes: int
    written_bytes: int
    # "changed blocks", or "whole copy: <why the previous publication could not be updated>"
    method: str


def publish(home: Home) -> Publication:
    """Publish the work database.

    With WIREWATCH_WAREHOUSE set, the tables are also copied into that DuckLake
    or MotherDuck warehouse (warehouse/remote.py).
    """
    remote = configured_uri()
    con = open_work(home)
    try:
        con.execute("CHECKPOINT")
        block_size = con.execute(
            "SELECT block_size FROM pragma_database_size() WHERE database_name = current_database()"
        ).fetchall()[0][0]
        if remote:
            publish_to(con, remote)
    finally:
        con.close()
    _finish_interrupted_swap(home)
    previous = home.previous_publication
    try:
        blocks = refresh_copy(home.work_db, previous, block_size)
        fresh, written, method = previous, blocks * block_size, "changed blocks"
    except CopyUnusable as why:
        fresh = _temporary(home)
        written, method = _synced_copy(home.work_db, fresh), f"whole copy: {why}"
    _swap_in(home, fresh)
    if not previous.exists():
        written += _lay_down_previous(home)
    return Publication(home.warehouse.stat().st_size, written, method)


def _lay_down_previous(home: Home) -> int:
    """A first publication leaves a previous one too, so the next can be made by blocks."""
    laid = home.previous_publication.with_name(home.previous_publication.name + ".tmp")
    written = _synced_copy(home.work_db, laid)
    os.replace(laid, home.previous_publication)
    fsync_directory(laid.parent)
    return written


def _synced_copy(source: Path, target: Path) -> int:
    """Copy a whole file and sync it; return its size."""
    shutil.copyfile(source, target)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())
    return target.stat().st_size


def _temporary(home: Home) -> Path:
    return home.warehouse.with_name(f".{home.warehouse.name}.{os.getpid()}.tmp")


def _kept_name(home: Home) -> Path:
    """Where the outgoing publication is linked while the new one replaces it."""
    return home.previous_publication.with_name(home.previous_publication.name + ".next")


def _swap_in(home: Home, fresh: Path) -> None:
    """Rename `fresh` over the warehouse; keep the outgoing file as the previous publication."""
    kept = _kept_name(home)
    kept.unlink(missing_ok=True)
    if home.warehouse.exists():
        os.link(home.warehouse, kept)
    if fresh == home.previous_publication:
        linked = _temporary(home)
        linked.unlink(missing_ok=True)
        os.link(fresh, linked)
        fresh = linked
    os.replace(fresh, home.warehouse)
    fsync_directory(home.root)
    _finish_interrupted_swap(home)


def _finish_interrupted_swap(home: Home) -> None:
    """Give `previous_publication` the outgoing file, and never the published one.

    Run after every swap, and before every publication in case a crash cut the
    last swap short.
    """
    previous, kept = home.previous_publication, _kept_name(home)
    if kept.exists():
        os.replace(kept, previous)
        # After the rename: a marker left over a clean file costs one whole copy,
        # a clean-looking torn file would be published.
        dirty_marker(previous).unlink(missing_ok=True)
    if previous.exists() and home.warehouse.exists() and previous.samefile(home.warehouse):
        previous.unlink()
    fsync_directory(previous.parent)
