"""The JSONL interchange format: one article per line, bad lines reported by number and field."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.sources.jsonl import MEDIA_TYPE, derive_headline, parse_items
from etl.sources.records import SourceError, SourceHints

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "jsonl-format.md"
KYIV = SourceHints(outlet="Kyiv Wire")


def jsonl(*entries: dict | str) -> bytes:
    """A JSONL file: dicts are dumped as objects, strings are written as they are."""
    return "\n".join(e if isinstance(e, str) else json.dumps(e) for e in entries).encode()


def article(**fields) -> dict:
    base = {
        "outlet": "Kyiv Wire",
        "published_at": "2024-05-14T09:30:00+03:00",
        "headline": "Grain ships leave port",
        "body": "Four ships left on Tuesday.",
    }
    return base | fields


def test_media_type_is_ndjson() -> None:
    assert MEDIA_TYPE == "application/x-ndjson"


def test_every_field_of_a_line_reaches_the_record() -> None:
    line = article(
        url="https://example.org/a",
        section="Economy",
        lead="A lead.",
        tags=["Odesa", "#grain", "odesa", " "],
        lang="en",
    )
    [item] = parse_items(jsonl(line), SourceHints())
    record = item.record
    assert item.error is None
    assert record.outlet == "Kyiv Wire"
    assert record.headline == "Grain ships leave port"
    assert record.published_at == datetime(2024, 5, 14, 6, 30, tzinfo=UTC)
    assert record.published_local is None  # the offset was given, no wall time to keep
    assert record.url == "https://example.org/a"
    assert record.section == "Economy"
    assert record.lead == "A lead."
    assert record.body == "Four ships left on Tuesday."
    assert record.tags == ("odesa", "grain")
    assert record.lang == "en"
    assert record.headline_derived is False


def test_a_time_without_offset_is_read_in_the_outlets_zone() -> None:
    summer, winter = parse_items(
        jsonl(
            article(published_at="2024-05-14T18:05:00"),
            article(published_at="2024-01-14T18:05:00"),
        ),
        SourceHints(),
    )
    assert summer.record.published_at == datetime(2024, 5, 14, 15, 5, tzinfo=UTC)  # UTC+3
    assert winter.record.published_at == datetime(2024, 1, 14, 16, 5, tzinfo=UTC)  # UTC+2
    assert summer.record.published_local == datetime(2024, 5, 14, 18, 5)
    assert summer.record.source_tz == "Europe/Kyiv"
    [london] = parse_items(
        jsonl(article(published_at="2024-05-14T18:05:00")), SourceHints(tz="Europe/London")
    )
    assert london.record.published_at == datetime(2024, 5, 14, 17, 5, tzinfo=UTC)


def test_a_zone_name_is_read_as_its_offset_and_an_ambiguous_one_is_an_error() -> None:
    eastern, indian = parse_items(
        jsonl(
            article(published_at="Jan 14, 2024 6:05 PM EST"),
            article(published_at="Jan 14, 2024 6:05 PM IST"),
        ),
        SourceHints(),
    )
    assert eastern.record.published_at == datetime(2024, 1, 14, 23, 5, tzinfo=UTC)
    assert eastern.record.published_local is None
    assert indian.error == (
        "line 2: published_at: unknown time zone name 'IST' in 'Jan 14, 2024 6:05 PM IST'"
    )


def test_a_bare_date_is_midnight_in_the_outlets_zone() -> None:
    [item] = parse_items(jsonl(article(published_at="2024-05-15")), SourceHints())
    assert item.record.published_at == datetime(2024, 5, 14, 21, 0, tzinfo=UTC)
    assert item.record.published_local == datetime(2024, 5, 15)


def test_a_headline_without_body_is_a_headline_only_article() -> None:
    line = article()
    del line["body"]
    [item] = parse_items(jsonl(line), SourceHints())
    assert item.record.headline == "Grain ships leave port"
    assert item.record.body == ""
    assert item.record.headline_derived is False


def test_a_body_without_headline_gets_its_first_sentence_as_headline() -> None:
    body = "Volunteers in Kharkiv opened a third field kitchen on Wednesday. It serves 400 meals."
    [item] = parse_items(jsonl(article(headline="", body=body)), SourceHints())
    assert item.record.headline == "Volunteers in Kharkiv opened a third field kitchen on Wednesday"
    assert item.record.headline_derived is True
    assert item.record.body == body


def test_a_lead_alone_also_gives_a_derived_headline() -> None:
    line = article(headline=None, lead="Sirens sounded across the city at dawn. More later.")
    del line["body"]
    [item] = parse_items(jsonl(line), SourceHints())
    assert item.record.headline == "Sirens sounded across the city at dawn"
    assert item.record.headline_derived is True


def test_a_derived_headline_is_cut_at_twenty_words_with_an_ellipsis() -> None:
    sentence = " ".join(f"word{n}" for n in range(1, 31)) + "."
    headline = derive_headline(sentence)
    assert headline.endswith("…")
    assert headline.removesuffix("…").split() == [f"word{n}" for n in range(1, 21)]


def test_abbreviations_do_not_end_the_first_sentence() -> None:
    text = "The U.S. envoy met Mr. Umerov in Geneva on Feb. 17. Talks resume later."
    assert derive_headline(text) == "The U.S. envoy met Mr. Umerov in Geneva on Feb. 17"
    assert derive_headline("Will the talks resume? Nobody knows.") == "Will the talks resume?"


def test_items_keep_line_numbers_and_bytes_without_newlines() -> None:
    data = b"\n   \n" + jsonl(article()) + b"\r\n\r\n" + jsonl(article(headline="Other")) + b"\n"
    first, second = parse_items(data, SourceHints())
    assert (first.index, second.index) == (2, 4)  # blank lines count, as in an editor
    assert first.raw == jsonl(article())
    assert second.raw == jsonl(article(headline="Other"))  # no \r left on it
    assert json.loads(second.raw)["headline"] == "Other"


def test_identical_lines_have_identical_bytes() -> None:
    items = parse_items(jsonl(article(), article(), article(headline="Else")), SourceHints())
    assert items[0].raw == items[1].raw != items[2].raw


def test_a_bom_is_not_part_of_the_first_line() -> None:
    [item] = parse_items(b"\xef\xbb\xbf" + jsonl(article()), SourceHints())
    assert item.record is not None
    assert item.raw == jsonl(article())


def test_bad_lines_are_reported_by_line_and_field_and_the_rest_goes_on() -> None:
    no_text = article(headline="", body="")
    no_time = article()
    del no_time["published_at"]
    data = jsonl(
        article(),  # 1
        article(published_at="yesterday"),  # 2
        '{"outlet": "Kyiv Wire", "headline": "x" "body": "y"}',  # 3
        no_text,  # 4
        no_time,  # 5
        "[1, 2]",  # 6
        article(tags="grain"),  # 7
        article(url="mailto:desk@example.org"),  # 8
        article(headline=42),  # 9
        article(published_at="2024-03-31T03:30:00"),  # 10: inside the spring-forward gap
    )
    errors = [item.error for item in parse_items(data, SourceHints())]
    assert errors[0] is None
    assert errors[1] == "line 2: published_at: unreadable publication time 'yesterday'"
    assert re.fullmatch(r"line 3: not valid JSON: Expecting ',' delimiter at column \d+", errors[2])
    assert errors[3] == "line 4: neither headline nor body"
    assert errors[4] == "line 5: published_at: missing"
    assert errors[5] == "line 6: expected a JSON object, found a list"
    assert errors[6] == "line 7: tags: expected a list of strings, found a string"
    assert (
        errors[7]
        == "line 8: url: expected an absolute http(s) URL, found 'mailto:desk@example.org'"
    )
    assert errors[8] == "line 9: headline: expected a string, found a number"
    assert errors[9] == (
        "line 10: published_at: 03:30 31.03.2024 does not exist in Europe/Kyiv "
        "(clocks moved forward)"
    )


def test_invalid_utf8_is_that_lines_error() -> None:
    good = jsonl(article())
    items = parse_items(b'{"headline": "\xff"}\n' + good, SourceHints())
    assert items[0].error.startswith("line 1: not valid UTF-8")
    assert items[1].record is not None


def test_outlet_falls_back_to_the_source_then_is_an_error() -> None:
    line = article()
    del line["outlet"]
    [configured] = parse_items(jsonl(line), KYIV)
    assert configured.record.outlet == "Kyiv Wire"
    [unknown] = parse_items(jsonl(line), SourceHints())
    assert unknown.error == "line 1: outlet: missing, and the source configures no outlet"
    [own] = parse_items(jsonl(article(outlet="Other Wire")), KYIV)
    assert own.record.outlet == "Other Wire"


def test_a_url_without_scheme_is_read_as_https() -> None:
    [item] = parse_items(jsonl(article(url="tass.com/defense/1418037")), SourceHints())
    assert item.record.url == "https://tass.com/defense/1418037"


@pytest.mark.parametrize("data", [b"", b"  \n\n", b"\x00\x01{}"])
def test_an_empty_or_binary_file_is_refused_whole(data: bytes) -> None:
    with pytest.raises(SourceError):
        parse_items(data, SourceHints())


def test_the_documented_example_parses_as_documented() -> None:
    doc = DOCS.read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", doc, re.DOTALL).group(1).encode()
    first, second, third = parse_items(example, SourceHints())
    assert first.record.tags == ("odesa", "grain")
    assert first.record.body.split("\n\n")[1] == "The port authority said more would follow."
    assert second.record.body == ""
    assert second.record.published_at == datetime(2024, 5, 14, 15, 5, tzinfo=UTC)
    assert third.record.url is None
    assert (
        third.record.headline == "Volunteers in Kharkiv opened a third field kitchen on Wednesday"
    )
    assert third.record.headline_derived is True


def test_the_documented_error_messages_are_the_ones_produced() -> None:
    doc = DOCS.read_text(encoding="utf-8")
    for expected in [
        "line 8: published_at: missing",
        "line 9: neither headline nor body",
        "line 10: outlet: missing, and the source configures no outlet",
    ]:
        assert expected in doc
    no_time = article()
    del no_time["published_at"]
    errors = [i.error for i in parse_items(jsonl(*[article()] * 7, no_time), SourceHints())]
    assert errors[-1] == "line 8: published_at: missing"


def test_a_foreign_jsonl_export_gives_one_error_per_line_not_a_crash() -> None:
    path = CORPORA / "huffpost_news_category_10k" / "News_Category_Dataset_v3_first10k.jsonl"
    if not path.exists():
        pytest.skip(f"shared corpus not on this machine: {path}")
    items = parse_items(path.read_bytes(), SourceHints(outlet="HuffPost"))
    assert len(items) == 10_000  # one item per line
    assert [i.index for i in items[:3]] == [0, 1, 2]
    # HuffPost writes `date`, not `published_at`: every line says which field is missing.
    assert all(i.error == f"line {i.index + 1}: published_at: missing" for i in items)


def test_a_mapping_reads_an_export_with_its_own_field_names() -> None:
    entry = {
        "link": "https://www.example.com/entry/grain",
        "headline": "Grain ships leave port",
        "short_description": "Four ships left on Tuesday.",
        "date": "14/05/2024",
        "category": "WORLD NEWS",
        "url": "https://ignored.example/not-the-link",
    }
    hints = SourceHints(
        outlet="Example Post",
        tz="UTC",
        mapping={
            "url": "link",
            "lead": "short_description",
            "published_at": "date",
            "date_format": "%d/%m/%Y",
            "section": "category",
        },
    )
    [item] = parse_items(jsonl(entry), hints)
    record = item.record
    assert item.error is None
    assert record.url == "https://www.example.com/entry/grain"
    assert record.lead == "Four ships left on Tuesday."
    assert record.section == "WORLD NEWS"
    assert record.published_at == datetime(2024, 5, 14, tzinfo=UTC)
    assert record.headline == "Grain ships leave port"


def test_a_mapped_key_missing_from_a_line_is_that_lines_error() -> None:
    hints = SourceHints(outlet="Example Post", mapping={"published_at": "date"})
    [item] = parse_items(jsonl(article(published_at="2024-05-14")), hints)
    assert item.record is None and item.error == "line 1: published_at: missing"
