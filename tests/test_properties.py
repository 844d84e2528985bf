"""Property-based tests: no input makes a parser fail other than by refusing it, and none is read twice differently.

Every adapter in etl/sources reports unusable input by raising
`etl.sources.records.SourceError` (its message becomes the quarantine reason)
or by an item's `error`; any other exception would stop a pipeline run. So for
arbitrary bytes, arbitrary text and near-valid documents built by hypothesis,
each parser must return items or raise SourceError with a message, and must
give the same answer when asked again. The article identity key must be total
and stable in the same way. tests/test_hostile_inputs.py covers hand-made
attacks; these cover what nobody thought to write.
"""

from __future__ import annotations

import gzip
import json
import string
from collections.abc import Callable
from datetime import UTC, datetime

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import documents
from etl.identity import article_id, canonical_url, headline_key
from etl.sources import detect, feeds, html, jsonl, markdown_dump, page_dump, tabular
from etl.sources.records import Item, SourceError, SourceHints
from tests.hostile import PAYLOADS, html_page, parquet_bytes, rss_feed
from tests.hostile import markdown_dump as markdown_text
from tests.hostile import page_dump as dump

FAST = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
HINTS = SourceHints(uri="file:///property/input")
Parser = Callable[[bytes, SourceHints], list[Item]]

# Text with the characters that break parsers: markup, controls, RTL marks, newlines, quotes.
awkward = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("<>&\"'#:;,.\n\r\t\x00\x07\x1b\u202e\u200f\ufeff\u00a0[]()*_`|-")),
    ),
    max_size=200,
)
payload = st.sampled_from(sorted(PAYLOADS.values()))
encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "latin-1", "utf-16"])


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def _read_twice(parse: Parser, data: bytes, hints: SourceHints = HINTS) -> list[Item] | None:
    """Items of `data` (None when refused); fails on any other exception or a different rerun."""
    try:
        first = parse(data, hints)
    except SourceError as refused:
        assert str(refused).strip(), "a refusal says why"
        try:
            parse(data, hints)
        except SourceError as again:
            assert str(again) == str(refused)
            return None
        raise AssertionError("refused once, read the second time") from None
    assert parse(data, hints) == first
    for item in first:
        assert (item.record is None) != (item.error is None), "an item is an article or a reason"
        assert item.error is None or item.error.strip()
    return first


ALL_PARSERS: dict[str, Parser] = {
    "page_dump": page_dump.parse_items,
    "html": html.parse_items,
    "feeds": feeds.parse_items,
    "jsonl": jsonl.parse_items,
    "csv": tabular.parse_csv_items,
    "parquet": tabular.parse_parquet_items,
    "markdown_dump": markdown_dump.parse_items,
}


def _through_every_parser(data: bytes) -> None:
    for parse in ALL_PARSERS.values():
        _read_twice(parse, data)
    media_type = detect.sniff_media_type(data)
    assert detect.sniff_media_type(data) == media_type
    _read_twice(lambda d, h: documents.parse_items(media_type, d, h), data)


@SLOW
@given(st.binary(max_size=3000))
def test_any_bytes(data: bytes) -> None:
    _through_every_parser(data)


@SLOW
@given(awkward, encodings)
def test_any_text_in_any_encoding(text: str, encoding: str) -> None:
    _through_every_parser(_encode(text, encoding))


