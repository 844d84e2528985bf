"""Local news times to UTC, refusing times that never happened.

Ukrainian outlets print wall-clock times in Europe/Kyiv. Converting them needs
the offset of that very day (UTC+3 in summer, UTC+2 in winter). A wall time
that falls in the spring-forward gap did not exist: it is rejected rather than
shifted, so a bad source time is quarantined instead of silently moved.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser

DEFAULT_OUTLET_TZ = "Europe/Kyiv"
# Zone abbreviations with one meaning. dateutil knows only UTC and GMT by name and
# reads any other as no zone at all, so `10:00 EST` would be taken as local time.
ZONE_OFFSETS = {
    "UTC": "+0000", "GMT": "+0000", "WET": "+0000", "BST": "+0100", "CET": "+0100",
    "CEST": "+0200", "EET": "+0200", "EEST": "+0300", "MSK": "+0300", "EST": "-0500",
    "EDT": "-0400", "CST": "-0600", "CDT": "-0500", "MST": "-0700", "MDT": "-0600",
    "PST": "-0800", "PDT": "-0700", "JST": "+0900", "KST": "+0900",
}  # fmt: skip
NOT_ZONES = frozenset({
    "AM", "PM", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUNE", "JUL", "JULY", "AUG",
    "SEP", "SEPT", "OCT", "NOV", "DEC", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN",
})  # fmt: skip
_UPPER_WORD = re.compile(r"\b[A-Z]{2,5}\b")
HAS_TIME = re.compile(r"\d{1,2}:\d{2}")


class LocalTimeError(ValueError):
    """A local time that cannot be placed on the UTC time line."""


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`, with a clear error for a misspelt one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise LocalTimeError(f"unknown time zone {name!r}") from exc


@lru_cache(maxsize=1 << 14)
def local_to_utc(local: datetime, tz_name: str = DEFAULT_OUTLET_TZ) -> datetime:
    """Convert a naive wall-clock time in `tz_name` to an aware UTC datetime.

    An ambiguous time (the repeated hour when clocks go back) takes its first
    occurrence. A time inside the spring-forward gap raises LocalTimeError.
    Cached: the times of listed headlines repeat page after page.
    """
    if local.tzinfo is not None:
        raise LocalTimeError("expected a naive local time")
    tz = zone(tz_name)
    aware = local.replace(tzinfo=tz, fold=0)
    try:
        as_utc = aware.astimezone(UTC)
        round_trip = as_utc.astimezone(tz).replace(tzinfo=None)
    except OverflowError:
        raise LocalTimeError(f"{local.isoformat()} in {tz_name} is out of range") from None
    if round_trip != local:
        raise LocalTimeError(
            f"{local:%H:%M %d.%m.%Y} does not exist in {tz_name} (clocks moved forward)"
        )
    return as_utc


def with_zone_offsets(text: str) -> str:
    """`text` with each zone abbreviation written as its offset (`10:00 EST` as `10:00 -0500`).

    A capitalised name that may be a zone but has no single meaning (`IST`, `ET`)
    in a text with a time raises LocalTimeError, rather than let the time be read
    as local.
    """
    for name in _UPPER_WORD.findall(text):
        if name in ZONE_OFFSETS:
            text = re.sub(rf"\b{name}\b", ZONE_OFFSETS[name], text)
        elif name not in NOT_ZONES and HAS_TIME.search(text):
            raise LocalTimeError(f"unknown time zone name {name!r} in {text!r}")
    return text


def parse_published(
    value: str | datetime | date, tz_name: str = DEFAULT_OUTLET_TZ, date_format: str | None = None
) -> tuple[datetime, datetime | None]:
    """(UTC time, local wall time or None) for a publication time as sources write it.

    ISO 8601 and common e-mail/HTTP forms are read by dateutil (zone
    abbreviations as `with_zone_offsets` writes them), or `date_format`
    (strftime) when given. A time with an offset is converted as is (no local
    time is kept); a time without one is read in `tz_name`; a bare date means
    midnight in `tz_name`. Raises LocalTimeError with the value when unreadable.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    else:
        text = value.strip()
        if not text:
            raise LocalTimeError("empty publication time")
        try:
            parsed = (
                datetime.strptime(text, date_format)
                if date_format
                else dateutil_parser.isoparse(text)
            )
        except (ValueError, OverflowError):
            if date_format:
                raise LocalTimeError(
                    f"time {text!r} does not match format {date_format!r}"
                ) from None
            with_offsets = with_zone_offsets(text)
            try:
                parsed = dateutil_parser.parse(with_offsets)
            except (ValueError, OverflowError) as exc:
                raise LocalTimeError(f"unreadable publication time {text!r}") from exc
    if parsed.tzinfo is not None:
        try:
            return parsed.astimezone(UTC), None
        except OverflowError:
            raise LocalTimeError(f"publication time {value!s:.60} is out of range") from None
    return local_to_utc(parsed, tz_name), parsed
