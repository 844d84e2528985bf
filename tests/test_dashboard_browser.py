"""End to end in a real browser: `wirewatch dashboard` served, Debian's Chromium reading it.

Each page is visited and photographed into tests/artefacts/screenshots/ (or
$WIREWATCH_TEST_ARTEFACTS), a sidebar filter is changed, a point on the officials
chart is clicked through to its articles, and hostile article text is checked
to be shown as text, with no script run and no element injected.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT, WIREWATCH, free_port
from warehouse.connect import open_published

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
ARTEFACTS = (
    Path(os.environ.get("WIREWATCH_TEST_ARTEFACTS", PROJECT / "tests" / "artefacts"))
    / "screenshots"
)
# (url path, heading, a test id every such page shows once drawn)
PAGES = [
    ("", "Overview", "stVegaLiteChart"),
    ("officials", "Officials", "stVegaLiteChart"),
    ("topics", "Topics", "stVegaLiteChart"),
    ("articles", "Articles", "stDataFrame"),
    ("sql", "SQL", "stDataFrame"),
    ("pipeline", "Pipeline", "stDataFrame"),
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
)


def _serve(home_root: Path) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [str(WIREWATCH), "dashboard", "--home", str(home_root), "--port", str(port)],
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
def dashboard_url(demo_home) -> Iterator[str]:
    yield from _serve(demo_home.root)


@pytest.fixture(scope="module")
def hostile_url(mixed_home) -> Iterator[str]:
    yield from _serve(mixed_home.root)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _settled(page) -> None:
    """Wait until Streamlit has finished running the script and drawing."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    page.wait_for_timeout(300)


def _open(browser, url: str, heading: str, test_id: str):
    page = browser.new_page(viewport={"width": 1400, "height": 2200})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)
    page.locator(f'[data-testid="{test_id}"]').first.wait_for(timeout=60_000)
    _settled(page)
    assert not page.locator('[data-testid="stException"]').count(), "the page raised"
    assert not errors, errors
    return page


@pytest.mark.parametrize(("path", "heading", "test_id"), PAGES)
def test_every_page_draws_and_is_photographed(browser, dashboard_url, path, heading, test_id):
    page = _open(browser, f"{dashboard_url}/{path}", heading, test_id)
    if path == "sql":
        page.get_by_role("button", name="Run").click()
        page.get_by_text("Result:", exact=False).wait_for(timeout=30_000)
        _settled(page)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{heading.lower()}.png"))
    assert page.locator(f'[data-testid="{test_id}"]').count() >= 1
    if test_id == "stVegaLiteChart":
        assert page.locator('[data-testid="stVegaLiteChart"] svg.marks').count() >= 2
    assert page.get_by_text("Download", exact=False).count() >= 1
    page.close()


def test_changing_a_filter_redraws_and_lands_in_the_url(browser, dashboard_url):
    page = _open(browser, dashboard_url, "Overview", "stVegaLiteChart")
    first_chart = page.locator('[data-testid="stVegaLiteChart"]').first
    assert first_chart.locator("g.role-axis-title text").first.text_content() == "Week"
    page.locator('[data-testid="stSidebar"] button', has_text="month").click()
    page.wait_for_url("**granularity=month**", timeout=30_000)
    _settled(page)
    assert first_chart.locator("g.role-axis-title text").first.text_content() == "Month"
    assert page.get_by_role("heading", name="Articles per month, by outlet").is_visible()
    # The URL is the view: opening it afresh gives the same chart.
    shared = page.url
    page.close()
    again = _open(browser, shared, "Overview", "stVegaLiteChart")
    chart = again.locator('[data-testid="stVegaLiteChart"]').first
    assert chart.locator("g.role-axis-title text").first.text_content() == "Month"
    again.close()


def test_a_click_on_the_officials_chart_drills_down_to_articles(browser, dashboard_url):
    page = _open(
        browser, f"{dashboard_url}/officials?granularity=month", "Officials", "stVegaLiteChart"
    )
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    point = chart.locator("g.mark-symbol path").nth(3)
    point.click(force=True)
    page.get_by_text("Select one to read it", exact=False).wait_for(timeout=30_000)
    _settled(page)
    tables = page.locator('[data-testid="stDataFrame"]')
    assert tables.count() >= 1
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "officials-drill-down.png"))
    page.close()


def test_hostile_article_text_is_shown_as_text(browser, hostile_url, mixed_home):
    con = open_published(mixed_home)
    article_id = con.execute(
        "SELECT article_id FROM core.articles WHERE headline LIKE 'Sybiha%'"
    ).fetchone()[0]
    con.close()
    page = _open(browser, f"{hostile_url}/articles?article={article_id}", "Articles", "stDataFrame")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    shown = page.locator('[data-testid="stMarkdown"]', has_text="<script>").first
    shown.wait_for(timeout=30_000)
    _settled(page)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "hostile-article.png"))
    assert page.evaluate("typeof window.__wirewatch_pwned") == "undefined"
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("script").count() == 0
    assert main.locator('img[src="x"]').count() == 0
    assert main.locator('a[href^="javascript:"]').count() == 0
    assert "[click me](javascript:" in shown.inner_text()
    assert not dialogs
    page.close()


HOSTILE_QUERY = "SELECT headline, lead, body, url FROM core.articles"


@pytest.mark.parametrize(("path", "heading", "test_id"), PAGES)
def test_hostile_text_stays_text_on_every_page(browser, hostile_url, path, heading, test_id):
    """Every page drawn over a warehouse holding the hostile article: nothing runs or is injected."""
    url = f"{hostile_url}/{path}"
    if path == "sql":
        url += "?" + urllib.parse.urlencode({"sql": HOSTILE_QUERY})
    page = browser.new_page(viewport={"width": 1400, "height": 2200})
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)
    _settled(page)
    if path == "sql":
        page.get_by_role("button", name="Run").click()
        page.get_by_text("Result:", exact=False).wait_for(timeout=30_000)
        _settled(page)
        assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"hostile-{heading.lower()}.png"))
    assert not page.locator('[data-testid="stException"]').count(), "the page raised"
    assert page.evaluate("typeof window.__wirewatch_pwned") == "undefined"
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("script").count() == 0
    assert main.locator('img[src="x"], [onerror]').count() == 0
    assert main.locator('a[href^="javascript:"]').count() == 0
    assert not dialogs
    assert not errors, errors
    page.close()
