"""The dashboard's only door to the warehouse: the published file, read-only, cached by version.

One sandboxed connection is kept per published file (identified by inode and
modification time) and each query runs on a cursor of its own, so concurrent
sessions do not share a cursor and nobody pays to open the file and load the
search extension on every query. Publishing renames a new file into place; the
next rerun sees a new version, opens it and releases the old connection. The
pipeline never writes the published file, so the dashboard cannot hold a lock
it needs.

Query results are cached per version too (`cached`), so a published warehouse
invalidates every cached chart at once.
"""

from __future__ import annotations

import re
import time as clock
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


def _close(con: duckdb.DuckDBPyConnection) -> None:
    con.close()


@st.cache_resource(max_entries=2, show_spinner=False, on_release=_close)
def _database(current: Version) -> duckdb.DuckDBPyConnection:
    return open_published(home())


def cursor(current: Version) -> duckdb.DuckDBPyConnection:
    """A cursor of its own on the published warehouse of that version; close it after use."""
    if current is None:
        raise FileNotFoundError("no published warehouse yet")
    return published_cursor(_database(current))


def frame(current: Version, sql: str, params: dict | None = None) -> pl.DataFrame:
    """Run one query; of `params`, only those the SQL names (`$name`) are passed."""
    used = set(PARAMETER.findall(sql))
    con = cursor(current)
    try:
        return con.execute(sql, {k: v for k, v in (params or {}).items() if k in used}).pl()
    finally:
        con.close()


def kyiv_bounds(start: date, end: date) -> dict[str, datetime]:
    """UTC-comparable bounds of Kyiv days start..end inclusive, for range scans on published_at."""
    return {
        "from_ts": datetime.combine(start, time(), KYIV),
        "to_ts": datetime.combine(end + timedelta(days=1), time(), KYIV),
    }
