"""Unit tests of `etl.sources.page_dump` on the page dumps in `tests/fixtures/page_dumps/`.

Covers `parse_page_dump` on every fixture: outlet and section, the Kyiv wall-clock
time converted to UTC with the offset of that very day (UTC+3 in summer, UTC+2 in
winter, both sides of the spring and autumn changes), headline and read time kept
out of the text, lead and body split with `AD` furniture dropped, tags, the MORE
ABOUT / HOT NEWS / LATEST items, CRLF and BOM input parsing exactly like LF
input, malformed dumps raising `PageDumpError` that names the line, and
`looks_like_page_dump`. The last test parses the shared seed page when present.
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from etl.sources.page_dump import (
    PageDump,
    PageDumpError,
    looks_like_page_dump,
    parse_items,
    parse_page_dump,
    to_record,
)
from etl.sources.records import SourceError, SourceHints

FIXTURES = Path(__file__).parent / "fixtures" / "page_dumps"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_082c007bfc831e0b.txt"

SUMMER = timedelta(hours=3)  # Europe/Kyiv, EEST
WINTER = timedelta(hours=2)  # Europe/Kyiv, EET

GOOD = [
    "full.txt",
    "no_tags.txt",
    "several_tags.txt",
    "no_more_about.txt",
    "empty_body.txt",
    "crlf.txt",
    "bom.txt",
    "dst_spring.txt",
    "dst_autumn.txt",
]


def read(name: str) -> str:
    """The fixture's text exactly as stored: BOM and CRLF are kept (no newline translation)."""
    return (FIXTURES / name).read_bytes().decode("utf-8")


def parse(name: str) -> PageDump:
    return parse_page_dump(read(name))


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def listed(page: PageDump, kind: str) -> list[tuple[int, str, datetime | None, datetime | None]]:
    return [
        (item.position, item.headline, item.published_local, item.published_at)
        for item in page.listed
        if item.kind == kind
    ]


def text_fields(page: PageDump) -> list[str]:
    fields = [page.outlet, page.section, page.headline, page.lead, page.body, *page.tags]
    return fields + [item.headline for item in page.listed]


# --- header fields of every good fixture --------------------------------------------

HEADERS = {
    # name: (outlet, section, local time, UTC time, headline, read_minutes, tags)
    "full.txt": (
        "Interfax-Ukraine",
        "Politics",
        datetime(2025, 4, 3, 14, 5),
        utc(2025, 4, 3, 11, 5),
        "Sybiha calls on partners to close loopholes in sanctions against Russian shadow fleet",
        2,
        ("sybiha",),
    ),
    "no_tags.txt": (
        "Interfax-Ukraine",
        "Facts",
        datetime(2025, 1, 14, 9, 15),
        utc(2025, 1, 14, 7, 15),
        "Demining teams clear over 300 hectares of farmland in Kharkiv region",
        2,
        (),
    ),
    "several_tags.txt": (
        "Interfax-Ukraine",
        "Politics",
        datetime(2025, 7, 19, 16, 40),
        utc(2025, 7, 19, 13, 40),
        "Umerov: Next stage of prisoner exchange to include seriously wounded defenders",
        2,
        ("umerov", "zelenskyy", "prisoner_exchange"),
    ),
    "no_more_about.txt": (
        "Interfax-Ukraine",
        "Society",
        datetime(2024, 12, 5, 20, 10),
        utc(2024, 12, 5, 18, 10),
        "Kyiv opens additional heating points ahead of forecast frost",
        None,
        ("kyiv",),
    ),
    "empty_body.txt": (
        "Interfax-Ukraine",
        "Economy",
        datetime(2025, 9, 1, 11, 0),
        utc(2025, 9, 1, 8, 0),
        "Naftogaz completes repairs at gas production facility damaged by missile strike",
        1,
        ("naftogaz",),
    ),
    "crlf.txt": (
        "Interfax-Ukraine",
        "Facts",
        datetime(2025, 2, 18, 7, 50),
        utc(2025, 2, 18, 5, 50),
        "Rescuers complete search operation at damaged residential building in Poltava",
        1,
        ("poltava", "dsns"),
    ),
    "bom.txt": (
        "Interfax-Ukraine",
        "Politics",
        datetime(2025, 6, 10, 12, 30),
        utc(2025, 6, 10, 9, 30),
        "Zelenskyy discusses joint drone production with Danish prime minister",
        1,
        ("zelenskyy",),
    ),
    "dst_spring.txt": (
        "Interfax-Ukraine",
        "Facts",
        datetime(2025, 3, 30, 10, 30),
        utc(2025, 3, 30, 7, 30),
        "Ukrenergo warns of scheduled outages in three regions after overnight attack",
        1,
        ("ukrenergo",),
    ),
    "dst_autumn.txt": (
        "Interfax-Ukraine",
        "Economy",
        datetime(2025, 10, 26, 10, 30),
        utc(2025, 10, 26, 8, 30),
        "Government allocates additional funds for winter preparation of frontline communities",
        1,
        ("cabinet",),
    ),
}


