"""What one new day costs on a big warehouse, next to rebuilding everything.

Generates the demo corpus at the given size, holds back its newest pages as
"the new day", builds a warehouse from the rest, then times the run that adds
the new day (ingest, parse, core, marts and publishing) and, in a fresh home,
a full build from all pages. Both warehouses must come out identical.

    .venv/bin/python -m bench.incremental --articles 100000 --new 1000
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.machine import machine
from etl.demo.generator import DemoSettings, generate_pages
from warehouse.connect import open_published
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline

REPORT = Path(__file__).resolve().parents[1] / "docs" / "incremental.md"


def split_corpus(root: Path, articles: int, new: int) -> tuple[Path, Path]:
    """Write the corpus, the newest `new` pages into root/new and the rest into root/history."""
    pages = list(generate_pages(DemoSettings(articles=articles, broken=0)))
    history, day = root / "history", root / "new"
    for index, page in enumerate(pages):
        target = (day if index >= len(pages) - new else history) / page.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.encoded())
    return history, day


def fingerprint(home: Home) -> str:
    con = open_published(home)
    try:
        rows = con.sql("SELECT * FROM marts.daily_volume ORDER BY ALL").fetchall()
        rows += con.sql(
            "SELECT * EXCLUDE (first_seen_at, source_doc_id) FROM core.articles ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def timed(home: Home, sources: list[Path]) -> float:
    start = time.perf_counter()
    run_pipeline(home, [str(s) for s in sources])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1000, help="pages in the new day")
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args()
    logging.getLogger("wirewatch.progress").setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-") as tmp:
        root = Path(tmp)
        history, day = split_corpus(root / "corpus", args.articles, args.new)
        incremental_home = Home.resolve(root / "incremental")
        initial = timed(incremental_home, [history])
        add_day = timed(incremental_home, [day])
        rebuild_home = Home.resolve(root / "rebuild")
        rebuild = timed(rebuild_home, [history, day])
        same = fingerprint(incremental_home) == fingerprint(rebuild_home)
        size_mb = incremental_home.warehouse.stat().st_size / 1024**2

    rows = [
        ("build the history from raw pages", args.articles - args.new, initial),
        ("add one day (incremental run, published)", args.new, add_day),
        ("full rebuild of history and day from raw pages", args.articles, rebuild),
    ]
    lines = [
        "# Cost of one new day",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
        "",
        (
            f"Reproduce: `.venv/bin/python -m bench.incremental --articles {args.articles} "
            f"--new {args.new}`"
        ),
        "",
        "| run | pages | seconds | pages/s |",
        "|---|---:|---:|---:|",
        *[
            f"| {name} | {pages:,} | {seconds:.1f} | {pages / seconds:,.0f} |"
            for name, pages, seconds in rows
        ],
        "",
        (
            f"The incremental day took {add_day / rebuild:.1%} of a full rebuild. Both ways give "
            f"identical core.articles and marts.daily_volume: **{'yes' if same else 'NO'}**. "
            f"Published warehouse: {size_mb:,.0f} MB."
        ),
        "",
        (
            "Each run is `wirewatch run` in-process: landing, parsing, the incremental core build "
            "(only the articles the new documents touch); near-duplicates, official mentions, "
            "topics and stories for the changed articles; the six marts for the changed days; "
            "and publishing (checkpoint, then the previous publication's changed blocks "
            "rewritten and renamed into place; a full rebuild's first publication copies the "
            "whole file twice)."
        ),
        "",
    ]
    args.report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
