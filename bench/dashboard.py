"""How fast the dashboard answers: every page's queries, uncached, and first renders in Chromium.

Runs each page's queries (the functions under dashboard/queries, without their
cache) against a published warehouse, under several filter settings, and reports
p50 and p95 per page. With `--browser`, also serves the dashboard and times, in
Debian's Chromium, how long each page takes to draw: first with cold caches
(the first visit after the server starts), then warm.

    .venv/bin/python -m bench.dashboard --home /path/to/home          # an existing home
    .venv/bin/python -m bench.dashboard --articles 1000000 --browser  # build one first
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.machine import machine
from dashboard import database
from dashboard.filters import Filters
from dashboard.queries import articles, catalogue, choices, officials, overview, pipeline, topics
from etl.demo.generator import DemoSettings, generate_pages
from warehouse.sandbox import run_query
from wirewatch.home import HOME_ENV, Home
from wirewatch.pipeline import run_pipeline

REPORT = Path(__file__).resolve().parents[1] / "docs" / "dashboard-speed.md"
SQL_EXAMPLE = """SELECT o.name, sum(m.articles) AS articles
FROM marts.daily_official_mentions AS m JOIN core.officials AS o USING (official_id)
GROUP BY ALL ORDER BY articles DESC LIMIT 10"""
PAGES = (
    "Overview",
    "Officials",
    "Topics",
    "Topics, stories",
    "Articles",
    "Articles, search",
    "SQL",
    "Pipeline",
)
URL_PATHS = {
    "Overview": "",
    "Officials": "officials",
    "Topics": "topics",
    "Topics, stories": "topics?count=Stories",
    "Articles": "articles",
    "Articles, search": "articles?q=drone+production",
    "SQL": "sql",
    "Pipeline": "pipeline",
}


def raw(function: Callable) -> Callable:
    """The query function without Streamlit's cache, so every call reaches DuckDB."""
    return getattr(function, "__wrapped__", function)


def filter_settings(current: database.Version) -> list[Filters]:
    """The default view, a recent quarter, one outlet by month, one topic by day."""
    first, last = raw(choices.date_span)(current)
    outlet = raw(choices.outlets)(current)[0]
    topic = next(iter(raw(choices.topics)(current)))
    quarter = max(first, last - timedelta(days=90))
    return [
        Filters(first, last),
        Filters(quarter, last),
        Filters(first, last, outlets=(outlet,), granularity="month"),
        Filters(quarter, last, topics=(topic,), granularity="day"),
    ]