def test_every_good_fixture_has_expected_headers() -> None:
    assert sorted(HEADERS) == sorted(GOOD)


@pytest.mark.parametrize("name", GOOD)
def test_header_fields(name: str) -> None:
    outlet, section, local, when, headline, minutes, tags = HEADERS[name]
    page = parse(name)
    assert page.outlet == outlet
    assert page.section == section
    assert page.source_tz == "Europe/Kyiv"
    assert page.published_local == local
    assert page.published_local.tzinfo is None
    assert page.published_at == when
    assert page.published_at.utcoffset() == timedelta(0)
    assert page.headline == headline
    assert page.read_minutes == minutes
    assert page.tags == tags


OFFSETS = {
    "full.txt": SUMMER,
    "no_tags.txt": WINTER,
    "several_tags.txt": SUMMER,
    "no_more_about.txt": WINTER,
    "empty_body.txt": SUMMER,
    "crlf.txt": WINTER,
    "bom.txt": SUMMER,
    "dst_spring.txt": SUMMER,
    "dst_autumn.txt": WINTER,
}


@pytest.mark.parametrize("name", GOOD)
def test_offset_is_summer_or_winter_time_of_that_day(name: str) -> None:
    page = parse(name)
    assert page.published_local - page.published_at.replace(tzinfo=None) == OFFSETS[name]


@pytest.mark.parametrize("name", GOOD)
def test_headline_repeat_read_time_and_ads_stay_out_of_the_text(name: str) -> None:
    page = parse(name)
    text = page.lead + "\n\n" + page.body
    assert page.headline not in text
    assert re.search(r"\bmin read\b", text, re.IGNORECASE) is None
    assert re.search(r"\bAD\b", text) is None
    assert "AD" not in text_fields(page)
    assert all(item.headline != "AD" for item in page.listed)
    assert not any(line.strip() == "" for line in page.body.split("\n\n") if page.body)


@pytest.mark.parametrize("name", GOOD)
def test_listed_positions_count_from_one_per_list(name: str) -> None:
    page = parse(name)
    assert {item.kind for item in page.listed} <= {"related", "hot", "latest"}
    for kind in ("related", "hot", "latest"):
        positions = [position for position, *_ in listed(page, kind)]
        assert positions == list(range(1, len(positions) + 1))


# --- full.txt in detail ---------------------------------------------------------------

FULL_LEAD = (
    "Foreign Minister of Ukraine Andrii Sybiha has called on partner states to close the "
    "remaining loopholes that let Russia move oil on board aging tankers, the ministry's "
    "press service reported."
)
FULL_BODY = [
    (
        "Speaking to ambassadors of European states in Kyiv, the minister said every tanker that "
        "slips past the restrictions brings the Kremlin money for new missiles."
    ),
    (
        "Sybiha proposed coordinating port inspections in the Baltic and the Black Sea and "
        "publishing a joint list of vessels that change flags to avoid controls."
    ),
    (
        "According to him, Ukraine is ready to share intelligence on routes and transfers at sea "
        "with any partner that requests it."
    ),
]


def test_full_lead_is_first_paragraph_and_body_the_rest() -> None:
    page = parse("full.txt")
    assert page.lead == FULL_LEAD
    assert page.body == "\n\n".join(FULL_BODY)
    assert page.body.split("\n\n") == FULL_BODY
    assert "Tags" not in page.body
    assert page.has_body is True
    # 31 + 25 + 25 + 21 words; "ministry's" counts as two (\w+ runs).
    assert page.word_count == 102


