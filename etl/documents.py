"""From a landed document's bytes to items, or a reason to quarantine it.

This is the single dispatch point from media type to source adapter. Every
adapter returns `Item`s holding `ArticleRecord`s (see etl.sources.records);
this module turns them into staging rows with article identities.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any

from etl.clean.encoding import decode_text
from etl.clean.text import normalize_line
from etl.identity import article_id, headline_key, keyed_article_id
from etl.sources import detect, feeds, html, jsonl, markdown_dump, page_dump, tabular
from etl.sources.records import ArticleRecord, Item, SourceError, SourceHints

Row = dict[str, Any]
Adapter = Callable[[bytes, SourceHints], list[Item]]


class UnsupportedFormat(SourceError):
    """A recognisable input wirewatch has no adapter for."""


ADAPTERS: dict[str, Adapter] = {
    page_dump.MEDIA_TYPE: page_dump.parse_items,
    "text/plain": page_dump.parse_items,
    feeds.MEDIA_TYPE: feeds.parse_items,
    html.MEDIA_TYPE: html.parse_items,
    jsonl.MEDIA_TYPE: jsonl.parse_items,
    tabular.CSV_MEDIA_TYPE: tabular.parse_csv_items,
    tabular.PARQUET_MEDIA_TYPE: tabular.parse_parquet_items,
    markdown_dump.MEDIA_TYPE: markdown_dump.parse_items,
}
# Formats whose adapter gives the file's one article, with no item bytes to land
# and no items seen before to check: such a file can be parsed in any process.
SINGLE_ARTICLE_TYPES = frozenset(
    {page_dump.MEDIA_TYPE, "text/plain", html.MEDIA_TYPE, markdown_dump.MEDIA_TYPE}
)


_SURROGATE = re.compile("[\ud800-\udfff]")
# Far beyond any real headline; a 10 MB "headline" (one CSV cell) stalled the story build.
MAX_HEADLINE_CHARS = 20_000


def unstorable_field(record: ArticleRecord) -> str | None:
    """The first field of `record` holding a lone surrogate, or None.

    A JSON or YAML escape (`\\ud800`) or an XML character reference can name
    half of a surrogate pair, which is not a character and cannot be stored as
    UTF-8; such a record is refused here rather than failing its whole batch later.
    """
    texts = {
        "outlet": record.outlet,
        "headline": record.headline,
        "url": record.url,
        "section": record.section,
        "lead": record.lead,
        "body": record.body,
        "lang": record.lang,
        "tags": "".join(record.tags),
        "listed headline": "".join(item.headline for item in record.listed),
    }
    # An ASCII string (CPython knows without reading it) holds no surrogate.
    return next(
        (
            name
            for name, text in texts.items()
            if text and not text.isascii() and _SURROGATE.search(text)
        ),
        None,
    )


def unusable(record: ArticleRecord) -> str | None:
    """Why `record` cannot be stored as an article (a lone surrogate, a huge headline), or None."""
    if field := unstorable_field(record):
        return f"{field}: holds a lone surrogate (an escape naming half a character)"
    if len(record.headline) > MAX_HEADLINE_CHARS:
        return (
            f"headline: {len(record.headline):,} characters long; a headline has at most "
            f"{MAX_HEADLINE_CHARS:,}"
        )
    return None


def _storable(item: Item) -> Item:
    reason = unusable(item.record) if item.record is not None else None
    if reason is None:
        return item
    if item.raw is None:
        raise SourceError(reason)
    return Item(index=item.index, raw=item.raw, error=f"item {item.index + 1}: {reason}")


def parse_items(media_type: str, data: bytes, hints: SourceHints) -> list[Item]:
    """Parse one document into items; SourceError with the reason when impossible."""
    if media_type == detect.GZIP:
        data = detect.gunzip_capped(data)
        media_type = detect.sniff_media_type(data)
    adapter = ADAPTERS.get(media_type)
    if adapter is None:
        decode_text(data)  # an empty or binary file says so, rather than "unsupported"
        raise UnsupportedFormat(f"format {media_type} is not supported")
    return [_storable(item) for item in adapter(data, hints)]


def primary_language(tag: str | None) -> str | None:
    """The primary subtag of a language tag, lower case: en-GB and en_us give en."""
    if not tag or not tag.strip():
        return None
    return tag.strip().replace("_", "-").split("-")[0].lower()


def article_row(doc_id: str, record: ArticleRecord) -> Row:
    """The staging.articles row of one record; lead and body are cleaned per batch."""
    headline = normalize_line(record.headline)
    outlet = normalize_line(record.outlet)
    return {
        "doc_id": doc_id,
        "article_id": article_id(outlet, headline, record.published_at, record.url),
        "outlet": outlet,
        "url": record.url,
        "section": record.section,
        "local_published_at": record.published_local,
        "source_tz": record.source_tz,
        "published_at": record.published_at,
        "headline": headline,
        "headline_key": headline_key(headline),
        "headline_derived": record.headline_derived,
        "is_stub": record.stub,
        "read_minutes": record.read_minutes,
        "lead": record.lead,
        "body": record.body,
        "word_count": 0,
        "tags": list(record.tags),
        "lang": primary_language(record.lang),
    }


@lru_cache(maxsize=1 << 16)
def _listed_identity(
    outlet: str, headline: str, published_at: datetime | None
) -> tuple[str, str, str]:
    """(clean headline, headline key, article id) of a listed headline.

    Cached: the same LATEST and HOT NEWS lists appear on page after page.
    """
    clean = normalize_line(headline)
    key = headline_key(clean)
    return clean, key, keyed_article_id(outlet, key, published_at)


def listed_identities(
    outlets: list[str], headlines: list[str], times: list[datetime | None]
) -> tuple[list[str], list[str], list[str]]:
    """Clean headlines, headline keys and article ids of headlines listed on pages.

    `outlets[i]` is the (clean) outlet of the page listing `headlines[i]`, which
    was printed with the publication time `times[i]`. Columns rather than rows:
    a batch lists hundreds of thousands of headlines.
    """
    identities = list(map(_listed_identity, outlets, headlines, times))
    # Column by column: `zip(*identities)` would take ten times as long on such lists.
    clean, keys, ids = (list(map(itemgetter(column), identities)) for column in range(3))
    return clean, keys, ids


EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)


def implausible_time(record: ArticleRecord, received_at: datetime) -> str | None:
    """Why the record's publication time cannot be right, or None when it can.

    Times before 1990 or more than a day after the document was received are
    refused (the record is quarantined), never shifted into range.
    """
    published = record.published_at
    if published is None:
        return "no publication time"
    if published < EARLIEST:
        return f"published_at {published:%Y-%m-%d %H:%M} UTC is before 1990"
    if published > received_at + timedelta(days=1):
        return (
            f"published_at {published:%Y-%m-%d %H:%M} UTC is more than a day after the document "
            f"was received ({received_at:%Y-%m-%d %H:%M} UTC)"
        )
    return None
