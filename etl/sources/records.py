"""What every source adapter returns: articles in one shape, whatever the format.

An adapter turns a file's bytes into `Item`s. A single-article format (a page
dump, an HTML page) gives one item that *is* the file (`raw is None`). A
container (a feed, a JSONL or CSV file) gives one item per entry, line or row,
each with its own bytes, so the pipeline can record it as a document of its
own, traceable to the file, and quarantine a bad line without losing the rest.

A problem with the whole file raises `SourceError`; a problem with one entry
is reported in that item's `error`. Either message becomes the quarantine
reason, so it names the line, field or element and says what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from etl.clean.timezones import DEFAULT_OUTLET_TZ


class SourceError(ValueError):
    """The input cannot be used; the message is the quarantine reason."""


class ListedHeadline(NamedTuple):
    """A headline a page lists (MORE ABOUT, HOT NEWS, LATEST): an article known by its headline.

    A named tuple, not a frozen dataclass: a million pages list tens of
    millions of headlines, and a tuple is made in a third of the time.
    """

    kind: str  # related (MORE ABOUT), hot (HOT NEWS) or latest (LATEST)
    position: int  # 1-based order within its list
    headline: str
    published_local: datetime | None
    published_at: datetime | None


@dataclass(frozen=True)
class ArticleRecord:
    """One article as a source states it, before cleaning and deduplication."""

    outlet: str
    headline: str
    published_at: datetime | None  # aware, UTC
    published_local: datetime | None = None  # naive wall-clock time in source_tz
    source_tz: str | None = None
    url: str | None = None
    section: str | None = None
    lead: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    lang: str | None = None
    read_minutes: int | None = None
    headline_derived: bool = False  # headline made from the first sentence of the body
    # Only headline (and perhaps a summary) is known: a feed item without full text, a
    # headline-only JSONL line or CSV row. The article's own text is still to be seen.
    stub: bool = False
    listed: tuple[ListedHeadline, ...] = ()


@dataclass(frozen=True)
class Item:
    """One entry of a parsed input: an article, or the reason it could not be read."""

    index: int  # 0-based position: line, row or entry number within the file
    raw: bytes | None  # the entry's own bytes; None when the entry is the whole file
    record: ArticleRecord | None = None
    error: str | None = None


@dataclass(frozen=True)
class SourceHints:
    """What the configuration knows about a source that its files may not say."""

    uri: str = ""
    outlet: str | None = None
    tz: str = DEFAULT_OUTLET_TZ
    mapping: dict[str, Any] = field(default_factory=dict)  # field mapping for CSV/Parquet/JSONL