def test_full_more_about_items_have_their_own_utc_times() -> None:
    page = parse("full.txt")
    assert listed(page, "related") == [
        (
            1,
            "Sybiha and Baltic counterparts discuss joint monitoring of tankers in Gulf of Finland",
            datetime(2025, 4, 2, 1, 20),
            utc(2025, 4, 1, 22, 20),  # summer time, and the UTC date is the day before
        ),
        (
            2,
            "Sybiha: Peace through strength remains Ukraine\u2019s position in talks with partners",
            datetime(2025, 3, 29, 17, 15),
            utc(2025, 3, 29, 15, 15),  # still winter time (UTC+2)
        ),
        (
            3,
            "Sybiha briefs Nordic ministers on Russian strikes against energy infrastructure",
            datetime(2025, 3, 27, 12, 2),
            utc(2025, 3, 27, 10, 2),
        ),
    ]
    for item in page.listed:
        if item.kind == "related":
            assert item.published_at.utcoffset() == timedelta(0)


def test_full_hot_and_latest_items_have_no_time() -> None:
    page = parse("full.txt")
    shared = "Kharkiv hit by guided bombs, two injured \u2013 regional administration"
    assert listed(page, "hot") == [
        (1, "Air defense downs 41 of 58 drones launched overnight \u2013 Air Force", None, None),
        (2, shared, None, None),
        (3, "Cabinet extends grant program for farmers in frontline communities", None, None),
    ]
    assert listed(page, "latest") == [
        (1, "Energy workers restore power to 12,000 consumers in Sumy region", None, None),
        (2, shared, None, None),
        (3, "Zelenskyy holds call with Finnish president on air defense supplies", None, None),
        (
            4,
            "Border guards report more Russian reconnaissance flights near Chernihiv region",
            None,
            None,
        ),
    ]
    assert len(page.listed) == 3 + 3 + 4


# --- the other variants -------------------------------------------------------------------


def test_no_tags() -> None:
    page = parse("no_tags.txt")
    assert page.tags == ()
    assert page.lead.startswith("Sappers of the State Emergency Service")
    assert page.body.split("\n\n") == [
        (
            "The teams found and destroyed over 200 explosive objects, most of them artillery "
            "shells and cluster munitions."
        ),
        (
            "Farmers whose fields have been checked will be able to start spring sowing on time, "
            "officials added."
        ),
    ]
    assert listed(page, "related") == [
        (
            1,
            "Government approves new rules for compensation to farmers for demining of fields",
            datetime(2025, 1, 8, 16, 45),
            utc(2025, 1, 8, 14, 45),
        )
    ]
    assert [headline for _, headline, _, _ in listed(page, "hot")] == [
        "Russian drone attack damages warehouse in Dnipro, no casualties reported",
        "Ukraine receives new batch of armored vehicles from partners",
    ]
    assert listed(page, "latest") == []


def test_several_tags_lower_case_without_hash_deduplicated_in_order() -> None:
    page = parse("several_tags.txt")
    # The line is "Tags: #umerov #zelenskyy #prisoner_exchange #Umerov".
    assert page.tags == ("umerov", "zelenskyy", "prisoner_exchange")
    assert all(tag == tag.lower() and "#" not in tag for tag in page.tags)
    assert len(page.tags) == len(set(page.tags))
    assert "Tags" not in page.lead + page.body
    assert [item.kind for item in page.listed] == ["latest", "latest"]
    assert listed(page, "related") == []


def test_no_more_about_gives_only_untimed_hot_and_latest() -> None:
    page = parse("no_more_about.txt")
    assert {item.kind for item in page.listed} == {"hot", "latest"}
    assert all(item.published_at is None and item.published_local is None for item in page.listed)
    assert [headline for _, headline, _, _ in listed(page, "hot")] == [
        "Ukrenergo announces power outage schedules for several regions on Friday",
        "Air raid alert declared across Ukraine after MiG takeoff in Belarus",
    ]
    assert [headline for _, headline, _, _ in listed(page, "latest")] == [
        "Lviv region receives new fire trucks from partner cities",
        "Ukrenergo announces power outage schedules for several regions on Friday",
        "Odesa port resumes work after overnight drone attack",
    ]
    # No read-time line: the repeated headline is still dropped, the lead is the first paragraph.
    assert page.read_minutes is None
    assert page.lead.startswith("The city administration has opened 40 additional heating points")
    assert page.body.startswith("Each point has a generator")
    assert "\n\n" not in page.body


