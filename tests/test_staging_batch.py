"""Unit tests of `etl.staging_batch.StagingBatch` and the article finishing it relies on.

The listed headlines are built as columns and the articles finished in a
worker process, for speed; these tests hold both to what the row-by-row,
in-process version stored: the same rows, values and types.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import polars as pl
import pytest

from etl.clean.articles import ArticleFinisher, finish_articles, worker_started_early
from etl.clean.text import normalize_line
from etl.clean.timezones import LocalTimeError, local_to_utc
from etl.identity import article_id, headline_key
from etl.landing import read_landed, store_bytes
from etl.sources import jsonl
from etl.sources.page_dump import MEDIA_TYPE, PageDumpError, parse_page_dump
from etl.sources.records import SourceHints
from etl.staging_batch import LISTED_SCHEMA, StagingBatch, finish_batch, utc_column

PAGES = Path(__file__).parent / "fixtures" / "page_dumps"
RECEIVED = datetime(2030, 1, 1, tzinfo=UTC)
HINTS = SourceHints()


def batch_of(texts: dict[str, str]) -> StagingBatch:
    batch = StagingBatch(set(), read=lambda doc_id: texts[doc_id].encode(), store=str)
    for doc_id in texts:
        batch.add_file(doc_id, MEDIA_TYPE, "test", doc_id, RECEIVED, SourceHints())
    return batch


def listed_rows(doc_id: str, text: str) -> list[dict]:
    """The rows of a page's lists as the row-by-row version built them."""
    page = parse_page_dump(text)
    outlet = normalize_line(page.outlet)
    page_id = article_id(outlet, normalize_line(page.headline), page.published_at)
    return [
        {
            "doc_id": doc_id,
            "from_article_id": page_id,
            "listed_on": page.published_at,
            "kind": item.kind,
            "position": item.position,
            "article_id": article_id(outlet, normalize_line(item.headline), item.published_at),
            "outlet": outlet,
            "headline": normalize_line(item.headline),
            "headline_key": headline_key(normalize_line(item.headline)),
            "local_published_at": item.published_local,
            "source_tz": page.source_tz,
            "published_at": item.published_at,
        }
        for item in page.listed
    ]


def test_listed_headlines_match_the_rows_built_one_by_one() -> None:
    texts = {
        name: (PAGES / name).read_text(encoding="utf-8")
        for name in ("full.txt", "dst_spring.txt", "no_more_about.txt")
    }
    batch = batch_of(texts)

    listed = batch.frames()["parsed_listed"]

    expected = [row for doc_id, text in texts.items() for row in listed_rows(doc_id, text)]
    assert listed.schema == pl.Schema(LISTED_SCHEMA)
    assert listed.equals(pl.DataFrame(expected, schema=LISTED_SCHEMA))
    assert listed.height > 10 and listed["published_at"].null_count() < listed.height


def test_a_batch_without_lists_gives_an_empty_listed_frame() -> None:
    text = (PAGES / "full.txt").read_text(encoding="utf-8").split("MORE ABOUT")[0]

    frames = batch_of({"page": text}).frames()

    assert frames["parsed_articles"].height == 1
    assert frames["parsed_listed"].is_empty()
    assert frames["parsed_listed"].schema == pl.Schema(LISTED_SCHEMA)


def test_utc_column_stores_what_polars_would() -> None:
    moments = [
        datetime(2025, 3, 30, 0, 59, tzinfo=UTC),
        datetime(2025, 3, 30, 4, 30, tzinfo=timezone(timedelta(hours=3))),
        datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2025, 1, 1, 12, 0),  # naive: Polars reads it as UTC
        None,
    ]

    column = utc_column(moments)

    assert column.equals(pl.Series(moments, dtype=pl.Datetime("us", "UTC")))
    assert column[1] == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)


