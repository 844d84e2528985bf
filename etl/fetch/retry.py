"""When to try again: exponential backoff with jitter, Retry-After, retryable statuses."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def is_retryable_status(status: int) -> bool:
    """Statuses a later attempt may fix: timeout, too many requests, server errors."""
    return status in {408, 429} or 500 <= status <= 599


def backoff_delay(retry: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry number `retry` (1 for the first).

    Doubles with each retry up to `cap`; a random half of it is jitter, so
    clients that failed together do not come back together.
    """
    ceiling = min(cap, base * 2 ** (retry - 1))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date); None if unusable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