def test_empty_body() -> None:
    page = parse("empty_body.txt")
    assert page.lead == ""
    assert page.body == ""
    assert page.has_body is False
    assert page.word_count == 0
    assert page.read_minutes == 1
    assert page.tags == ("naftogaz",)
    assert listed(page, "related") == [
        (
            1,
            "Naftogaz: Gas injection into storage facilities ahead of schedule",
            datetime(2025, 8, 28, 18, 30),
            utc(2025, 8, 28, 15, 30),
        ),
        (
            2,
            "Naftogaz signs agreement with Norwegian partner on additional gas supplies",
            datetime(2025, 8, 20, 9, 5),
            utc(2025, 8, 20, 6, 5),
        ),
    ]


def test_word_count_of_a_one_paragraph_page() -> None:
    page = parse("dst_spring.txt")
    assert page.body == ""
    assert page.has_body is True
    assert page.word_count == 19


# --- daylight saving time ------------------------------------------------------------------


def test_spring_change_day_is_summer_time_and_day_before_winter_time() -> None:
    page = parse("dst_spring.txt")
    assert page.published_at == utc(2025, 3, 30, 7, 30)  # 10:30 EEST, UTC+3
    assert listed(page, "related") == [
        (
            1,
            "Ukrenergo: Power supply restored in Odesa after drone strike",
            datetime(2025, 3, 29, 10, 30),
            utc(2025, 3, 29, 8, 30),  # 10:30 EET, UTC+2
        )
    ]


def test_autumn_change_day_is_winter_time_and_day_before_summer_time() -> None:
    page = parse("dst_autumn.txt")
    assert page.published_at == utc(2025, 10, 26, 8, 30)  # 10:30 EET, UTC+2
    assert listed(page, "related") == [
        (
            1,
            "Cabinet approves plan for reserve heating sources in Kharkiv and Sumy regions",
            datetime(2025, 10, 25, 10, 30),
            utc(2025, 10, 25, 7, 30),  # 10:30 EEST, UTC+3
        )
    ]


def test_repeated_autumn_hour_takes_first_occurrence() -> None:
    text = read("dst_autumn.txt").replace("10:30 26.10.2025", "03:30 26.10.2025", 1)
    page = parse_page_dump(text)
    assert page.published_at == utc(2025, 10, 26, 0, 30)  # 03:30 EEST, before clocks go back


# --- CRLF and BOM ---------------------------------------------------------------------------


def test_crlf_fixture_really_has_crlf() -> None:
    raw = (FIXTURES / "crlf.txt").read_bytes()
    assert raw.count(b"\r\n") >= 20
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_crlf_parses_like_lf() -> None:
    text = read("crlf.txt")
    page = parse_page_dump(text)
    assert page == parse_page_dump(text.replace("\r\n", "\n"))
    assert not any("\r" in field for field in text_fields(page))
    assert page.lead.endswith("the State Emergency Service reported.")
    assert (
        page.body == "Psychologists of the service continue to work with residents of the building."
    )
    assert listed(page, "related") == [
        (
            1,
            "Missile strike on Poltava damages residential building, rescuers at the scene",
            datetime(2025, 2, 16, 22, 10),
            utc(2025, 2, 16, 20, 10),
        )
    ]
    assert len(listed(page, "hot")) == 1
    assert len(listed(page, "latest")) == 2


def test_bom_fixture_really_has_bom() -> None:
    raw = (FIXTURES / "bom.txt").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert read("bom.txt").startswith("\ufeff")


def test_bom_parses_like_no_bom() -> None:
    text = read("bom.txt")
    page = parse_page_dump(text)
    assert page == parse_page_dump(text.removeprefix("\ufeff"))
    assert page.outlet == "Interfax-Ukraine"
    assert not any("\ufeff" in field for field in text_fields(page))
    assert [headline for _, headline, _, _ in listed(page, "latest")] == [
        "Denmark to finance new package of Ukrainian artillery",
        "Defense ministry simplifies procurement of interceptor drones",
    ]


@pytest.mark.parametrize("name", ["crlf.txt", "bom.txt"])
def test_parse_items_on_raw_bytes_matches_clean_text(name: str) -> None:
    raw = (FIXTURES / name).read_bytes()
    clean = raw.removeprefix(codecs.BOM_UTF8).replace(b"\r\n", b"\n").decode("utf-8")
    items = parse_items(raw, SourceHints())
    assert len(items) == 1
    assert items[0].raw is None and items[0].error is None
    assert items[0].record == to_record(parse_page_dump(clean))


