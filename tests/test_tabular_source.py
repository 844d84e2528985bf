"""CSV and Parquet exports: columns mapped onto article fields, one item per row."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest

from etl.sources.jsonl import FieldError
from etl.sources.records import SourceError, SourceHints
from etl.sources.tabular import (
    CSV_MEDIA_TYPE,
    PARQUET_MEDIA_TYPE,
    canonical_row,
    parse_csv_items,
    parse_parquet_items,
    parse_tags_cell,
)

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
RUWA = CORPORA / "ruwa_war_news_index" / "RUWA_04.08.23.csv"
NYT_GUARDIAN = CORPORA / "nyt_guardian_ukraine_2022"
RUWA_MAPPING = {
    "headline": "title",
    "lead": "desc",
    "published_at": "Date",
    "date_format": "%m/%d/%Y",
    "url": "src",
    "outlet": "Site",
    "tags": "KW",
}


def corpus(path: Path) -> bytes:
    if not path.exists():
        pytest.skip(f"shared corpus not on this machine: {path}")
    return path.read_bytes()


def test_media_types() -> None:
    assert CSV_MEDIA_TYPE == "text/csv"
    assert PARQUET_MEDIA_TYPE == "application/vnd.apache.parquet"


def test_a_mapping_names_the_columns_and_the_date_format() -> None:
    data = (
        b"Heading,Summary,Day,Link,Paper,Labels\n"
        b"Bridge reopens in Kherson,Traffic resumed at noon.,03/15/2023,"
        b"https://example.org/b,Example Post,\"['Kherson', 'roads']\"\n"
    )
    mapping = {
        "headline": "Heading",
        "lead": "Summary",
        "published_at": "Day",
        "date_format": "%m/%d/%Y",
        "url": "Link",
        "outlet": "Paper",
        "tags": "Labels",
    }
    [item] = parse_csv_items(data, SourceHints(tz="UTC", mapping=mapping))
    record = item.record
    assert (item.index, item.error) == (0, None)
    assert record.headline == "Bridge reopens in Kherson"
    assert record.lead == "Traffic resumed at noon."
    assert record.published_at == datetime(2023, 3, 15, tzinfo=UTC)
    assert record.url == "https://example.org/b"
    assert record.outlet == "Example Post"
    assert record.tags == ("kherson", "roads")


def test_common_column_names_are_recognised_case_insensitively() -> None:
    data = (
        b"PubDate,Headlines,Articles,SRC,Site,Description\n"
        b"2023-03-15T10:00:00Z,Power restored,Crews worked overnight.,https://e.org/p,"
        b"e.org,Short summary.\n"
    )
    [item] = parse_csv_items(data, SourceHints())
    assert item.record.headline == "Power restored"
    assert item.record.body == "Crews worked overnight."
    assert item.record.lead == "Short summary."
    assert item.record.url == "https://e.org/p"
    assert item.record.outlet == "e.org"
    assert item.record.published_at == datetime(2023, 3, 15, 10, tzinfo=UTC)


def test_quoted_multiline_fields_and_crlf_are_one_row() -> None:
    data = (
        b'published,headlines,articles\r\n2022/07/01,One,"First paragraph.\r\n\r\nSecond."\r\n'
        b"2022/07/02,Two,Body two.\r\n"
    )
    first, second = parse_csv_items(data, SourceHints(outlet="Example Times", tz="UTC"))
    assert first.record.body == "First paragraph.\n\nSecond."
    assert second.record.headline == "Two"
    assert second.index == 1


def test_a_legacy_encoded_semicolon_file_is_read() -> None:
    text = "Заголовок;Дата;title;date\nx;y;Обстріл Харкова вночі;2023-01-05T08:00:00\n"
    [item] = parse_csv_items(text.encode("cp1251"), SourceHints(outlet="Укрінформ"))
    assert item.record.headline == "Обстріл Харкова вночі"
    assert item.record.published_at == datetime(2023, 1, 5, 6, tzinfo=UTC)  # Kyiv, UTC+2


def test_a_row_without_headline_takes_one_from_its_lead_and_empty_rows_are_errors() -> None:
    data = (
        b"title,desc,date,outlet\n"
        b",Shelling hit the port overnight. Two were hurt.,2023-01-05,W\n"
        b",,2023-01-05,W\n"
        b"Fine,,not a date,W\n"
    )
    derived, empty, bad_date = parse_csv_items(data, SourceHints())
    assert derived.record.headline == "Shelling hit the port overnight"
    assert derived.record.headline_derived is True
    assert empty.error == "row 2: neither headline nor body"
    assert bad_date.error == "row 3: published_at: unreadable publication time 'not a date'"


def test_a_date_not_matching_the_format_names_the_row_and_format() -> None:
    data = b"title,Date,outlet\nA,03/15/2023,W\nB,2023-03-15,W\n"
    mapping = {"published_at": "Date", "date_format": "%m/%d/%Y"}
    good, bad = parse_csv_items(data, SourceHints(mapping=mapping))
    assert good.record is not None
    assert bad.error == "row 2: published_at: time '2023-03-15' does not match format '%m/%d/%Y'"


def test_without_text_or_date_columns_the_whole_file_is_refused() -> None:
    with pytest.raises(SourceError) as no_date:
        parse_csv_items(b"title,when\nA,2023\n", SourceHints(outlet="W"))
    assert str(no_date.value) == (
        "no column for published_at: columns are 'title', 'when'; add a mapping in sources.yaml"
    )
    with pytest.raises(
        SourceError, match="no column for headline or body: columns are 'x', 'date'"
    ):
        parse_csv_items(b"x,date\nA,2023-01-01\n", SourceHints(outlet="W"))


def test_a_mapping_naming_a_missing_column_is_refused() -> None:
    with pytest.raises(SourceError, match="mapping names column 'Titel' for headline"):
        parse_csv_items(b"title,date\nA,2023-01-01\n", SourceHints(mapping={"headline": "Titel"}))


def test_without_outlet_column_the_source_must_name_the_outlet() -> None:
    data = b"title,date\nA,2023-01-01\n"
    with pytest.raises(SourceError, match="no column for outlet"):
        parse_csv_items(data, SourceHints())
    [item] = parse_csv_items(data, SourceHints(outlet="Configured"))
    assert item.record.outlet == "Configured"


def test_rows_are_canonical_json_so_equal_rows_are_equal_bytes() -> None:
    data = b"title,date,outlet\nA,2023-01-01,W\nA,2023-01-01,W\nB,2023-01-01,W\n"
    a1, a2, b = parse_csv_items(data, SourceHints())
    assert a1.raw == a2.raw != b.raw
    assert a1.raw == b'{"date":"2023-01-01","outlet":"W","title":"A"}'
    assert canonical_row({"b": None, "a": "ї"}) == '{"a":"ї","b":null}'.encode()


def test_tags_cells_are_read_as_literals_never_evaluated() -> None:
    assert parse_tags_cell("['Bucha', 'civilians']") == ["Bucha", "civilians"]
    assert parse_tags_cell('["a", "b"]') == ["a", "b"]
    assert parse_tags_cell(["x", None, "y"]) == ["x", "y"]
    assert parse_tags_cell("war; Kyiv") == ["war", " Kyiv"]
    with pytest.raises(FieldError, match="tags: unreadable list"):
        parse_tags_cell("[__import__('os').getcwd()]")


def test_parquet_with_list_and_timestamp_columns() -> None:
    frame = pl.DataFrame(
        {
            "headline": ["Drones downed over Kyiv", None],
            "text": ["Air defence worked all night.", None],
            "published_at": [datetime(2024, 2, 1, 3, 15), datetime(2024, 2, 2)],
            "tags": [["Kyiv", "air defence"], []],
            "outlet": ["Example Wire", "Example Wire"],
        }
    )
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    good, empty = parse_parquet_items(buffer.getvalue(), SourceHints())
    assert good.record.published_at == datetime(2024, 2, 1, 1, 15, tzinfo=UTC)  # naive: Kyiv
    assert good.record.tags == ("kyiv", "air defence")
    assert good.record.body == "Air defence worked all night."
    assert json.loads(good.raw)["published_at"] == "2024-02-01T03:15:00"
    assert empty.error == "row 2: neither headline nor body"


def test_a_file_that_is_not_parquet_is_refused() -> None:
    with pytest.raises(SourceError, match="not a readable Parquet file"):
        parse_parquet_items(b"title,date\n", SourceHints())


def test_ruwa_index_with_its_mapping() -> None:
    items = parse_csv_items(corpus(RUWA), SourceHints(tz="UTC", mapping=RUWA_MAPPING))
    records = [i.record for i in items if i.record is not None]
    errors = Counter(i.error.split(": ", 1)[1] for i in items if i.error)
    assert len(items) == 16_545
    assert [i.index for i in items[:2]] == [0, 1]
    # 1,152 rows have no title; 194 of them have no desc either and cannot be articles.
    assert errors == {"neither headline nor body": 194}
    assert sum(r.headline_derived for r in records) == 1_152 - 194
    assert all(r.lead and not r.body for r in records if r.headline_derived)
    assert min(r.published_at for r in records) == datetime(2021, 9, 1, tzinfo=UTC)
    assert max(r.published_at for r in records) == datetime(2022, 11, 17, tzinfo=UTC)
    first = items[0].record  # 02/28/2022, bbc.co.uk, ['invasion']
    assert first.published_at.date() == date(2022, 2, 28)
    assert (first.outlet, first.tags) == ("bbc.co.uk", ("invasion",))
    assert Counter(r.outlet for r in records)["ukrinform.net"] == 6_749
    assert len({i.raw for i in items}) == 16_545  # no two rows alike
    assert all(r.url.startswith("https://") for r in records)  # tass.com/... rows included


def test_guardian_iso_times_in_utc() -> None:
    items = parse_csv_items(
        corpus(NYT_GUARDIAN / "Guardians_Russia_Ukraine.csv"),
        SourceHints(outlet="The Guardian", tz="Europe/London"),
    )
    records = [i.record for i in items]
    assert len(items) == 188
    assert not [i.error for i in items if i.error]
    assert records[0].published_at == datetime(2022, 8, 1, 16, 23, 25, tzinfo=UTC)
    assert records[0].headline == "Sanctions against Russia are not backfiring | Letters"
    assert min(r.published_at for r in records).date() == date(2022, 2, 24)
    assert max(r.published_at for r in records).date() == date(2022, 8, 6)
    assert len({i.raw for i in items}) == 178  # 10 rows repeat another row exactly
    assert all("\r" not in r.body for r in records)
    assert (min(len(r.body) for r in records), max(len(r.body) for r in records)) == (372, 24_915)


def test_nyt_dates_fall_on_their_day_in_the_outlets_zone() -> None:
    data = corpus(NYT_GUARDIAN / "NYT_Russia_Ukraine.csv")
    items = parse_csv_items(data, SourceHints(outlet="The New York Times", tz="America/New_York"))
    records = [i.record for i in items]
    assert len(items) == 219
    assert not [i.error for i in items if i.error]
    written = pl.read_csv(io.BytesIO(data), infer_schema=False)["published"].to_list()
    days = [datetime.strptime(day, "%Y/%m/%d").date() for day in written]
    assert [r.published_at.date() for r in records] == days  # midnight New York = 04:00 UTC
    assert {r.published_at.hour for r in records} == {4}
    assert all("\n" in r.body for r in records)  # multi-line quoted bodies kept whole
    assert (min(len(r.body) for r in records), max(len(r.body) for r in records)) == (513, 24_886)
    assert sum(r.headline.startswith("Your ") and "Briefing" in r.headline for r in records) >= 5
