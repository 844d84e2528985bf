"""docs/performance.md, written from the suite's results in bench/results/.

Kept apart from the measuring so the page can be rewritten from results taken
at different times (a 1M run takes most of an hour) without measuring again.
"""

from __future__ import annotations

from pathlib import Path

TARGETS = {
    "full_minutes_1m": 15,
    "peak_gib": 6,
    "new_day_seconds": 20,
    "matching_mb_s": 20,
    "matching_ratio": 10,
    "dashboard_p95_ms": 150,
}
# Dagster steps, named for readers, with the unit their throughput is given in.
STAGES = {
    "raw__documents": ("landing raw files", "pages"),
    "staging_parse": ("parsing page dumps", "pages"),
    "core_build": ("core build: articles, links, versions", "pages"),
    "officials_build": ("name matching, mentions and quotes", "MB"),
    "topics_build": ("topic filing", "MB"),
    "core__near_duplicates": ("near-duplicates", "articles"),
    "stories_build": ("stories", "articles"),
    "core__search_index": ("full-text index", "articles"),
    "publish__warehouse": ("publishing", "MB published"),
}


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def size_table(sizes: list[dict]) -> list[str]:
    header = "| | " + " | ".join(f"{s['articles']:,} articles" for s in sizes) + " |"
    lines = [header, "|---|" + "---:|" * len(sizes)]

    def row(label: str, cell) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(s) for s in sizes) + " |")

    row("pages (MB of raw text)", lambda s: f"{s['pages']:,} ({s['corpus_mb']:,.0f} MB)")
    row("generating the corpus", lambda s: f"{s['generate_seconds']:,.0f} s")
    row("**raw files to published warehouse**", lambda s: f"**{_duration(s['full']['seconds'])}**")
    row("pages per second, end to end", lambda s: f"{s['pages'] / s['full']['seconds']:,.0f}")
    row("peak memory, whole process tree", lambda s: f"{s['full']['peak_rss_mib'] / 1024:.2f} GiB")
    row(
        "**one new day (1,000 articles), published**",
        lambda s: f"**{s['new_day']['seconds']:.1f} s**",
    )
    row("peak memory, new day", lambda s: f"{s['new_day']['peak_rss_mib'] / 1024:.2f} GiB")
    row("published warehouse", lambda s: f"{s['warehouse_mb']:,.0f} MB")
    row("articles in core", lambda s: f"{s['counts']['core.articles']:,}")
    row("official mentions", lambda s: f"{s['counts']['core.mentions']:,}")
    return lines


