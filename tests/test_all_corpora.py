"""Every shared corpus and the demo corpus in one home: one row per article, nothing lost.

The sources file below is what an analyst would write for these exports: an
outlet for files that do not name one, column mappings for CSV and JSONL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assets.core import CHECKS
from etl.demo.generator import DemoSettings, write_corpus
from tests.conftest import SHARED
from warehouse.connect import open_published
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline

CORPORA = SHARED / "corpora"

SOURCES = """sources:
  - name: seed
    path: {shared}/seeds
  - name: demo
    path: {demo}
  - name: html-benchmark
    path: {corpora}/article_extraction_benchmark/html
  - name: readability
    path: {corpora}/readability_news_pages
  - name: newspaper4k
    path: {corpora}/newspaper4k_fixtures/html
  - name: feeds
    path: {corpora}/rss_feed_fixtures
  - name: page-dumps-2026
    path: {corpora}/ukraine_page_dumps_2026
  - name: gdelt
    path: {corpora}/gdelt_war_articles_2022_2024
  - name: ruwa
    path: {corpora}/ruwa_war_news_index/RUWA_04.08.23.csv
    tz: UTC
    mapping: {{headline: title, lead: desc, published_at: Date, date_format: "%m/%d/%Y",
               url: src, outlet: Site, tags: KW}}
  - name: cnn-live
    path: {corpora}/cnn_ukraine_live_headlines/headlines.csv
    outlet: CNN
    tz: UTC
    mapping: {{headline: headline, published_at: first_seen_utc}}
  - name: huffpost
    path: {corpora}/huffpost_news_category_10k
    outlet: HuffPost
    tz: America/New_York
    mapping: {{headline: headline, lead: short_description, published_at: date,
               url: link, section: category}}
  - name: guardian
    path: {corpora}/nyt_guardian_ukraine_2022/Guardians_Russia_Ukraine.csv
    outlet: The Guardian
    tz: UTC
    mapping: {{headline: headlines, body: articles, published_at: published}}
  - name: nyt
    path: {corpora}/nyt_guardian_ukraine_2022/NYT_Russia_Ukraine.csv
    outlet: The New York Times
    tz: America/New_York
    mapping: {{headline: headlines, body: articles, published_at: published,
               date_format: "%Y/%m/%d"}}
  - name: zelensky-addresses
    path: {corpora}/zelensky_addresses_2022
    outlet: President of Ukraine
    tz: Europe/Kyiv
    mapping: {{headline: name, body: text, published_at: date}}
"""


@pytest.mark.skipif(not CORPORA.exists(), reason=f"shared corpora not on this machine ({CORPORA})")
def test_every_corpus_with_the_demo_gives_one_row_per_article(tmp_path: Path) -> None:
    home = Home.resolve(tmp_path / "home").prepare()
    write_corpus(home.demo, DemoSettings(articles=600))
    home.sources_yaml.write_text(
        SOURCES.format(shared=SHARED, corpora=CORPORA, demo=home.demo), encoding="utf-8"
    )

    summary = run_pipeline(home)

    assert summary.inputs == summary.parsed + summary.duplicates + summary.quarantined
    con = open_published(home)
    try:
        con.execute("CREATE TEMP TABLE checked_articles AS SELECT article_id FROM core.articles")
        for name, _, _, sql in CHECKS:
            assert con.execute(sql).fetchone() == (0,), f"asset check {name} fails"
        total, distinct = con.execute(
            "SELECT count(*), count(DISTINCT article_id) FROM core.articles"
        ).fetchone()
        assert total == distinct == summary.articles
        by_source = dict(
            con.execute("""
                SELECT d.source, count(DISTINCT a.article_id) FROM staging.articles a
                JOIN raw.documents d USING (doc_id) GROUP BY 1
            """).fetchall()
        )
        expected = {"seed", "demo", "ruwa", "cnn-live", "huffpost", "guardian", "nyt"}
        assert expected | {"zelensky-addresses", "page-dumps-2026", "feeds"} <= set(by_source)
        assert by_source["demo"] == 600
        assert by_source["huffpost"] > 9_000
        # Daily volume counts each article once, on its Kyiv calendar day.
        assert con.execute("SELECT sum(articles) FROM marts.daily_volume").fetchone() == (total,)
    finally:
        con.close()
