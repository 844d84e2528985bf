"""The whole Dagster graph materialized in-process into a temporary home."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from dagster import materialize

from assets.definitions import ALL_ASSETS, BUILD, resources_for
from warehouse.connect import open_published
from wirewatch.home import Home
from wirewatch.pipeline import instance_for, run_pipeline

PAGE = """Kyiv Wire
Politics
{time}

{headline}

1 min read
{headline}

A lead paragraph about {headline}.

A second paragraph with more detail.

Tags: #test

MORE ABOUT

09:15 01.03.2025
An earlier listed story

An earlier listed story

LATEST

{latest}
"""


def _page(headline: str, time: str = "12:00 02.03.2025", latest: str = "Another headline") -> str:
    return PAGE.format(headline=headline, time=time, latest=latest)


def _tables(home: Home) -> dict[str, list[tuple]]:
    con = open_published(home)
    try:
        return {
            table: con.sql(f"SELECT * EXCLUDE ({exclude}) FROM {table} ORDER BY ALL").fetchall()
            for table, exclude in [
                ("core.articles", "first_seen_at"),
                ("core.article_links", "position"),
                ("marts.daily_volume", "outlet"),
                ("staging.articles", "doc_id"),
            ]
        }
    finally:
        con.close()


def test_seed_page_lands_with_time_tags_and_timed_related_links(
    tmp_path: Path, seed_page: Path
) -> None:
    home = Home.resolve(tmp_path / "home")
    summary = run_pipeline(home, [str(seed_page)])
    assert (summary.inputs, summary.parsed, summary.quarantined) == (1, 1, 0)

    con = open_published(home)
    article = con.sql("""
        SELECT article_id, published_at, local_published_at, tags, has_body, outlet, section
        FROM core.articles WHERE has_body
    """).fetchall()
    assert len(article) == 1
    article_id, published_at, local, tags, _, outlet, section = article[0]
    assert published_at == datetime(2025, 5, 23, 15, 12, tzinfo=UTC)
    assert local == datetime(2025, 5, 23, 18, 12)
    assert tags == ["umerov"]
    assert (outlet, section) == ("Interfax-Ukraine", "Facts")

    related = con.sql(
        """
        SELECT a.published_at, a.headline, a.has_body
        FROM core.article_links l JOIN core.articles a ON a.article_id = l.to_article_id
        WHERE l.from_article_id = $id AND l.kind = 'related' ORDER BY l.position
    """,
        params={"id": article_id},
    ).fetchall()
    assert len(related) == 10
    times = [row[0] for row in related]
    assert all(t is not None for t in times)
    assert len(set(times)) == 10
    assert times[0] == datetime(2025, 5, 19, 16, 11, tzinfo=UTC)  # 19:11 Kyiv summer time
    assert not any(row[2] for row in related)

    kinds = dict(con.sql("SELECT kind, count(*) FROM core.article_links GROUP BY kind").fetchall())
    assert kinds == {"related": 10}
    # HOT NEWS and LATEST print no times: their headlines wait in staging until
    # their articles arrive, and core.articles holds only timed rows.
    pending = dict(
        con.sql("""
        SELECT kind, count(*) FROM staging.listed_headlines
        WHERE published_at IS NULL GROUP BY kind
    """).fetchall()
    )
    assert pending == {"hot": 5, "latest": 10}
    assert con.sql("SELECT count(*) FROM core.articles WHERE published_at IS NULL").fetchone() == (
        0,
    )
    con.close()


def test_bad_inputs_are_quarantined_and_the_rest_goes_on(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(_page("Good story one"), encoding="utf-8")
    (inbox / "bad_date.txt").write_text(_page("Bad date story", time="12:00 31.02.2025"))
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (inbox / "notes.txt").write_text("just a note\nwith two lines\n")
    home = Home.resolve(tmp_path / "home")

    summary = run_pipeline(home, [str(inbox)])

    assert (summary.inputs, summary.parsed, summary.quarantined) == (5, 1, 4)
    con = open_published(home)
    reasons = dict(
        con.sql("""
        SELECT regexp_extract(uri, '[^/]+$'), reason FROM ops.quarantine
    """).fetchall()
    )
    assert set(reasons) == {"bad_date.txt", "empty.txt", "image.bin", "notes.txt"}
    assert "31.02.2025" in reasons["bad_date.txt"] and "line 3" in reasons["bad_date.txt"]
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["image.bin"]
    statuses = dict(
        con.sql("SELECT regexp_extract(uri, '[^/]+$'), status FROM raw.documents").fetchall()
    )
    assert statuses["good.txt"] == "parsed" and statuses["image.bin"] == "quarantined"
    assert con.sql("SELECT count(*) FROM core.articles WHERE has_body").fetchone()[0] == 1
    con.close()


def test_raw_input_is_kept_byte_for_byte_and_never_changed(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    data = ("\ufeff" + _page("Story with a BOM")).replace("\n", "\r\n").encode("utf-8")
    source.write_bytes(data)
    home = Home.resolve(tmp_path / "home")
    run_pipeline(home, [str(source)])
    doc_id = hashlib.sha256(data).hexdigest()
    assert source.read_bytes() == data
    assert home.landed_path(doc_id).read_bytes() == data
    con = open_published(home)
    assert con.sql("SELECT doc_id, size_bytes, status FROM raw.documents").fetchall() == [
        (doc_id, len(data), "parsed")
    ]
    con.close()


def test_rerun_is_idempotent_and_duplicates_are_recognised(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(3):
        (inbox / f"p{i}.txt").write_text(_page(f"Story number {i}", latest="Story number 0"))
    home = Home.resolve(tmp_path / "home")
    first = run_pipeline(home, [str(inbox)])
    before = _tables(home)

    second = run_pipeline(home, [str(inbox)])
    assert second.inputs == 0
    assert _tables(home) == before

    copy = tmp_path / "copy.txt"
    copy.write_bytes((inbox / "p1.txt").read_bytes())
    third = run_pipeline(home, [str(copy)])
    assert (third.inputs, third.parsed, third.duplicates) == (1, 0, 1)
    assert _tables(home) == before
    con = open_published(home)
    statuses = con.sql(
        "SELECT status, count(*) FROM raw.documents GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert statuses == [("duplicate", 1), ("parsed", 3)]
    # Landing keeps (content, location) unique; the table has no key to do it.
    assert (
        con.sql("SELECT count(*) - count(DISTINCT (doc_id, uri)) FROM raw.documents").fetchone()[0]
        == 0
    )
    assert con.sql("SELECT count(*) FROM ops.runs").fetchone()[0] == 3
    assert first.articles == second.articles == third.articles
    con.close()


def test_latest_headline_resolves_to_the_timed_article_it_names(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(_page("Story number 0", time="10:00 02.03.2025"))
    (inbox / "b.txt").write_text(_page("Story number 1", latest="STORY number 0"))
    home = Home.resolve(tmp_path / "home")
    run_pipeline(home, [str(inbox)])
    con = open_published(home)
    target = con.sql("""
        SELECT a.headline, a.has_body FROM core.article_links l
        JOIN core.articles a ON a.article_id = l.to_article_id
        JOIN core.articles f ON f.article_id = l.from_article_id
        WHERE l.kind = 'latest' AND f.headline = 'Story number 1'
    """).fetchall()
    assert target == [("Story number 0", True)]
    con.close()


def test_a_timeless_listing_enters_core_when_its_article_arrives_later(tmp_path: Path) -> None:
    listing = tmp_path / "b.txt"
    listing.write_text(_page("Story number 1", latest="STORY number 0"))
    article = tmp_path / "a.txt"
    article.write_text(_page("Story number 0", time="10:00 02.03.2025"))
    home = Home.resolve(tmp_path / "home")
    latest_links = """
        SELECT a.headline, a.has_body, a.published_at FROM core.article_links l
        JOIN core.articles a ON a.article_id = l.to_article_id WHERE l.kind = 'latest'
    """

    run_pipeline(home, [str(listing)])
    con = open_published(home)
    assert con.sql(latest_links).fetchall() == []
    headlines = {row[0] for row in con.sql("SELECT headline FROM core.articles").fetchall()}
    assert "Story number 1" in headlines and "Story number 0" not in headlines
    con.close()

    run_pipeline(home, [str(article)])
    con = open_published(home)
    assert con.sql(latest_links).fetchall() == [
        ("Story number 0", True, datetime(2025, 3, 2, 8, 0, tzinfo=UTC))
    ]
    first_seen = dict(con.sql("SELECT headline, first_seen_at FROM core.articles").fetchall())
    assert first_seen["Story number 0"] == first_seen["Story number 1"]  # listed before it arrived
    con.close()


@pytest.mark.parametrize("order", ["one run, a batch per page", "listing first"])
def test_a_recurring_headline_resolves_to_its_newest_sighting_within_a_day(
    order: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A daily briefing's title recurs: a timeless listing takes the newest article
    published no later than a day after the listing, however the pages were batched."""
    import assets.core

    monkeypatch.setattr(assets.core, "BATCH_DOCS", 1)
    briefings = tmp_path / "briefings"
    briefings.mkdir()
    for day in ("01", "03", "06"):
        (briefings / f"{day}.txt").write_text(
            _page("Morning briefing", time=f"08:00 {day}.03.2025", latest=f"Note {day}")
        )
    listing = tmp_path / "listing"
    listing.mkdir()
    (listing / "page.txt").write_text(
        _page("Roundup page", time="12:00 04.03.2025", latest="MORNING briefing")
    )
    home = Home.resolve(tmp_path / "home")
    if order == "listing first":
        run_pipeline(home, [str(listing)])
        run_pipeline(home, [str(briefings)])
    else:
        run_pipeline(home, [str(briefings), str(listing)])
    con = open_published(home)
    target = con.sql("""
        SELECT a.published_at FROM core.article_links l
        JOIN core.articles a ON a.article_id = l.to_article_id
        JOIN core.articles f ON f.article_id = l.from_article_id
        WHERE l.kind = 'latest' AND f.headline = 'Roundup page'
    """).fetchall()
    con.close()
    assert target == [(datetime(2025, 3, 3, 6, 0, tzinfo=UTC),)]


