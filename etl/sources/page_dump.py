"""Parser for plain-text page dumps in the Interfax-Ukraine layout.

A dump is the visible text of one article page, line by line::

    <outlet>
    <section>
    HH:MM DD.MM.YYYY            local time of the outlet (Europe/Kyiv)
    <headline>
    N min read                  optional
    <headline again>            optional, page furniture
    <lead paragraph>
    <body paragraphs ...>
    Tags: #tag #other           optional
    MORE ABOUT                  optional: pairs of time line + headline (+ repeat)
    HOT NEWS                    optional: headlines without time
    LATEST                      optional: headlines without time

Advertising placeholders (`AD`) may appear on any line and are dropped. The
headlines in the three lists are articles too, known only by headline (and
time, for MORE ABOUT); the parser returns them so the pipeline can link them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import islice

from etl.clean.encoding import decode_text
from etl.clean.timezones import DEFAULT_OUTLET_TZ, LocalTimeError, local_to_utc
from etl.sources.records import ArticleRecord, Item, ListedHeadline, SourceError, SourceHints

MEDIA_TYPE = "text/x-page-dump"

LIST_KINDS = {"MORE ABOUT": "related", "HOT NEWS": "hot", "LATEST": "latest"}
FURNITURE = {"ad", "advertisement", "advertising", "реклама"}
_LONGEST_FURNITURE = max(map(len, FURNITURE))
_LONGEST_LIST_TITLE = max(map(len, LIST_KINDS))

_TIME = re.compile(r"^(\d{1,2}):(\d{2})\s+(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_READ_TIME = re.compile(r"^(\d+)\s*min(?:ute)?s?\.?\s+read$", re.IGNORECASE)
_TAGS = re.compile(r"^tags\s*:\s*(.*)$", re.IGNORECASE)
_HASHTAG = re.compile(r"#([^\s#,;]+)")
_WORD = re.compile(r"\w+")


class PageDumpError(SourceError):
    """The text is not a well-formed page dump; the message names the line."""


@dataclass(frozen=True)
class PageDump:
    """Everything a page dump says about its article and the articles it lists."""

    outlet: str
    section: str
    published_local: datetime
    published_at: datetime
    source_tz: str
    headline: str
    read_minutes: int | None
    lead: str
    body: str
    tags: tuple[str, ...]
    listed: tuple[ListedHeadline, ...]

    @property
    def has_body(self) -> bool:
        return bool(self.lead or self.body)

    @property
    def word_count(self) -> int:
        return len(_WORD.findall(self.lead)) + len(_WORD.findall(self.body))


def _lines(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Non-empty, non-furniture lines with their 1-based line numbers (the first `limit`)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Normalised once for the whole text: NFC never joins characters across a newline.
    text = unicodedata.normalize("NFC", text.replace("\u00a0", " "))
    numbered = enumerate(map(str.strip, text.split("\n")), start=1)
    # A line longer than every furniture word cannot be one: most lines skip the casefold.
    kept = (
        (number, line)
        for number, line in numbered
        if line and (len(line) > _LONGEST_FURNITURE or line.casefold() not in FURNITURE)
    )
    return list(kept if limit is None else islice(kept, limit))


def parse_local_time(line: str) -> datetime | None:
    """`HH:MM DD.MM.YYYY` as a naive datetime; None if the line is not shaped like one.

    A line shaped like a time that names an impossible date or hour (31.02,
    25:00) raises PageDumpError rather than passing as text.
    """
    return _time_of(line) if line[:1].isdigit() else None


@lru_cache(maxsize=1 << 14)
def _time_of(line: str) -> datetime | None:
    """Cached: a page's MORE ABOUT times repeat on the pages around it."""
    match = _TIME.match(line)
    if not match:
        return None
    hour, minute, day, month, year = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError as exc:
        raise PageDumpError(f"impossible time {line!r}: {exc}") from exc


def looks_like_page_dump(text: str) -> bool:
    """True when the third meaningful line is a `HH:MM DD.MM.YYYY` time."""
    head = _lines(text[:4096], limit=4)
    return len(head) >= 4 and _TIME.match(head[2][1]) is not None


def _to_utc(local: datetime, tz_name: str, line_no: int) -> datetime:
    try:
        return local_to_utc(local, tz_name)
    except LocalTimeError as exc:
        raise PageDumpError(f"line {line_no}: {exc}") from exc


def _time_at(line_no: int, line: str) -> datetime | None:
    try:
        return parse_local_time(line)
    except PageDumpError as exc:
        raise PageDumpError(f"line {line_no}: {exc}") from exc