def page_queries(current: database.Version, f: Filters, page: str) -> None:
    """Run the queries `page` runs when drawn with filters `f` (the sidebar's included)."""
    raw(choices.date_span)(current)
    raw(choices.outlets)(current)
    raw(choices.topics)(current)
    raw(choices.officials)(current)
    if page == "Overview":
        raw(overview.kpis)(current, f)
        raw(topics.volume)(current, f)
        raw(overview.outlet_volume)(current, f)
    elif page == "Officials":
        ids = tuple(raw(officials.most_mentioned)(current, f, officials.DEFAULT_CHARTED))
        over_time = raw(officials.mentions_over_time)(current, f, ids)
        raw(officials.roles)(current, ids, f.start, f.end)
        if over_time.height:
            period = over_time["period"][over_time.height // 2]
            raw(officials.articles_behind)(current, f, ids[0], period, period + timedelta(days=6))
        heat = tuple(raw(officials.most_mentioned)(current, f, officials.HEATMAP_OFFICIALS))
        raw(officials.co_mentions)(current, f, heat)
    elif page.startswith("Topics"):
        raw(topics.story_volume if page.endswith("stories") else topics.volume)(current, f)
        heat = tuple(raw(officials.most_mentioned)(current, f, officials.HEATMAP_OFFICIALS))
        raw(topics.topic_official)(current, f, heat)
        raw(topics.emerging_terms)(current, f)
        raw(topics.definitions)(current)
    elif page.startswith("Articles"):
        words = "drone production" if page.endswith("search") else ""
        found = raw(articles.search)(current, f, words)
        if found.height:
            article_id = found["article_id"][0]
            row = raw(articles.article)(current, article_id)
            raw(articles.mentions)(current, article_id)
            raw(articles.quotes)(current, article_id)
            raw(articles.topics)(current, article_id)
            raw(articles.links)(current, article_id)
            if row and row["story_id"]:
                raw(articles.story_articles)(current, row["story_id"])
    elif page == "SQL":
        raw(catalogue.tables)(current)
        raw(catalogue.columns)(current, "core.articles")
        with database.cursor(current) as con:
            run_query(con, SQL_EXAMPLE, max_rows=1000)
    elif page == "Pipeline":
        raw(pipeline.runs)(current)
        raw(pipeline.row_counts)(current)
        raw(pipeline.quarantine_reasons)(current)
        raw(pipeline.quarantine)(current)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_queries(home: Home, rounds: int) -> dict[str, list[float]]:
    os.environ[HOME_ENV] = str(home.root)
    current = database.version()
    settings = filter_settings(current)
    for page in PAGES:  # warm DuckDB's own file cache once, as a running dashboard has
        page_queries(current, settings[0], page)
    timings: dict[str, list[float]] = {page: [] for page in PAGES}
    for _ in range(rounds):
        for f in settings:
            for page in PAGES:
                start = time.perf_counter()
                page_queries(current, f, page)
                timings[page].append((time.perf_counter() - start) * 1000)
    return timings


def time_browser(home: Home) -> dict[str, tuple[float, float]]:
    """Seconds until each page is drawn: (cold caches, warm caches)."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            Path(sys.executable).with_name("wirewatch"),
            "dashboard",
            "--home",
            str(home.root),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        results: dict[str, list[float]] = {page: [] for page in PAGES}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            context = browser.new_context(viewport={"width": 1400, "height": 1700})
            for _ in range(2):
                for page_name in PAGES:
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(f"{url}/{URL_PATHS[page_name]}")
                    title = page_name.split(",")[0]
                    page.get_by_role("heading", name=title, exact=True).wait_for()
                    page.wait_for_timeout(100)
                    page.wait_for_selector(
                        '[data-testid="stStatusWidget"]', state="detached", timeout=120_000
                    )
                    if title in ("Overview", "Officials", "Topics"):
                        page.locator('[data-testid="stVegaLiteChart"] svg.marks').first.wait_for()
                    else:
                        page.locator('[data-testid="stDataFrame"]').first.wait_for()
                    results[page_name].append(time.perf_counter() - start - 0.1)
                    page.close()
            browser.close()
        return {page: (values[0], values[1]) for page, values in results.items()}
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)


def build_home(root: Path, articles_wanted: int) -> Home:
    pages = root / "pages"
    for page in generate_pages(DemoSettings(articles=articles_wanted, broken=0)):
        target = pages / page.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.encoded())
    home = Home.resolve(root / "home")
    run_pipeline(home, [str(pages)])
    return home


def report(home: Home, timings: dict, browser: dict | None, args: argparse.Namespace) -> str:
    with database.cursor(database.version()) as con:
        count = con.execute("SELECT count(*) FROM core.articles").fetchone()[0]
    size_mb = home.warehouse.stat().st_size / 1024**2
    lines = [
        "# Dashboard speed",
        "",
        (
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}, on a published "
            f"warehouse of **{count:,} articles** ({size_mb:,.0f} MB)."
        ),
        "",
        f"Reproduce: `.venv/bin/python -m bench.dashboard {args.reproduce}`",
        "",
        "## Queries per page, uncached",
        "",
        (
            "Each figure is one page's queries run back to back with Streamlit's cache "
            "bypassed, sidebar included, under four filter settings (everything; the last 90 "
            f"days; one outlet by month; one topic by day), {args.rounds} rounds each."
        ),
        "",
        "| page | runs | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
        *[
            f"| {page} | {len(values)} | {percentile(values, 0.5):.0f} | "
            f"{percentile(values, 0.95):.0f} | {max(values):.0f} |"
            for page, values in timings.items()
        ],
        "",
    ]
    if browser:
        lines += [
            "## First render in Chromium",
            "",
            (
                "Seconds from navigation until the page's title and first chart or table are "
                "drawn and Streamlit is idle, in one browser (its HTTP cache warm after the first "
                "page). Cold: the first visit to each page after the server started (nothing "
                "cached); warm: a second visit in a new tab (Streamlit's cache holds the results)."
            ),
            "",
            "| page | cold s | warm s |",
            "|---|---:|---:|",
            *[f"| {page} | {cold:.2f} | {warm:.2f} |" for page, (cold, warm) in browser.items()],
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="a home with a published warehouse")
    parser.add_argument("--articles", type=int, default=10_000, help="build a home this big")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also time renders in Chromium")
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args()
    logging.getLogger("wirewatch.progress").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-") as tmp:
        if args.home:
            home = Home.resolve(args.home)
            args.reproduce = f"--home HOME --rounds {args.rounds}" + (
                " --browser" if args.browser else ""
            )
        else:
            home = build_home(Path(tmp), args.articles)
            args.reproduce = f"--articles {args.articles} --rounds {args.rounds}" + (
                " --browser" if args.browser else ""
            )
        timings = time_queries(home, args.rounds)
        browser = time_browser(home) if args.browser else None
        text = report(home, timings, browser, args)
    args.report.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