# --- malformed dumps ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "says"),
    [
        ("bad_date.txt", 3, "31.02.2025"),
        ("bad_time_format.txt", 3, "2025-06-01 12:00"),
        ("dst_gap.txt", 3, "does not exist"),
    ],
)
def test_malformed_fixture_names_the_line(name: str, line: int, says: str) -> None:
    with pytest.raises(PageDumpError) as caught:
        parse(name)
    message = str(caught.value)
    assert re.search(rf"\bline {line}\b", message), message
    assert says in message
    assert isinstance(caught.value, SourceError)


def test_truncated_fixture_names_a_line() -> None:
    """Only outlet and section: the error must still say where the dump goes wrong.

    `PageDumpError` promises that "the message names the line"; a dump that
    stops after line 2 should point at the missing time line (line 3).
    """
    with pytest.raises(PageDumpError) as caught:
        parse("truncated.txt")
    message = str(caught.value)
    assert re.search(r"\bline \d+\b", message), message


@pytest.mark.parametrize(
    "transform",
    [
        lambda text: text,
        lambda text: text.replace("\n", "\r\n"),
        lambda text: "\ufeff" + text,
    ],
    ids=["lf", "crlf", "bom"],
)
def test_line_numbers_are_unchanged_by_crlf_and_bom(transform) -> None:
    with pytest.raises(PageDumpError, match=r"\bline 3\b"):
        parse_page_dump(transform(read("bad_date.txt")))


def test_bad_time_inside_more_about_names_its_line() -> None:
    lines = read("full.txt").split("\n")
    assert lines[21] == "17:15 29.03.2025"  # line 22
    lines[21] = "25:15 29.03.2025"
    with pytest.raises(PageDumpError, match=r"\bline 22\b"):
        parse_page_dump("\n".join(lines))


def test_time_with_no_headline_after_it_names_its_line() -> None:
    text = read("dst_spring.txt").rstrip("\n") + "\n09:00 28.03.2025\n"
    last_line = text.count("\n")
    with pytest.raises(PageDumpError, match=rf"\bline {last_line}\b"):
        parse_page_dump(text)


# --- looks_like_page_dump ------------------------------------------------------------------


@pytest.mark.parametrize("name", [*GOOD, "bad_date.txt", "dst_gap.txt"])
def test_looks_like_page_dump_true_for_dumps(name: str) -> None:
    assert looks_like_page_dump(read(name)) is True


@pytest.mark.parametrize(
    "text",
    [
        "outlet,headline,published_at\nInterfax-Ukraine,Some headline,2025-05-23T15:12:00Z\n",
        '{"outlet": "Interfax-Ukraine", "headline": "Some headline"}\n',
        "",
        read("bad_time_format.txt"),
        read("truncated.txt"),
    ],
    ids=["csv", "json", "empty", "bad_time_format", "truncated"],
)
def test_looks_like_page_dump_false_for_other_text(text: str) -> None:
    assert looks_like_page_dump(text) is False


# --- the shared seed page ------------------------------------------------------------------


def test_seed_page() -> None:
    if not SEED.exists():
        pytest.skip(f"the shared seed page is not on this machine ({SEED})")
    page = parse_page_dump(SEED.read_bytes().decode("utf-8"))
    assert page.outlet == "Interfax-Ukraine"
    assert page.published_local == datetime(2025, 5, 23, 18, 12)
    assert page.published_at == utc(2025, 5, 23, 15, 12)
    assert page.tags == ("umerov",)
    assert page.read_minutes == 1
    related = listed(page, "related")
    assert len(related) == 10
    assert all(local is not None and when is not None for _, _, local, when in related)
    assert len({when for _, _, _, when in related}) == 10
    assert related[0][3] == utc(2025, 5, 19, 16, 11)
    assert all(local - when.replace(tzinfo=None) == SUMMER for _, _, local, when in related)
    assert len(listed(page, "hot")) == 5
    assert len(listed(page, "latest")) == 10
    assert all(item.published_at is None for item in page.listed if item.kind != "related")
    assert len(page.body.split("\n\n")) == 3
    assert re.search(r"\bAD\b", page.lead + page.body) is None