def _parse_tags(spec: str) -> tuple[str, ...]:
    found = _HASHTAG.findall(spec) or [t for t in re.split(r"[,;]", spec)]
    tags = (t.strip().strip("#").casefold() for t in found)
    return tuple(dict.fromkeys(t for t in tags if t))


def _parse_list(kind: str, items: list[tuple[int, str]], tz_name: str) -> list[ListedHeadline]:
    listed: list[ListedHeadline] = []
    pending_time: tuple[int, datetime] | None = None
    previous = None
    for line_no, line in items:
        # Inlined parse_local_time: a page lists tens of headlines and their times.
        if line[:1].isdigit():
            try:
                local = _time_of(line)
            except PageDumpError as exc:
                raise PageDumpError(f"line {line_no}: {exc}") from exc
            if local is not None:
                pending_time = (line_no, local)
                continue
        if pending_time is None:
            if line == previous:
                continue  # the list repeats each headline under its link
            listed.append(ListedHeadline(kind, len(listed) + 1, line, None, None))
        else:
            time_no, local = pending_time
            when_utc = _to_utc(local, tz_name, time_no)
            listed.append(ListedHeadline(kind, len(listed) + 1, line, local, when_utc))
            pending_time = None
        previous = line
    if pending_time is not None:
        raise PageDumpError(f"line {pending_time[0]}: time with no headline after it")
    return listed


def parse_page_dump(text: str, tz_name: str = DEFAULT_OUTLET_TZ) -> PageDump:
    """Parse one page dump; raise PageDumpError naming the line that is wrong."""
    lines = _lines(text)
    if len(lines) < 4:
        missing = ("outlet", "section", "time 'HH:MM DD.MM.YYYY'", "headline")[len(lines)]
        line_no = lines[-1][0] + 1 if lines else 1
        raise PageDumpError(
            f"line {line_no}: expected the {missing} line, found the end of the text"
        )
    (_, outlet), (_, section), (time_no, time_line), (_, headline) = lines[:4]
    local = _time_at(time_no, time_line)
    if local is None:
        raise PageDumpError(
            f"line {time_no}: expected a time 'HH:MM DD.MM.YYYY', found {time_line!r}"
        )
    if LIST_KINDS.get(headline.upper()) or _TAGS.match(headline):
        raise PageDumpError(f"line {lines[3][0]}: expected a headline, found {headline!r}")

    rest = lines[4:]
    read_minutes = None
    while rest and (match := _READ_TIME.match(rest[0][1])):
        read_minutes = int(match.group(1))
        rest = rest[1:]
    while rest and rest[0][1] == headline:
        rest = rest[1:]

    paragraphs: list[str] = []
    tags: tuple[str, ...] = ()
    sections: dict[str, list[tuple[int, str]]] = {}
    current: list[tuple[int, str]] | None = None
    for line_no, line in rest:
        kind = LIST_KINDS.get(line.upper()) if len(line) <= _LONGEST_LIST_TITLE else None
        if kind is not None:
            current = sections.setdefault(kind, [])
        elif current is not None:
            current.append((line_no, line))
        elif tag_match := _TAGS.match(line):
            tags = tags + tuple(t for t in _parse_tags(tag_match.group(1)) if t not in tags)
        else:
            paragraphs.append(line)

    listed = [
        item for kind, items in sections.items() for item in _parse_list(kind, items, tz_name)
    ]
    return PageDump(
        outlet=outlet,
        section=section,
        published_local=local,
        published_at=_to_utc(local, tz_name, time_no),
        source_tz=tz_name,
        headline=headline,
        read_minutes=read_minutes,
        lead=paragraphs[0] if paragraphs else "",
        body="\n\n".join(paragraphs[1:]),
        tags=tags,
        listed=tuple(listed),
    )


def to_record(page: PageDump) -> ArticleRecord:
    return ArticleRecord(
        outlet=page.outlet,
        headline=page.headline,
        published_at=page.published_at,
        published_local=page.published_local,
        source_tz=page.source_tz,
        section=page.section,
        lead=page.lead,
        body=page.body,
        tags=page.tags,
        read_minutes=page.read_minutes,
        listed=page.listed,
    )


def parse_items(data: bytes, hints: SourceHints) -> list[Item]:
    """Adapter entry point: one page dump, one item (the file itself)."""
    text, _ = decode_text(data)
    if not looks_like_page_dump(text):
        first = next((line for _, line in _lines(text[:4096], limit=1)), "")
        raise PageDumpError(
            "not a recognised format: expected a page dump (outlet, section, then a "
            f"'HH:MM DD.MM.YYYY' time on the third line); first line is {first[:80]!r}"
        )
    return [Item(index=0, raw=None, record=to_record(parse_page_dump(text, hints.tz)))]
