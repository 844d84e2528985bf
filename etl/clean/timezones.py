"""Local news times to UTC, refusing times that never happened.

Ukrainian outlets print wall-clock times in Europe/Kyiv. Converting them needs
the offset of that very day (UTC+3 in summer, UTC+2 in winter). A wall time
that falls in the spring-forward gap did not exist: it is rejected rather than
shifted, so a bad source time is quarantined instead of silently moved.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_OUTLET_TZ = "Europe/Kyiv"


class LocalTimeError(ValueError):
    """A local time that cannot be placed on the UTC time line."""


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`, with a clear error for a misspelt one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise LocalTimeError(f"unknown time zone {name!r}") from exc


def local_to_utc(local: datetime, tz_name: str = DEFAULT_OUTLET_TZ) -> datetime:
    """Convert a naive wall-clock time in `tz_name` to an aware UTC datetime.

    An ambiguous time (the repeated hour when clocks go back) takes its first
    occurrence. A time inside the spring-forward gap raises LocalTimeError.
    """
    if local.tzinfo is not None:
        raise LocalTimeError("expected a naive local time")
    tz = zone(tz_name)
    aware = local.replace(tzinfo=tz, fold=0)
    as_utc = aware.astimezone(UTC)
    if as_utc.astimezone(tz).replace(tzinfo=None) != local:
        raise LocalTimeError(
            f"{local:%H:%M %d.%m.%Y} does not exist in {tz_name} (clocks moved forward)"
        )
    return as_utc