@FAST
@given(st.binary(max_size=500))
def test_gzip_of_anything_is_unpacked_or_refused(data: bytes) -> None:
    packed = gzip.compress(data)
    assert detect.sniff_media_type(packed) == detect.GZIP
    assert detect.gunzip_capped(packed) == data
    _read_twice(lambda d, h: documents.parse_items(detect.GZIP, d, h), packed)
    _read_twice(lambda d, h: documents.parse_items(detect.GZIP, d, h), packed[: len(packed) // 2])


time_lines = st.builds(
    "{:02d}:{:02d} {:02d}.{:02d}.{:04d}".format,
    st.integers(0, 30),
    st.integers(0, 70),
    st.integers(0, 35),
    st.integers(0, 14),
    st.integers(0, 9999),
)


@FAST
@given(
    time_lines,
    st.one_of(awkward, payload),
    st.lists(st.one_of(awkward, payload), max_size=5),
    st.lists(
        st.sampled_from(["MORE ABOUT", "HOT NEWS", "LATEST", "Tags: #a #A #a", "AD"]), max_size=4
    ),
    st.lists(time_lines, max_size=2),
    encodings,
)
def test_near_valid_page_dumps(when, headline, body, markers, list_times, encoding) -> None:
    extra = "\n".join(markers + list_times + ["Listed headline"])
    text = dump(headline, body="\n".join(body) or "Body.", when=when, extra=extra)
    items = _read_twice(page_dump.parse_items, _encode(text, encoding))
    if items:
        (item,) = items
        assert item.raw is None and item.record.published_at.tzinfo is not None


rfc_dates = st.one_of(
    awkward,
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S +0000")),
    st.builds(
        "{}, {:02d} {} {:04d} {:02d}:{:02d}:00 {}".format,
        st.sampled_from(["Mon", "Seg", "Пн"]),
        st.integers(0, 40),
        st.sampled_from(["Jan", "Feb", "Set", "лют", "Foo"]),
        st.integers(0, 9999),
        st.integers(0, 30),
        st.integers(0, 70),
        st.sampled_from(["+0000", "+1400", "-1400", "EST", "XYZ", ""]),
    ),
)


def _xml(text: str, escape: bool) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;") if escape else text


@FAST
@given(
    st.lists(st.tuples(st.one_of(awkward, payload), awkward, rfc_dates), min_size=1, max_size=4),
    st.booleans(),
    encodings,
)
def test_near_valid_feeds(entries, escape, encoding) -> None:
    items = [(_xml(t, escape), _xml(s, escape), _xml(d, escape)) for t, s, d in entries]
    items = _read_twice(feeds.parse_items, _encode(rss_feed(items), encoding))
    for item in items or []:
        assert item.raw is not None
        if item.record is not None and item.record.url:
            assert item.record.url.startswith(("http://", "https://"))


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), awkward, payload),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(awkward, inner, max_size=3)
    ),
    max_leaves=8,
)
published = st.one_of(
    json_values,
    st.datetimes().map(datetime.isoformat),
    st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat),
    st.sampled_from(["2025-02-30", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59-14:00"]),
)
entries = st.fixed_dictionaries(
    {},
    optional={
        "url": st.one_of(json_values, st.sampled_from(["http://[::1", "javascript:x", "a.com/b"])),
        "outlet": json_values,
        "published_at": published,
        "headline": json_values,
        "body": json_values,
        "lead": json_values,
        "tags": json_values,
        "lang": json_values,
    },
)


@FAST
@given(st.lists(st.one_of(entries, json_values), min_size=1, max_size=5), st.booleans())
def test_near_valid_jsonl(lines, ascii_only) -> None:
    text = "\n".join(json.dumps(line, ensure_ascii=ascii_only) for line in lines)
    items = _read_twice(jsonl.parse_items, text.encode("utf-8", "surrogatepass"))
    assert items is None or len(items) <= len(lines)


cells = st.one_of(awkward, payload, published.map(str))


@FAST
@given(
    st.lists(
        st.sampled_from(["title", "body", "published", "url", "outlet", "tags", "x"]),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.lists(cells, min_size=1, max_size=6), max_size=4),
    st.sampled_from([",", ";", "\t"]),
    encodings,
)
def test_near_valid_csv(header, rows, separator, encoding) -> None:
    lines = [separator.join(header)] + [separator.join(row) for row in rows]
    _read_twice(tabular.parse_csv_items, _encode("\n".join(lines), encoding))


@SLOW
@given(
    st.lists(st.one_of(awkward, payload), min_size=1, max_size=3),
    st.lists(st.one_of(st.none(), st.datetimes(), published.map(str)), min_size=1, max_size=3),
)
def test_near_valid_parquet(headlines, times) -> None:
    size = min(len(headlines), len(times))
    frame = pl.DataFrame(
        {
            "headline": headlines[:size],
            "published_at": [None if t is None else str(t) for t in times[:size]],
            "outlet": ["Outlet"] * size,
        }
    )
    data = parquet_bytes(frame)
    assert detect.sniff_media_type(data) == detect.PARQUET
    _read_twice(tabular.parse_parquet_items, data)


yaml_scalars = st.one_of(
    awkward.map(json.dumps),
    st.sampled_from(["2025-02-30", "0001-01-01", "[1, [2]]", "{a: 1}", "*x", "!!python/none", "~"]),
)


@FAST
@given(
    yaml_scalars,
    st.dictionaries(
        st.sampled_from(["date", "source", "tags", "lang", "section", "site"]),
        yaml_scalars,
        max_size=4,
    ),
    st.one_of(awkward, payload),
    st.sampled_from(["https://md.example/2025/03/03/x", "http://[::1", "not a url"]),
)
def test_near_valid_markdown_dumps(title, front, body, url) -> None:
    extra = "".join(f"{key}: {value}\n" for key, value in front.items())
    text = markdown_text("T", body=body, front=extra, url=url).replace(
        'title: "T"', f"title: {title}", 1
    )
    _read_twice(markdown_dump.parse_items, text.encode())


@SLOW
@given(
    st.one_of(awkward, payload),
    st.one_of(awkward, payload),
    st.one_of(published.map(str), awkward),
    st.sampled_from(["https://h.example/a", "http://[::1", "javascript:alert(1)", "/relative"]),
)
def test_near_valid_html_pages(title, body, when, url) -> None:
    page = html_page(title, body=body or "Text.", published=when.replace('"', "'"), url=url)
    items = _read_twice(html.parse_items, page.encode("utf-8", "replace"))
    if items and items[0].record.url:
        assert items[0].record.url.startswith(("http://", "https://"))


@FAST
@given(
    st.text(max_size=100),
    st.text(max_size=300),
    st.one_of(st.none(), st.datetimes(timezones=st.just(UTC))),
    st.one_of(
        st.none(), st.text(max_size=100), st.sampled_from(["http://[::1", "https://a.b:99999/"])
    ),
)
def test_the_article_key_is_total_and_stable(outlet, headline, when, url) -> None:
    key = article_id(outlet, headline, when, url)
    assert len(key) == 16 and int(key, 16) >= 0
    assert article_id(outlet, headline, when, url) == key
    assert headline_key(headline) == headline_key(headline)
    if url:
        assert canonical_url(url) == canonical_url(url)


@FAST
@given(
    st.text(alphabet=string.ascii_letters + " '\"-", max_size=100),
    st.datetimes(timezones=st.just(UTC)),
)
def test_typographic_variants_share_a_key(words, when) -> None:
    curly = words.replace('"', "\u201c").replace("-", "\u2014").replace("'", "\u2019")
    assert article_id("Outlet", words, when) == article_id(" outlet ", curly.upper(), when)
