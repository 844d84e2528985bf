"""Atomic publication of the work database.

Readers open `<home>/warehouse.duckdb`. The pipeline never writes that file in
place: it checkpoints the work database, copies it beside the target and
renames the copy over it. A reader that already has the old file open keeps a
consistent snapshot; a new reader sees the new file whole, never half of it.
"""

from __future__ import annotations

import os
import shutil

from warehouse.connect import open_work
from warehouse.remote import configured_uri, publish_to
from wirewatch.home import Home


def _fsync_dir(path: os.PathLike[str]) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(home: Home) -> int:
    """Publish the work database; return the published file's size in bytes.

    With WIREWATCH_WAREHOUSE set, the tables are also copied into that DuckLake
    or MotherDuck warehouse (warehouse/remote.py).
    """
    remote = configured_uri()
    con = open_work(home)
    try:
        con.execute("CHECKPOINT")
        if remote:
            publish_to(con, remote)
    finally:
        con.close()
    staging = home.warehouse.with_name(f".{home.warehouse.name}.{os.getpid()}.tmp")
    shutil.copyfile(home.work_db, staging)
    with open(staging, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, home.warehouse)
    _fsync_dir(home.root)
    return home.warehouse.stat().st_size