def stage_table(sizes: list[dict]) -> list[str]:
    lines = [
        "| stage (Dagster step) | " + " | ".join(f"{s['articles']:,}" for s in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    steps: list[str] = []
    for s in sizes:
        steps += [k for k in s["full"]["stages"] if k not in steps]
    for step in steps:
        label, unit = STAGES.get(step, (step, ""))
        cells = []
        for s in sizes:
            seconds = s["full"]["stages"].get(step)
            if seconds is None:
                cells.append("")
                continue
            amount = {
                "pages": s["pages"],
                "articles": s["counts"]["core.articles"],
                "MB": s["corpus_mb"],
                "MB published": s["warehouse_mb"],
            }.get(unit)
            rate = f" ({amount / seconds:,.1f} {unit}/s)" if amount and seconds > 0 else ""
            cells.append(f"{seconds:,.1f} s{rate}")
        lines.append(f"| {label} `{step}` | " + " | ".join(cells) + " |")
    return lines


def dashboard_table(sizes: list[dict]) -> list[str]:
    lines = [
        "| page | " + " | ".join(f"{s['articles']:,}: p50 / p95" for s in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    pages = list(sizes[-1]["dashboard_ms"])
    for page in pages:
        cells = [
            "{:.0f} / {:.0f} ms".format(*s["dashboard_ms"][page])
            if page in s["dashboard_ms"]
            else ""
            for s in sizes
        ]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return lines


def baseline_lines(found: dict) -> list[str]:
    notebook, matching = found["notebook"], found["matching"]
    lines = [
        "## Against what users would otherwise run",
        "",
        "| work | wirewatch | baseline | ratio |",
        "|---|---:|---:|---:|",
        (
            f"| parse {notebook['pages']} page dumps, count mentions, file topics "
            f"| {notebook['pages'] / notebook['wirewatch_seconds']:,.0f} pages/s "
            f"| {notebook['pages'] / notebook['pandas_regex_seconds']:,.1f} pages/s "
            f"(pandas + {notebook['alias_patterns']:,} alias and "
            f"{notebook['topic_patterns']} topic regexes) "
            f"| {notebook['pandas_regex_seconds'] / notebook['wirewatch_seconds']:,.0f}x |"
        ),
        (
            f"| name matching, one core | {matching['names_mb_s']:.1f} MB/s "
            f"| {matching['names_regex_loop_mb_s']:.3f} MB/s (regex per alias) "
            f"| {matching['names_mb_s'] / matching['names_regex_loop_mb_s']:,.0f}x |"
        ),
        (
            f"| topic filing, one core | {matching['topics_mb_s']:.1f} MB/s "
            f"| {matching['topics_regex_loop_mb_s']:.2f} MB/s (regex per topic term, "
            "no phrases, proximity or NOT) "
            f"| {matching['topics_mb_s'] / matching['topics_regex_loop_mb_s']:,.0f}x |"
        ),
    ]
    html = found.get("html")
    if html:
        lines.append(
            f"| HTML extraction, {html['pages']} pages of the shared benchmark "
            f"| {html['wirewatch_pages_s']:.1f} pages/s, F1 {html['wirewatch_f1']:.3f} "
            f"| {html['trafilatura_defaults_pages_s']:.1f} pages/s, "
            f"F1 {html['trafilatura_defaults_f1']:.3f} (trafilatura defaults) "
            f"| {html['wirewatch_pages_s'] / html['trafilatura_defaults_pages_s']:.2f}x |"
        )
    lines += [
        "",
        (
            f"Matching texts: {matching['texts']:,} articles, {matching['megabytes']:.1f} MB "
            "(demo corpus, plus NYT and Guardian 2022 when ../shared is present). The regex "
            f"loops were timed on the first {matching.get('loop_texts', 300):,} texts; they "
            "are too slow for all of them."
        ),
        "",
    ]
    return lines


def target_lines(sizes: list[dict], found: dict | None) -> list[str]:
    lines = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    biggest = sizes[-1] if sizes else None
    if biggest:
        n = f"{biggest['articles']:,} articles"
        minutes = biggest["full"]["seconds"] / 60
        peak = max(biggest["full"]["peak_rss_mib"], biggest["new_day"]["peak_rss_mib"]) / 1024
        p95 = max(v[1] for v in biggest["dashboard_ms"].values())
        lines += [
            (
                f"| 1M end to end <= 15 min | {minutes:.1f} min at {n} "
                f"| {verdict(biggest['articles'] >= 1_000_000 and minutes <= 15)} |"
            ),
            f"| peak memory <= 6 GiB | {peak:.2f} GiB at {n} | {verdict(peak <= 6)} |",
            (
                f"| new day on 1M <= 20 s | {biggest['new_day']['seconds']:.1f} s at {n} "
                f"| {verdict(biggest['articles'] >= 1_000_000 and biggest['new_day']['seconds'] <= 20)} |"
            ),
            (
                f"| dashboard p95 <= 150 ms | slowest page {p95:.0f} ms at {n} "
                f"| {verdict(biggest['articles'] >= 1_000_000 and p95 <= 150)} |"
            ),
        ]
    if found:
        m = found["matching"]
        slowest = min(m["names_mb_s"], m["topics_mb_s"])
        ratio = min(
            m["names_mb_s"] / m["names_regex_loop_mb_s"],
            m["topics_mb_s"] / m["topics_regex_loop_mb_s"],
        )
        lines += [
            (
                f"| matching >= 20 MB/s per core | names {m['names_mb_s']:.1f}, topics "
                f"{m['topics_mb_s']:.1f} MB/s | {verdict(slowest >= 20)} |"
            ),
            f"| matching >= 10x regex loop | at least {ratio:,.0f}x | {verdict(ratio >= 10)} |",
        ]
    return [*lines, ""]


def _duration(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 120 else f"{seconds:.0f} s"


def write_report(sizes: list[dict], baselines: dict | None, path: Path) -> None:
    machine = sizes[-1]["machine"] if sizes else ""
    lines = [
        "# Performance",
        "",
        (
            f"Machine: {machine}. Written by `make bench` (`.venv/bin/python -m bench.performance`) "
            "from bench/results/; each size's figures are from one run of the suite, dated below, "
            "unless a note says otherwise."
        ),
        "",
        *target_lines(sizes, baselines),
    ]
    if sizes:
        lines += [
            "## From raw files to the published warehouse",
            "",
            "Measured: " + ", ".join(f"{s['articles']:,} on {s['measured']}" for s in sizes) + ".",
            (
                "Each run is `wirewatch run` in a child process over the demo corpus's page dumps, "
                "as a user would start it; memory is the resident set of its whole process tree, "
                "sampled every second. The new day is 1,000 more articles dated the day after the "
                "corpus ends, run on the finished warehouse."
            ),
            *[f"\n{s['articles']:,} articles: {s['note']}" for s in sizes if s.get("note")],
            "",
            *size_table(sizes),
            "",
            "### Time per stage (first load)",
            "",
            *stage_table(sizes),
            "",
            "### Dashboard page queries",
            "",
            (
                "Every query a page runs, uncached, over 4 filter settings and several rounds "
                "(bench/dashboard.py)."
            ),
            "",
            *dashboard_table(sizes),
            "",
        ]
    if baselines:
        lines += baseline_lines(baselines)
    extra = path.with_name("performance-notes.md")
    if extra.exists():
        lines += [extra.read_text(encoding="utf-8")]
    path.write_text("\n".join(lines), encoding="utf-8")