def test_published_warehouse_is_read_only_and_separate_from_the_work_database(
    tmp_path: Path,
) -> None:
    home = Home.resolve(tmp_path / "home")
    page = tmp_path / "p.txt"
    page.write_text(_page("Only story"))
    run_pipeline(home, [str(page)])
    assert home.warehouse.exists() and home.work_db.exists()
    assert home.warehouse != home.work_db
    con = open_published(home)
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM core.articles")
    con.close()


WIRE_TEXT = (
    "Ukraine and Russia exchanged prisoners of war on Friday in the largest swap since the "
    "talks in Istanbul, the coordination headquarters said in a statement. Among those returned "
    "were defenders of Mariupol, border guards and civilians held since the first weeks of the "
    "invasion. The exchange was mediated by the United Arab Emirates, and officials said further "
    "stages were expected over the coming days as lists were being checked by both sides."
)


def test_the_same_wire_text_in_two_outlets_is_linked_not_merged(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines = [
        {
            "url": "https://one.example/swap",
            "outlet": "One",
            "published_at": "2025-05-23T18:00:00+03:00",
            "headline": "Largest prisoner swap since Istanbul talks",
            "body": WIRE_TEXT,
        },
        {
            "url": "https://two.example/pow",
            "outlet": "Two",
            "published_at": "2025-05-23T19:30:00+03:00",
            "headline": "Prisoners of war exchanged",
            "body": WIRE_TEXT.replace("Friday", "Friday, 23 May"),
        },
        {
            "url": "https://two.example/other",
            "outlet": "Two",
            "published_at": "2025-05-23T20:00:00+03:00",
            "headline": "Unrelated",
            "body": "A different story entirely about energy. " * 12,
        },
    ]
    (inbox / "wire.jsonl").write_text("\n".join(json.dumps(line) for line in lines))
    home = Home.resolve(tmp_path / "home")
    run_pipeline(home, [str(inbox)])
    con = open_published(home)
    assert con.sql("SELECT count(*) FROM core.articles").fetchone()[0] == 3
    pairs = con.sql("""
        SELECT a.outlet, b.outlet, n.similarity, n.same_outlet FROM core.near_duplicates n
        JOIN core.articles a USING (article_id)
        JOIN core.articles b ON b.article_id = n.other_article_id
    """).fetchall()
    con.close()
    assert len(pairs) == 1
    assert {pairs[0][0], pairs[0][1]} == {"One", "Two"}
    assert 0.8 <= pairs[0][2] < 1.0 and pairs[0][3] is False


def test_checks_report_a_run_that_is_mostly_junk_without_failing_it(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(_page("The only good page"))
    for i in range(3):
        (inbox / f"junk{i}.bin").write_bytes(bytes([0, i, 255]) * 10)
    home = Home.resolve(tmp_path / "home").prepare()
    with instance_for(home) as instance:
        result = materialize(
            ALL_ASSETS,
            selection=BUILD,
            instance=instance,
            resources=resources_for(home),
            run_config={"ops": {"raw__documents": {"config": {"sources": [str(inbox)]}}}},
        )
    assert result.success
    outcomes = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert outcomes["parsed_share"] is False
    assert outcomes["publication_times_plausible"] is True
    assert outcomes["unique_article_id"] is True
    assert outcomes["link_targets_exist"] is True


@pytest.mark.parametrize("table", ["core.mentions", "core.quotes", "core.article_topics"])
def test_tables_read_one_article_at_a_time_are_stored_in_article_order(
    demo_home: Home, table: str
) -> None:
    """The Articles page looks rows up by article; stored in that order, DuckDB skips the rest."""
    con = open_published(demo_home)
    try:
        query = f"SELECT article_id FROM {table} ORDER BY rowid"
        stored = [row[0] for row in con.execute(query).fetchall()]
    finally:
        con.close()
    assert len(set(stored)) > 100
    assert stored == sorted(stored)
