"""Labelled items that point into a corpus instead of carrying its text.

A labelled file (JSON Lines) holds, per item, where its text lives and a hash
of it, never the text: `file` (relative to the corpora folder), `row` (CSV
row or JSONL line from 0, or index in a JSON array), `fields` (which column
holds the headline, lead and body), `max_chars` (the body is cut at the last
space before this many characters, or kept whole when null), `published`
(the article's date) and `sha256` of the text the labeller read: headline,
lead and body joined by blank lines. An item whose text no longer hashes the
same is reported, not scored.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

PARTS = ("headline", "lead", "body")


class ItemsError(ValueError):
    """The labelled file or its corpus cannot be read; the message says where."""


@dataclass(frozen=True)
class LabelledItem:
    number: int
    published: date
    fields: dict[str, str]
    labels: dict[str, Any] = field(default_factory=dict)
    outlet: str = ""


@lru_cache(maxsize=16)
def _rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".csv":
        csv.field_size_limit(1 << 30)
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle]
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    raise ItemsError(f"{path}: unsupported corpus file (csv, jsonl or json)")


def _cut(text: str, max_chars: int | None) -> str:
    if max_chars is None or len(text) <= max_chars:
        return text
    return text[:max_chars].rsplit(None, 1)[0]


def item_fields(pointer: dict[str, Any], corpora: Path) -> dict[str, str]:
    """The headline, lead and body the pointer names, as the labeller read them."""
    path = corpora / pointer["file"]
    if not path.exists():
        raise ItemsError(f"corpus file not found: {path}")
    row = _rows(path)[pointer["row"]]
    fields = {}
    for part in PARTS:
        column = pointer["fields"].get(part)
        value = str(row.get(column) or "").strip() if column else ""
        fields[part] = _cut(value, pointer.get("max_chars")) if part == "body" else value
    return fields


def text_hash(fields: dict[str, str]) -> str:
    joined = "\n\n".join(fields[p] for p in PARTS if fields[p])
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


@dataclass
class LabelledSet:
    items: list[LabelledItem]
    changed: list[int]  # items whose text no longer matches its hash: not scored
    labelled: set[str] | None  # the ids labellers were asked about; None: every id


def load_items(labelled: Path, corpora: Path) -> LabelledSet:
    """The items whose text still matches its hash, and the numbers of those whose does not.

    A first line `{"labelled_officials": [...]}` (or `labelled_topics`) says
    which ids the labellers were asked about, so ids added to the reference
    later are not scored as false positives.
    """
    items, changed, scope = [], [], None
    for number, pointer in _pointers(labelled):
        if "labelled_officials" in pointer or "labelled_topics" in pointer:
            scope = set(pointer.get("labelled_officials") or pointer.get("labelled_topics"))
            continue
        fields = item_fields(pointer, corpora)
        if text_hash(fields) != pointer["sha256"]:
            changed.append(number)
            continue
        labels = {
            k: v
            for k, v in pointer.items()
            if k in ("mentions", "roles", "topics", "war_related", "story")
        }
        published = date.fromisoformat(pointer["published"])
        items.append(LabelledItem(number, published, fields, labels, pointer.get("outlet", "")))
    return LabelledSet(items, changed, scope)


def _pointers(labelled: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = labelled.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ItemsError(f"{labelled}: cannot read: {exc.strerror}") from exc
    for index, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            pointer = json.loads(line)
            yield int(pointer.get("item", index)), pointer
        except (json.JSONDecodeError, TypeError, ValueError) as exc:
            raise ItemsError(f"{labelled}: line {index}: {exc}") from exc
