"""CSV and Parquet exports: one article per row, columns mapped onto article fields.

A source's `mapping` (wirewatch.settings.ColumnMapping) names the column of
each field; without one, common column names are recognised case-insensitively
(`title`, `headlines`, `published`, `pubDate`, `src`, `Site` ...). A mapped row
is then read by the JSONL rules (etl.sources.jsonl.article_record): a time
without an offset is read in the source's time zone, a row with only a body or
a lead gets a headline derived from it.

Each row becomes an item whose bytes are the row as canonical JSON (sorted
keys, UTF-8), so identical rows are identical documents. A file without a
usable text or date column raises SourceError naming its columns.
"""

from __future__ import annotations

import ast
import io
import json
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import polars as pl

from etl.clean.encoding import decode_text
from etl.sources.jsonl import FieldError, article_record
from etl.sources.records import Item, SourceError, SourceHints

CSV_MEDIA_TYPE = "text/csv"
PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"

MAPPED_FIELDS = (
    "headline",
    "body",
    "lead",
    "published_at",
    "url",
    "outlet",
    "section",
    "tags",
    "lang",
)
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "headline": ("title", "headline", "headlines"),
    "body": ("body", "text", "articles", "article", "content"),
    "lead": ("desc", "description", "lead", "summary"),
    "published_at": ("published", "date", "published_at", "pubdate", "publish_date", "datetime"),
    "url": ("url", "link", "src"),
    "outlet": ("outlet", "site", "source"),
    "section": ("section", "category"),
    "tags": ("tags", "keywords", "kw"),
    "lang": ("lang", "language"),
}
_SEPARATORS = (",", ";", "\t", "|")


class TableError(SourceError):
    """The table cannot be read or its columns cannot be mapped; the message says which."""


def _columns_list(columns: list[str]) -> str:
    return ", ".join(repr(c) for c in columns)


def resolve_columns(columns: list[str], mapping: Mapping[str, Any]) -> dict[str, str]:
    """{article field: column} from the source's mapping, then from common column names.

    Mapped names match exactly, or case-insensitively when that is unambiguous.
    Raises TableError when the mapping names a missing column, or when no column
    holds the text (headline, body or lead) or the publication time.
    """
    unknown = sorted(set(mapping) - set(MAPPED_FIELDS) - {"date_format"})
    if unknown:
        raise TableError(
            f"mapping has unknown keys {', '.join(unknown)}; keys are "
            f"{', '.join(MAPPED_FIELDS)}, date_format"
        )
    folded: dict[str, list[str]] = {}
    for column in columns:
        folded.setdefault(column.strip().casefold(), []).append(column)
    chosen: dict[str, str] = {}
    for field in MAPPED_FIELDS:
        name = mapping.get(field)
        if not name:
            continue
        matches = [name] if name in columns else folded.get(str(name).strip().casefold(), [])
        if len(matches) != 1:
            raise TableError(
                f"the mapping names column {name!r} for {field}, but columns are "
                f"{_columns_list(columns)}"
            )
        chosen[field] = matches[0]
    used = set(chosen.values())
    for field in MAPPED_FIELDS:
        if field in chosen or field in mapping:
            continue
        for candidate in COMMON_NAMES[field]:
            found = [c for c in folded.get(candidate, []) if c not in used]
            if len(found) == 1:
                chosen[field] = found[0]
                used.add(found[0])
                break
    if not {"headline", "body", "lead"} & chosen.keys():
        raise TableError(
            f"no column for headline or body: columns are {_columns_list(columns)}; "
            "add a mapping in sources.yaml"
        )
    if "published_at" not in chosen:
        raise TableError(
            f"no column for published_at: columns are {_columns_list(columns)}; "
            "add a mapping in sources.yaml"
        )
    return chosen


def parse_tags_cell(value: Any) -> list[str]:
    """A tags cell as a list: a list column, a JSON or Python list literal, or comma-separated text.

    Literals are read with json and ast.literal_eval, never evaluated as code.
    """
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v is not None]
    text = str(value).strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError):
            try:
                parsed = ast.literal_eval(text)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                raise FieldError(f"tags: unreadable list {text[:200]!r}") from None
        if not isinstance(parsed, list | tuple):
            raise FieldError(f"tags: expected a list, found {text[:200]!r}")
        return [str(v) for v in parsed if v is not None]
    return [t for t in re.split(r"[,;]", text) if t.strip()]


def _cell_text(field: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list | dict):
        raise FieldError(f"{field}: expected text, found a {type(value).__name__}")
    return str(value)


def row_fields(row: Mapping[str, Any], columns: Mapping[str, str]) -> dict[str, Any]:
    """The interchange fields of one row, as etl.sources.jsonl.article_record reads them."""
    fields: dict[str, Any] = {}
    for field, column in columns.items():
        value = row.get(column)
        if field == "tags":
            fields["tags"] = parse_tags_cell(value)
        elif field == "published_at" and isinstance(value, datetime | date):
            fields["published_at"] = value
        else:
            fields[field] = _cell_text(field, value)
    return fields


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def canonical_row(row: Mapping[str, Any]) -> bytes:
    """The row as canonical JSON: sorted keys, no spaces, UTF-8; equal rows, equal bytes."""
    return json.dumps(
        row, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_value
    ).encode("utf-8")


def parse_table(frame: pl.DataFrame, hints: SourceHints) -> list[Item]:
    """One item per row of `frame`; row errors say `row N` (1-based, header not counted)."""
    columns = resolve_columns(frame.columns, hints.mapping)
    date_format = hints.mapping.get("date_format") or None
    if "outlet" not in columns and not (hints.outlet or "").strip():
        raise TableError(
            f"no column for outlet and the source names no outlet: columns are "
            f"{_columns_list(frame.columns)}; set outlet for the source in sources.yaml"
        )
    items = []
    for index, row in enumerate(frame.iter_rows(named=True)):
        raw = canonical_row(row)
        try:
            record = article_record(row_fields(row, columns), hints, date_format)
        except FieldError as exc:
            items.append(Item(index=index, raw=raw, error=f"row {index + 1}: {exc}"))
        else:
            items.append(Item(index=index, raw=raw, record=record))
    return items


def _separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(data: bytes) -> pl.DataFrame:
    """Every column as text; quoted multi-line fields, CRLF and legacy encodings handled."""
    text, encoding = decode_text(data)
    utf8 = data if encoding == "utf-8" and not data.startswith(b"\xef\xbb\xbf") else None
    try:
        return pl.read_csv(
            io.BytesIO(utf8 if utf8 is not None else text.encode("utf-8")),
            infer_schema=False,
            separator=_separator(text),
        )
    except (pl.exceptions.PolarsError, ValueError) as exc:
        raise TableError(f"not a readable CSV file: {str(exc).splitlines()[0]}") from exc


def read_parquet(data: bytes) -> pl.DataFrame:
    try:
        return pl.read_parquet(io.BytesIO(data))
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        raise TableError(f"not a readable Parquet file: {str(exc).splitlines()[0]}") from exc


def parse_csv_items(data: bytes, hints: SourceHints) -> list[Item]:
    """Adapter entry point for CSV: one item per data row."""
    return parse_table(read_csv(data), hints)


def parse_parquet_items(data: bytes, hints: SourceHints) -> list[Item]:
    """Adapter entry point for Parquet: one item per row."""
    return parse_table(read_parquet(data), hints)
