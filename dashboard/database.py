"""The dashboard's only door to the warehouse: the published file, read-only, cached by version.

One sandboxed connection is kept per published file (identified by inode and
modification time) and each query runs on a cursor of its own, so concurrent
sessions do not share a cursor and nobody pays to open the file and load the
search extension on every query. Publishing renames a new file into place; the
next rerun sees a new version, opens it and closes the old connection once its
last query ends. The pipeline never writes a file the dashboard has open, so
the dashboard cannot hold a lock it needs.

Query results are cached per version too (`cached`), so a published warehouse
invalidates every cached chart at once.
"""

from __future__ import annotations

import re
import threading
import time as clock
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import duckdb
import polars as pl
import streamlit as st

from warehouse.connect import open_published, published_cursor
from warehouse.remote import configured_uri
from wirewatch.home import Home

KYIV = ZoneInfo("Europe/Kyiv")
Version = tuple[str, int, int] | None
REMOTE_REFRESH_S = 60
PARAMETER = re.compile(r"\$([a-z_]+)")

cached = st.cache_data(show_spinner=False, max_entries=256)


def home() -> Home:
    return Home.resolve()


def version() -> Version:
    """Identity of the published file, or None when nothing is published yet.

    A remote warehouse (WIREWATCH_WAREHOUSE) cannot be stat'ed: it is re-opened,
    and the caches renewed, once a minute.
    """
    uri = configured_uri()
    if uri:
        return (uri, 0, int(clock.time() // REMOTE_REFRESH_S))
    path = home().warehouse
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (str(path), stat.st_ino, stat.st_mtime_ns)


class _Connections:
    """One sandboxed connection per published version, closed once replaced and idle.

    Publishing updates the file it replaced last time in place, which it can do
    only when no reader has that file open (warehouse/publish.py); so the
    connection to a replaced version is closed as soon as its last query ends,
    and a page already drawing from it finishes first.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[Version, duckdb.DuckDBPyConnection] = {}
        self._users: Counter[Version] = Counter()
        self._newest: Version = None

    def take(self, current: Version) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if current not in self._open:
                self._open[current] = open_published(home())
                self._newest = current
                for replaced in [v for v in self._open if v != current and not self._users[v]]:
                    self._open.pop(replaced).close()
            self._users[current] += 1
            return self._open[current]

    def give_back(self, current: Version) -> None:
        with self._lock:
            self._users[current] -= 1
            if not self._users[current] and current != self._newest:
                del self._users[current]
                self._open.pop(current).close()


_connections = _Connections()


@contextmanager
def reading(current: Version) -> Iterator[None]:
    """Keep that version's connection open for a whole page draw.

    Every chart of a page then reads the same warehouse, even when a new one is
    published, and its connection opened by another session, mid-draw.
    """
    if current is None:
        yield
        return
    _connections.take(current)
    try:
        yield
    finally:
        _connections.give_back(current)


@contextmanager
def cursor(current: Version) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of its own on the published warehouse of that version, for one use."""
    if current is None:
        raise FileNotFoundError("no published warehouse yet")
    con = _connections.take(current)
    try:
        cur = published_cursor(con)
        try:
            yield cur
        finally:
            cur.close()
    finally:
        _connections.give_back(current)


def frame(current: Version, sql: str, params: dict | None = None) -> pl.DataFrame:
    """Run one query; of `params`, only those the SQL names (`$name`) are passed."""
    used = set(PARAMETER.findall(sql))
    with cursor(current) as con:
        return con.execute(sql, {k: v for k, v in (params or {}).items() if k in used}).pl()


def kyiv_bounds(start: date, end: date) -> dict[str, datetime]:
    """UTC-comparable bounds of Kyiv days start..end inclusive, for range scans on published_at."""
    return {
        "from_ts": datetime.combine(start, time(), KYIV),
        "to_ts": datetime.combine(end + timedelta(days=1), time(), KYIV),
    }
