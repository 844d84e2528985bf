"""`wirewatch dev` (behind `make dev`) serves the Dagster UI on the home and stops on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import WIREWATCH, free_port


@contextmanager
def _dev_server(home: Path, port: int, env: dict | None = None) -> Iterator[subprocess.Popen]:
    """`wirewatch dev` on the home, stopped with SIGTERM (SIGKILL if it lingers).

    Its output (the webserver's, the daemon's and every run worker's) goes to a
    file: a pipe nobody reads fills after 64 KiB and blocks whichever process
    writes next, which left a run stuck as started with its steps all done.
    """
    log = home.parent / "wirewatch-dev.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [str(WIREWATCH), "dev", "--home", str(home), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
    server.log = log  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=90)  # webserver, daemon and code server all stop
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            raise


def _output(server: subprocess.Popen) -> str:
    return server.log.read_text(errors="replace")[-2000:]


def test_dagster_ui_starts_on_the_home_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    home = tmp_path / "home"
    with _dev_server(home, port) as server:
        deadline = time.monotonic() + 90
        info = None
        while info is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2) as r:
                    info = json.load(r)
            except OSError:
                assert server.poll() is None, _output(server)
                assert time.monotonic() < deadline, "Dagster UI did not answer within 90 s"
                time.sleep(0.5)
        assert "dagster_webserver_version" in info
        assert (home / "dagster" / "dagster.yaml").exists()
        assert "telemetry" in (home / "dagster" / "dagster.yaml").read_text()


def _published_headlines(home: Path) -> set[str]:
    from warehouse.connect import WarehouseNotPublished, open_published

    try:
        con = open_published(home / "warehouse.duckdb")
    except WarehouseNotPublished:
        return set()
    try:
        return {h for (h,) in con.sql("SELECT headline FROM core.articles").fetchall()}
    finally:
        con.close()


def test_a_file_dropped_into_the_inbox_is_published_by_the_daemon(tmp_path: Path) -> None:
    """`wirewatch dev` runs the daemon: the inbox sensor ingests, the marts sensor publishes."""
    from dashboard.queries import articles
    from tests.conftest import FIXTURES

    port = free_port()
    home = tmp_path / "home"
    env = {**os.environ, "WIREWATCH_INBOX_SECONDS": "3"}
    with _dev_server(home, port, env) as server:
        page = FIXTURES / "page_dumps" / "full.txt"
        lines = page.read_text(encoding="utf-8").splitlines()
        headline = next(line.strip() for line in lines[3:] if line.strip())
        (home / "inbox").mkdir(parents=True, exist_ok=True)
        (home / "inbox" / "dropped.txt").write_bytes(page.read_bytes())
        deadline = time.monotonic() + 240
        while headline not in _published_headlines(home):
            assert server.poll() is None, _output(server)
            assert time.monotonic() < deadline, "the dropped file was not published within 240 s"
            time.sleep(2)
        # What the dashboard's Articles page lists for the published warehouse.
        os.environ["WIREWATCH_HOME"] = str(home)
        try:
            from dashboard import database, filters

            current = database.version()
            first, last = database.frame(
                current, "SELECT min(day) AS a, max(day) AS b FROM marts.daily_volume"
            ).row(0)
            listed = articles.search.__wrapped__(current, filters.Filters(first, last), "")
        finally:
            del os.environ["WIREWATCH_HOME"]
        assert headline in set(listed["headline"])
