"""End to end in a real browser: `wirewatch dashboard` served, Debian's Chromium reading it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import WIREWATCH, free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def dashboard_url(demo_home) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [str(WIREWATCH), "dashboard", "--home", str(demo_home.root), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"dashboard did not start: {output[-2000:]}")
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1700})
    page.goto(url)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    return page


def test_dashboard_renders_the_volume_chart(browser, dashboard_url, tmp_path) -> None:
    page = _open(browser, dashboard_url)
    assert page.get_by_role("heading", name="Story volume").is_visible()
    bars = page.locator('[data-testid="stPlotlyChart"]').first.locator("g.point")
    assert bars.count() > 20
    assert page.get_by_text("Articles with text").is_visible()
    page.screenshot(path=str(tmp_path / "overview.png"))
    page.close()


def test_url_sets_the_view(browser, dashboard_url) -> None:
    page = _open(browser, f"{dashboard_url}/?granularity=month")
    first_chart = page.locator('[data-testid="stPlotlyChart"]').first
    assert first_chart.locator("text.xtitle").text_content() == "Month"
    assert page.get_by_role("heading", name="Articles per month, by outlet").is_visible()
    page.close()
