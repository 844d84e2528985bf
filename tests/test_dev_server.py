"""`wirewatch dev` (behind `make dev`) serves the Dagster UI on the home and stops on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.conftest import WIREWATCH, free_port


def test_dagster_ui_starts_on_the_home_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    home = tmp_path / "home"
    server = subprocess.Popen(
        [str(WIREWATCH), "dev", "--home", str(home), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        info = None
        while info is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2) as r:
                    info = json.load(r)
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()[-2000:]
                assert time.monotonic() < deadline, "Dagster UI did not answer within 90 s"
                time.sleep(0.5)
        assert "dagster_webserver_version" in info
        assert (home / "dagster" / "dagster.yaml").exists()
        assert "telemetry" in (home / "dagster" / "dagster.yaml").read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            raise
