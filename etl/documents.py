"""From a landed document's bytes to staging rows, or a reason to quarantine it.

This is the single dispatch point from media type to source adapter. Each
adapter raises a ValueError subclass with a message naming what is wrong; the
pipeline records that message as the quarantine reason and moves on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from etl.identity import article_id, headline_key
from etl.sources import page_dump
from etl.sources.detect import UnreadableDocument, decode_text

Row = dict[str, Any]


class UnsupportedFormat(ValueError):
    """A recognisable input wirewatch has no adapter for yet."""


@dataclass
class ParsedDocument:
    articles: list[Row] = field(default_factory=list)
    listed: list[Row] = field(default_factory=list)


def _page_dump_rows(doc_id: str, page: page_dump.PageDump) -> ParsedDocument:
    own_id = article_id(page.outlet, page.headline, page.published_at)
    article = {
        "doc_id": doc_id,
        "article_id": own_id,
        "outlet": page.outlet,
        "section": page.section,
        "local_published_at": page.published_local,
        "source_tz": page.source_tz,
        "published_at": page.published_at,
        "headline": page.headline,
        "headline_key": headline_key(page.headline),
        "read_minutes": page.read_minutes,
        "lead": page.lead,
        "body": page.body,
        "word_count": page.word_count,
        "tags": list(page.tags),
    }
    listed = [
        {
            "doc_id": doc_id,
            "from_article_id": own_id,
            "listed_on": page.published_at,
            "kind": item.kind,
            "position": item.position,
            "article_id": article_id(page.outlet, item.headline, item.published_at),
            "outlet": page.outlet,
            "headline": item.headline,
            "headline_key": headline_key(item.headline),
            "local_published_at": item.published_local,
            "source_tz": page.source_tz,
            "published_at": item.published_at,
        }
        for item in page.listed
    ]
    return ParsedDocument([article], listed)


def parse_document(doc_id: str, media_type: str, data: bytes) -> ParsedDocument:
    """Parse one landed document; raise ValueError with the quarantine reason."""
    if media_type == page_dump.MEDIA_TYPE:
        return _page_dump_rows(doc_id, page_dump.parse_page_dump(decode_text(data)))
    decode_text(data)  # an empty or binary file says so before "unsupported"
    if media_type == "text/plain":
        text = decode_text(data)
        try:
            return _page_dump_rows(doc_id, page_dump.parse_page_dump(text))
        except page_dump.PageDumpError as exc:
            raise UnreadableDocument(f"not a recognised format; as a page dump: {exc}") from exc
    raise UnsupportedFormat(f"format {media_type} is not supported yet")
