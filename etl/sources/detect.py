"""Recognise an input's format from its content, not its file name.

Returns the media type the pipeline dispatches on. Formats wirewatch cannot
parse yet are named so the quarantine reason says what arrived.
"""

from __future__ import annotations

from etl.sources import page_dump

OCTET_STREAM = "application/octet-stream"


class UnreadableDocument(ValueError):
    """The bytes cannot be turned into text or are not a format wirewatch reads."""


def decode_text(data: bytes) -> str:
    """UTF-8 text (a BOM is allowed); anything else is refused with a reason."""
    if not data.strip():
        raise UnreadableDocument("empty file")
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"not valid UTF-8 at byte {exc.start}: {exc.reason}") from exc


def sniff_media_type(data: bytes) -> str:
    """The media type the content looks like, without parsing all of it."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"\x00" in head or not head:
        return OCTET_STREAM
    try:
        text = head.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        text = head[:-4].decode("utf-8", errors="replace")
    lowered = text[:512].lower()
    if page_dump.looks_like_page_dump(text):
        return page_dump.MEDIA_TYPE
    if lowered.startswith("<?xml") and (
        "<rss" in lowered or "<feed" in lowered or "<rdf" in lowered
    ):
        return "application/rss+xml"
    if lowered.startswith(("<!doctype html", "<html")):
        return "text/html"
    if lowered.startswith(("---\n", "---\r\n")):
        return "text/markdown"
    if lowered.startswith("{"):
        return "application/x-ndjson"
    return "text/plain"
