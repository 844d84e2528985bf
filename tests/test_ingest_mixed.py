"""One run over every kind of input at once: each is parsed, recognised as a duplicate,
or quarantined with a reason, and nothing is unaccounted for."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

import assets.staging
from etl.parse_split import ParseSplit
from tests.conftest import SHARED
from tests.digests import digests
from warehouse.connect import open_published
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline

CORPORA = SHARED / "corpora"
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title></item></channel></rss>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title></item></channel></rss>
"""
CP1251_DUMP = (
    "Kyiv Wire\nПолітика\n10:00 01.03.2025\n\nЗеленський зустрівся з Умєровим\n\nТекст статті.\n"
)


def _junk(folder: Path) -> None:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 4)
    (folder / "truncated.txt").write_bytes(
        "Kyiv Wire\nNews\n10:00 01.03.2025\n\nЗеленськ".encode()[:-1]
    )
    (folder / "bomb.xml").write_bytes(BOMB)
    (folder / "xxe.rss").write_bytes(XXE)
    (folder / "gzip-bomb.html.gz").write_bytes(gzip.compress(b"<html>" + b" " * 80_000_000))
    (folder / "one-long-line.txt").write_bytes(b"x" * 50_000_000)
    (folder / "no-date.html").write_text(
        "<html><body><h1>Title</h1><p>Text only.</p></body></html>"
    )
    (folder / "cp1251.txt").write_bytes(CP1251_DUMP.encode("cp1251"))
    lines = [
        {
            "url": "https://example.org/a",
            "outlet": "Example",
            "published_at": "2025-03-01T10:00:00+02:00",
            "headline": "Talks resume in Geneva",
            "body": "Delegations met again on Saturday.",
        },
        {
            "url": "https://example.org/b",
            "outlet": "Example",
            "published_at": "2025-03-02",
            "headline": "Headline only",
        },
    ]
    (folder / "export.jsonl").write_text(
        "\n".join(json.dumps(line) for line in lines) + "\n{not json\n", encoding="utf-8"
    )


@pytest.mark.skipif(not CORPORA.exists(), reason=f"shared corpora not on this machine ({CORPORA})")
def test_every_input_is_accounted_for(tmp_path: Path) -> None:
    _junk(tmp_path / "junk")
    home = Home.resolve(tmp_path / "home").prepare()
    home.sources_yaml.write_text(
        f"""sources:
  - name: seed
    path: {SHARED / "seeds"}
  - name: html-benchmark
    path: {CORPORA / "article_extraction_benchmark" / "html"}
  - name: readability
    path: {CORPORA / "readability_news_pages"}
  - name: newspaper4k
    path: {CORPORA / "newspaper4k_fixtures" / "html"}
  - name: feeds
    path: {CORPORA / "rss_feed_fixtures"}
  - name: ruwa
    path: {CORPORA / "ruwa_war_news_index" / "RUWA_04.08.23.csv"}
    tz: UTC
    mapping: {{headline: title, lead: desc, published_at: Date, date_format: "%m/%d/%Y",
               url: src, outlet: Site, tags: KW}}
  - name: junk
    path: {tmp_path / "junk"}
""",
        encoding="utf-8",
    )
    summary = run_pipeline(home)

    assert summary.inputs == summary.parsed + summary.duplicates + summary.quarantined
    con = open_published(home)
    statuses = dict(con.sql("SELECT status, count(*) FROM raw.documents GROUP BY 1").fetchall())
    assert "received" not in statuses
    assert sum(statuses.values()) == summary.inputs
    unexplained = con.sql("""
        SELECT count(*) FROM raw.documents d
        WHERE d.status = 'quarantined'
          AND NOT EXISTS (SELECT 1 FROM ops.quarantine q WHERE q.doc_id = d.doc_id)
    """).fetchone()[0]
    assert unexplained == 0

    reasons = dict(
        con.sql("""
        SELECT regexp_extract(uri, '[^/]+$'), reason FROM ops.quarantine WHERE uri LIKE '%/junk/%'
    """).fetchall()
    )
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.dat"]
    assert "entit" in reasons["bomb.xml"].lower()
    assert "entit" in reasons["xxe.rss"].lower()
    assert "bomb" in reasons["gzip-bomb.html.gz"]
    assert "one-long-line.txt" in reasons and "no-date.html" in reasons
    assert "export.jsonl#item=2" in reasons and "not valid JSON" in reasons["export.jsonl#item=2"]
    assert "cp1251.txt" not in reasons

    by_source = dict(
        con.sql("""
        SELECT d.source, count(DISTINCT a.article_id) FROM staging.articles a
        JOIN raw.documents d USING (doc_id) GROUP BY 1
    """).fetchall()
    )
    assert by_source["seed"] == 1
    assert by_source["ruwa"] > 16_000
    assert by_source["html-benchmark"] >= 170
    assert by_source["feeds"] == 216
    cyrillic = con.sql("SELECT headline FROM core.articles WHERE section = 'Політика'").fetchall()
    assert cyrillic == [("Зеленський зустрівся з Умєровим",)]
    con.close()


PAGE_DUMPS = Path(__file__).parent / "fixtures" / "page_dumps"
HTML_ARTICLE = """<html><head><title>Talks resume in Geneva</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2025-03-01T10:00:00+02:00"></head>
<body><article><h1>Talks resume in Geneva</h1>
<p>Delegations met again on Saturday, Sybiha said, and agreed to meet next week.</p>
<p>Umerov led the Ukrainian side; the talks lasted six hours.</p></article></body></html>
"""


def staged(home: Home) -> dict[str, list]:
    """The staging tables, documents and quarantine, as sorted rows."""
    con = open_published(home)
    tables = {
        "staging.articles": "*",
        "staging.listed_headlines": "*",
        "raw.documents": "* EXCLUDE (received_at, run_id)",
        "ops.quarantine": "* EXCLUDE (received_at)",
    }
    rows = {t: con.sql(f"SELECT {c} FROM {t} ORDER BY ALL").fetchall() for t, c in tables.items()}
    con.close()
    return rows


def test_parsing_shared_with_the_worker_stages_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small batches, half of each batch's single-article files parsed in the worker."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    _junk(inputs / "junk")
    shutil.copytree(PAGE_DUMPS, inputs / "pages")
    (inputs / "article.html").write_text(HTML_ARTICLE, encoding="utf-8")
    one_process = Home.resolve(tmp_path / "one")
    run_pipeline(one_process, [str(inputs)])

    given_to_worker = []

    class Half(ParseSplit):
        def for_worker(self, singles: int) -> int:
            given_to_worker.append(singles // 2)
            return singles // 2

    monkeypatch.setattr(assets.staging, "BATCH_DOCUMENTS", 4)
    monkeypatch.setattr(assets.staging, "ParseSplit", Half)
    shared = Home.resolve(tmp_path / "shared")
    run_pipeline(shared, [str(inputs)])

    assert sum(given_to_worker) >= 5
    expected = staged(one_process)
    assert len(expected["staging.articles"]) >= 10
    assert any("Geneva" in str(row) for row in expected["staging.articles"])
    assert any(row[2] == "parse" for row in expected["ops.quarantine"])
    assert staged(shared) == expected
    assert digests(shared) == digests(one_process)
