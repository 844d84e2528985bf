"""From a landed document's bytes to items, or a reason to quarantine it.

This is the single dispatch point from media type to source adapter. Every
adapter returns `Item`s holding `ArticleRecord`s (see etl.sources.records);
this module turns them into staging rows with article identities.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from etl.clean.encoding import decode_text
from etl.identity import article_id, headline_key
from etl.sources import detect, page_dump
from etl.sources.records import ArticleRecord, Item, SourceError, SourceHints

Row = dict[str, Any]
Adapter = Callable[[bytes, SourceHints], list[Item]]


class UnsupportedFormat(SourceError):
    """A recognisable input wirewatch has no adapter for."""


ADAPTERS: dict[str, Adapter] = {
    page_dump.MEDIA_TYPE: page_dump.parse_items,
    "text/plain": page_dump.parse_items,
}


def register(media_type: str, adapter: Adapter) -> None:
    """Make `adapter` the parser of `media_type`."""
    ADAPTERS[media_type] = adapter


def parse_items(media_type: str, data: bytes, hints: SourceHints) -> list[Item]:
    """Parse one document into items; SourceError with the reason when impossible."""
    if media_type == detect.GZIP:
        data = detect.gunzip_capped(data)
        media_type = detect.sniff_media_type(data)
    adapter = ADAPTERS.get(media_type)
    if adapter is None:
        decode_text(data)  # an empty or binary file says so, rather than "unsupported"
        raise UnsupportedFormat(f"format {media_type} is not supported")
    return adapter(data, hints)


def article_row(doc_id: str, record: ArticleRecord) -> Row:
    """The staging.articles row of one record."""
    words = len((record.lead + " " + record.body).split())
    return {
        "doc_id": doc_id,
        "article_id": article_id(record.outlet, record.headline, record.published_at, record.url),
        "outlet": record.outlet,
        "url": record.url,
        "section": record.section,
        "local_published_at": record.published_local,
        "source_tz": record.source_tz,
        "published_at": record.published_at,
        "headline": record.headline,
        "headline_key": headline_key(record.headline),
        "headline_derived": record.headline_derived,
        "read_minutes": record.read_minutes,
        "lead": record.lead,
        "body": record.body,
        "word_count": words,
        "tags": list(record.tags),
        "lang": record.lang,
    }


def listed_rows(doc_id: str, record: ArticleRecord, from_article_id: str) -> list[Row]:
    """The staging.listed_headlines rows of a page's lists."""
    return [
        {
            "doc_id": doc_id,
            "from_article_id": from_article_id,
            "listed_on": record.published_at,
            "kind": item.kind,
            "position": item.position,
            "article_id": article_id(record.outlet, item.headline, item.published_at),
            "outlet": record.outlet,
            "headline": item.headline,
            "headline_key": headline_key(item.headline),
            "local_published_at": item.published_local,
            "source_tz": record.source_tz,
            "published_at": item.published_at,
        }
        for item in record.listed
    ]
