"""Recognise an input's format from its content, not its file name.

Returns the media type the pipeline dispatches on (see etl.documents). Only
the first few kilobytes are looked at; the file name is used only to tell a
delimited export from prose when the content alone cannot. Compressed files
are recognised by their magic bytes and unpacked (with a size cap) before
their content is recognised.
"""

from __future__ import annotations

import gzip
import io
import re

from etl.sources import feeds, html, jsonl, markdown_dump, page_dump, tabular
from etl.sources.records import SourceError

OCTET_STREAM = "application/octet-stream"
GZIP = "application/gzip"
JSON = "application/json"
TEXT = "text/plain"
PARQUET = tabular.PARQUET_MEDIA_TYPE
CSV = tabular.CSV_MEDIA_TYPE
HTML = html.MEDIA_TYPE
FEED = feeds.MEDIA_TYPE
JSONL = jsonl.MEDIA_TYPE
MARKDOWN = markdown_dump.MEDIA_TYPE

MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_MARK = re.compile(r"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)


def _head_text(data: bytes) -> str:
    """The start of the file as text, good enough to recognise structure."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")


def _looks_delimited(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    for delimiter in (",", "\t", ";"):
        counts = [line.count(delimiter) for line in lines[:2]]
        if counts[0] >= 1 and counts[1] >= 1:
            return True
    return False


def sniff_media_type(data: bytes, name: str = "") -> str:
    """The media type the content looks like, without parsing all of it."""
    if data[:2] == b"\x1f\x8b":
        return GZIP
    if data[:4] == b"PAR1":
        return PARQUET
    if not data.strip() or (
        b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    ):
        return OCTET_STREAM
    text = _head_text(data)
    lowered = text[:4096].lower()
    if lowered.startswith(("<?xml", "<rss", "<feed")) and _FEED_ROOT.search(lowered):
        return FEED
    if _HTML_MARK.search(lowered[:2048]):
        return HTML
    if _FEED_ROOT.search(lowered[:512]):
        return FEED
    if page_dump.looks_like_page_dump(text):
        return page_dump.MEDIA_TYPE
    if lowered.startswith("---") and "\n---" in lowered[3:]:
        return MARKDOWN
    first_line = lowered.split("\n", 1)[0].strip()
    if first_line.startswith("{") and (first_line.endswith("}") or len(first_line) >= 4000):
        return JSONL
    if first_line.startswith(("[", "{")):
        return JSON
    lines = [line for line in text.splitlines() if line.strip()]
    prose_name = name.lower().endswith((".txt", ".md"))
    if name.lower().endswith((".csv", ".tsv")) or (_looks_delimited(lines) and not prose_name):
        return CSV
    return TEXT


def gunzip_capped(data: bytes, limit: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """Decompress gzip data, refusing to inflate beyond `limit` bytes (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise SourceError(f"corrupt gzip data: {exc}") from exc
    if len(out) > limit:
        raise SourceError(f"gzip data inflates beyond {limit} bytes; refused as a possible bomb")
    return out