def test_articles_finished_in_the_worker_equal_those_finished_here() -> None:
    english = batch_of({"en": (PAGES / "full.txt").read_text(encoding="utf-8")}).parsed_articles()
    ukrainian = english.with_columns(
        headline=pl.lit("Сибіга закликав партнерів закрити лазівки"),
        lead=pl.lit("Міністр закордонних справ України закликав партнерів закрити лазівки."),
        body=pl.lit(""),
    )
    parsed = pl.concat([english, ukrainian, english.with_columns(lang=pl.lit("de"))])

    with ArticleFinisher() as worker, ArticleFinisher(background=False) as here:
        in_worker = worker.submit(finish_articles, parsed).result()
        in_process = here.submit(finish_articles, parsed).result()

    assert in_worker.equals(finish_articles(parsed))
    assert in_process.equals(in_worker)
    assert in_worker["lang"].to_list() == ["en", "uk", "de"]
    assert in_worker["word_count"].min() > 0


def test_a_batch_finished_in_the_worker_gives_the_frames_finished_here(tmp_path: Path) -> None:
    """Parsed here and finished there, or parsed and finished there: the same frames."""
    landing = tmp_path / "raw"
    export = b'{"outlet": "Example", "headline": "Talks resume", "published_at": "2025-03-01"}\n{no'
    containers = [
        (store_bytes(export, landing), jsonl.MEDIA_TYPE, "test", "e.jsonl", RECEIVED, SourceHints())
    ]
    singles = [
        (store_bytes((PAGES / name).read_bytes(), landing), MEDIA_TYPE, "t", name, RECEIVED, HINTS)
        for name in ("full.txt", "dst_spring.txt", "no_more_about.txt", "truncated.txt")
    ]

    def staged() -> StagingBatch:
        batch = StagingBatch(
            set(), partial(read_landed, landing), partial(store_bytes, landing_dir=landing)
        )
        batch.add_files(containers)
        return batch

    here = staged()
    here.add_files(singles)
    expected = here.frames()
    parsed_there = staged()
    with ArticleFinisher() as worker:
        assert worker.pool is not None
        finished = here.frames(worker.submit(finish_batch, here.job()).result())
        job = parsed_there.job(singles, landing)
        parsed = parsed_there.frames(worker.submit(finish_batch, job).result())

    assert len(parsed_there.outcomes) == 1 and len(job.to_parse) == 4
    assert expected["parsed_articles"].height == 4
    assert expected["parsed_listed"].height > 10
    assert expected["outcomes"]["status"].to_list() == ["parsed"] * 4 + ["quarantined"]
    for name, frame in expected.items():
        assert finished[name].equals(frame), name
        assert parsed[name].equals(frame), name


def test_only_single_article_files_are_parsed_by_finish_batch(tmp_path: Path) -> None:
    export = (store_bytes(b"{}", tmp_path), jsonl.MEDIA_TYPE, "t", "e.jsonl", RECEIVED, HINTS)
    job = StagingBatch(set(), read=bytes, store=str).job([export], tmp_path)

    with pytest.raises(ValueError, match="not single-article files"):
        finish_batch(job)


def test_a_worker_started_early_finishes_the_next_finisher_s_batches_then_stops() -> None:
    parsed = batch_of({"en": (PAGES / "full.txt").read_text(encoding="utf-8")}).parsed_articles()

    with worker_started_early():
        with ArticleFinisher(background=False) as first:
            early = first.pool
            finished = first.submit(finish_articles, parsed).result()
        with ArticleFinisher(background=False) as second:
            assert second.pool is None

    assert early is not None
    assert finished.equals(finish_articles(parsed))
    with pytest.raises(RuntimeError, match="shutdown"):
        early.submit(finish_articles, parsed)


def test_list_lines_starting_with_a_digit_are_headlines_unless_they_are_times() -> None:
    text = (PAGES / "full.txt").read_text(encoding="utf-8")
    page = parse_page_dump(
        text.replace("Air defense downs 41 of 58 drones launched", "41 of 58 drones downed")
    )

    assert "41 of 58 drones downed overnight – Air Force" in [i.headline for i in page.listed]

    bad = text.replace("17:15 29.03.2025", "17:15 31.02.2025")
    for _ in range(2):  # a cached parse must not swallow the error the second time
        with pytest.raises(PageDumpError, match=r"line \d+: impossible time"):
            parse_page_dump(bad)


def test_a_time_in_the_spring_gap_is_refused_every_time() -> None:
    for _ in range(2):
        with pytest.raises(LocalTimeError, match="does not exist"):
            local_to_utc(datetime(2025, 3, 30, 3, 30), "Europe/Kyiv")
