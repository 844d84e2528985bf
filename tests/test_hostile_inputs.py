"""Hostile files and good ones in one run: nothing crashes, nothing good is lost or altered.

Files come from strangers. Every hostile input of tests/hostile.py (more than
a hundred, across every format wirewatch reads) goes through one `wirewatch
run` together with good files in every format. The run must succeed; every
file and every item in it must end parsed, a duplicate of another input, or
quarantined with a reason; the good articles must come out byte for byte as
they do from a run of the good files alone; the contents of the file an XML
external entity points at must appear nowhere; and the 50 MB single line (and
the other big inputs) must not cost unbounded memory. Both runs are separate
`wirewatch` processes, so their peak memory is measured exactly (os.wait4).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import WIREWATCH
from tests.hostile import SECRET_FILE, good_inputs, hostile_inputs, write_inputs
from warehouse.connect import open_published
from wirewatch.home import Home

RUN_TIMEOUT_S = 600
# Peak memory a run with the hostile inputs may use beyond a run of the good files alone.
MAX_EXTRA_RSS_BYTES = 1_500_000_000
STATUSES = {"parsed", "duplicate", "quarantined"}


@dataclass(frozen=True)
class Run:
    home: Home
    returncode: int
    stdout: str
    stderr: str
    peak_rss_bytes: int
    seconds: float


def _wirewatch_run(home: Path, sources: list[Path], log: Path) -> Run:
    """`wirewatch run` as its own process, with that process's peak resident memory."""
    env = {k: v for k, v in os.environ.items() if k not in {"WIREWATCH_HOME", "DAGSTER_HOME"}}
    argv = [str(WIREWATCH), "run", "--home", str(home)]
    for source in sources:
        argv += ["--source", str(source)]
    started = time.monotonic()
    with open(log.with_suffix(".out"), "w") as out, open(log.with_suffix(".err"), "w") as err:
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > RUN_TIMEOUT_S:
                process.send_signal(signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.2)
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux
    return Run(
        Home.resolve(home),
        process.returncode,
        log.with_suffix(".out").read_text(),
        log.with_suffix(".err").read_text(),
        usage.ru_maxrss * 1024,
        time.monotonic() - started,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    root = tmp_path_factory.mktemp("hostile")
    good = root / "good"
    hostile = root / "hostile"
    write_inputs(good_inputs(), good)
    write_inputs(hostile_inputs(), hostile)
    return {
        "good": _wirewatch_run(root / "home-good", [good], root / "good-run"),
        "all": _wirewatch_run(root / "home-all", [good, hostile], root / "all-run"),
    }


def test_the_run_with_hostile_inputs_succeeds(runs: dict[str, Run]) -> None:
    for name, run in runs.items():
        assert run.returncode == 0, f"{name} run failed: {run.stderr[-2000:]}"
        assert run.seconds < RUN_TIMEOUT_S
    assert "quarantined" in runs["all"].stdout


def _documents(home: Home) -> list[tuple]:
    con = open_published(home)
    try:
        return con.execute("""
            SELECT d.doc_id, regexp_extract(d.uri, '[^/]+$') AS name, d.status,
                   d.parent_doc_id IS NOT NULL AS is_item, q.reason
            FROM raw.documents AS d LEFT JOIN ops.quarantine AS q USING (doc_id)
        """).fetchall()
    finally:
        con.close()


def test_every_input_is_parsed_or_quarantined_with_a_reason(runs: dict[str, Run]) -> None:
    documents = _documents(runs["all"].home)
    names = set(hostile_inputs()) | set(good_inputs())
    files = {
        name: (doc_id, status, reason)
        for doc_id, name, status, is_item, reason in documents
        if not is_item
    }
    assert set(files) == names, "every file is recorded once"
    settled = {
        doc_id for doc_id, _, status, _, _ in documents if status in {"parsed", "quarantined"}
    }
    for doc_id, name, status, _, reason in documents:
        assert status in STATUSES, (name, status)
        if status == "quarantined":
            assert reason and reason.strip(), f"{name} is quarantined without a reason"
        if status == "duplicate":
            assert doc_id in settled, f"{name} duplicates nothing that was read"
    items = [row for row in documents if row[3]]
    assert len(items) > 10_000, "the feed of ten thousand items was read item by item"


def _reasons(run: Run) -> dict[str, str]:
    """Quarantine reason by file name (`name#item=N` for an item); the same bytes share one."""
    return {
        name: reason
        for _, name, status, _, reason in _documents(run.home)
        if status in {"quarantined", "duplicate"} and reason
    }


def test_the_worst_inputs_are_refused_for_what_they_are(runs: dict[str, Run]) -> None:
    reasons = _reasons(runs["all"])
    for name in ("feed-xxe.rss", "feed-xxe-atom.xml", "feed-xxe-parameter.xml"):
        assert "external entit" in reasons[name], reasons.get(name)
    for name in ("feed-billion-laughs.xml", "feed-quadratic-blowup.xml"):
        assert "entity" in reasons[name], reasons.get(name)
    assert "bomb" in reasons["gz-bomb.html.gz"]
    assert "huge-single-line.txt" in reasons
    assert "nested too deeply" in reasons["md-yaml-deep.md"]
    assert "expected text, found a list" in reasons["md-yaml-billion-laughs.md"]
    assert "lone surrogate" in reasons["md-yaml-surrogate.md"]
    assert "not a readable feed" in reasons["feed-surrogate-charref.xml"]
    for when in ("month-13", "year-0", "year-1", "feb-30", "hour-25", "dst-gap"):
        assert reasons[f"dump-date-{when}.txt"].startswith("line 3: "), when
    assert "before 1990" in reasons["dump-date-before-1990.txt"]
    assert "more than a day after" in reasons["dump-date-future.txt"]
    assert "characters long" in reasons["table-huge-cell.csv#item=0"]
    assert "lone surrogate" in reasons["lines-hostile.jsonl#item=4"]
    assert "nested too deeply" in reasons["lines-hostile.jsonl#item=1"]
    assert all(reasons[f"empty.{ext}"] == "empty file" for ext in ("txt", "csv", "parquet"))


def test_hostile_text_in_readable_files_is_kept_as_text(runs: dict[str, Run]) -> None:
    con = open_published(runs["all"].home)
    try:
        headlines = [row[0] for row in con.execute("SELECT headline FROM core.articles").fetchall()]
        tags = con.execute("""
            SELECT list_sort(tags) FROM staging.articles WHERE headline = 'Duplicate tags'
        """).fetchone()[0]
        urls = {row[0] for row in con.execute("SELECT url FROM core.articles").fetchall()}
    finally:
        con.close()
    assert "Зеленський зустрівся з Умєровим у Києві" in headlines, "cp1251 without declaration"
    assert "Café owners in Liège and Zürich protest" in headlines, "latin-1 without declaration"
    assert any("<script>" in h for h in headlines), "markup is text, neither run nor stripped"
    assert any(len(h) >= 9_000 for h in headlines), "a 10,000-character headline is kept"
    assert tags == ["peace", "war"], "duplicate tags count once"
    assert not any(url and not url.startswith(("http://", "https://")) for url in urls)


def _good_articles(home: Home) -> dict[str, tuple]:
    con = open_published(home)
    try:
        rows = con.execute("""
            SELECT article_id, outlet, headline, lead, body, published_at
            FROM core.articles WHERE outlet LIKE 'Good %'
        """).fetchall()
    finally:
        con.close()
    return {row[0]: row[1:] for row in rows}


def test_good_articles_are_neither_lost_nor_altered(runs: dict[str, Run]) -> None:
    alone = _good_articles(runs["good"].home)
    together = _good_articles(runs["all"].home)
    assert len(alone) == 11, sorted(row[1] for row in alone.values())
    assert together == alone


def _secret_lines() -> list[str]:
    try:
        lines = Path(SECRET_FILE).read_text(errors="replace").splitlines()
    except OSError:
        lines = []
    return [line for line in lines if len(line) >= 12][:5] or ["root:x:0:0:root:/root:"]


def test_what_an_external_entity_points_at_reaches_nothing(runs: dict[str, Run]) -> None:
    secrets = _secret_lines()
    home = runs["all"].home
    con = open_published(home)
    try:
        columns = con.execute("""
            SELECT schema_name, table_name, column_name FROM duckdb_columns()
            WHERE database_name = current_database() AND data_type LIKE 'VARCHAR%'
        """).fetchall()
        assert len(columns) > 50
        for schema, table, column in columns:
            for secret in secrets:
                found = con.execute(
                    f'SELECT count(*) FROM "{schema}"."{table}" '
                    f'WHERE contains(CAST("{column}" AS VARCHAR), $secret)',
                    {"secret": secret},
                ).fetchone()[0]
                assert found == 0, f"{schema}.{table}.{column} holds a line of {SECRET_FILE}"
    finally:
        con.close()
    stored = [path for path in home.landing.rglob("*") if path.is_file()]
    assert len(stored) > 10_000
    for path in stored:
        data = path.read_bytes()
        assert not any(secret.encode() in data for secret in secrets), path


def test_memory_stays_bounded(runs: dict[str, Run]) -> None:
    good, hostile = runs["good"], runs["all"]
    extra = hostile.peak_rss_bytes - good.peak_rss_bytes
    print(
        f"peak RSS: good run {good.peak_rss_bytes / 1e6:,.0f} MB in {good.seconds:.0f} s, "
        f"hostile run {hostile.peak_rss_bytes / 1e6:,.0f} MB in {hostile.seconds:.0f} s"
    )
    assert extra < MAX_EXTRA_RSS_BYTES, (
        f"the hostile run peaked at {hostile.peak_rss_bytes / 1e6:,.0f} MB, "
        f"{extra / 1e6:,.0f} MB above the good run's {good.peak_rss_bytes / 1e6:,.0f} MB"
    )
