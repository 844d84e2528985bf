"""A batch of landed files parsed into staging rows, item documents and outcomes.

Each file is parsed by its adapter. A single-article file gives its article or
a reason to quarantine it; a container (feed, JSONL, CSV) gives one item
document per entry, each parsed, a duplicate, or quarantined on its own, so one
bad line never costs the rest of its file. Nothing here touches the database:
the pipeline writes `frames()` in one transaction.

Parsing a container needs the batch's state (the items seen, the landing zone
to keep each item in); a single-article file needs only its bytes. The rest is
finishing: cleaning the articles, detecting their languages, and identifying
every listed headline (tens per page). `finish_batch` takes a `BatchJob`: what
was parsed here, as plain frames and columns that cross to a worker process
cheaply, and single-article files it is to parse itself. It can run in a
worker while the next batch is parsed, so the pipeline can hand the worker
part of the parsing as well as the finishing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from operator import attrgetter
from pathlib import Path
from time import perf_counter

import polars as pl

from etl.clean.articles import finish_articles
from etl.documents import (
    SINGLE_ARTICLE_TYPES,
    article_row,
    implausible_time,
    listed_identities,
    parse_items,
)
from etl.landing import read_landed
from etl.sources.records import ArticleRecord, ListedHeadline, SourceError, SourceHints

UTC_TIME = pl.Datetime("us", "UTC")

ARTICLE_SCHEMA = {
    "doc_id": pl.String,
    "article_id": pl.String,
    "outlet": pl.String,
    "url": pl.String,
    "section": pl.String,
    "local_published_at": pl.Datetime("us"),
    "source_tz": pl.String,
    "published_at": UTC_TIME,
    "headline": pl.String,
    "headline_key": pl.String,
    "headline_derived": pl.Boolean,
    "is_stub": pl.Boolean,
    "read_minutes": pl.Int32,
    "lead": pl.String,
    "body": pl.String,
    "word_count": pl.Int32,
    "tags": pl.List(pl.String),
    "lang": pl.String,
}
LISTED_SCHEMA = {
    "doc_id": pl.String,
    "from_article_id": pl.String,
    "listed_on": UTC_TIME,
    "kind": pl.String,
    "position": pl.Int32,
    "article_id": pl.String,
    "outlet": pl.String,
    "headline": pl.String,
    "headline_key": pl.String,
    "local_published_at": pl.Datetime("us"),
    "source_tz": pl.String,
    "published_at": UTC_TIME,
}
OUTCOME_SCHEMA = {"doc_id": pl.String, "status": pl.String, "reason": pl.String}
ITEM_SCHEMA = {
    "doc_id": pl.String,
    "source": pl.String,
    "uri": pl.String,
    "media_type": pl.String,
    "size_bytes": pl.Int64,
    "status": pl.String,
    "parent_doc_id": pl.String,
    "item": pl.Int32,
    "reason": pl.String,
}

# A received file to parse: doc_id, media type, source, uri, received_at, the source's hints.
PendingFile = tuple[str, str, str, str, datetime, SourceHints]


def single_article_files(
    files: Sequence[PendingFile],
) -> tuple[list[PendingFile], list[PendingFile]]:
    """`files` split into (single-article files, containers and the rest), each in its order."""
    singles = [file for file in files if file[1] in SINGLE_ARTICLE_TYPES]
    others = [file for file in files if file[1] not in SINGLE_ARTICLE_TYPES]
    return singles, others


class StagingBatch:
    """Rows parsed from a batch of files, ready to be written in one transaction.

    `known_items` holds the ids of item documents already received (an item seen
    again is a duplicate); `read` returns a landed document's bytes and `store`
    lands an item's bytes and returns its id.
    """

    def __init__(
        self,
        known_items: set[str],
        read: Callable[[str], bytes],
        store: Callable[[bytes], str],
    ) -> None:
        self.read = read
        self.store = store
        self.articles: list[dict] = []
        # Listed headlines as columns: the article listing each one, its outlet, the item.
        self.listed_on_page: list[int] = []
        self.listed_outlets: list[str] = []
        self.listed: list[ListedHeadline] = []
        self.outcomes: list[dict] = []
        self.items: list[dict] = []
        self.known_items = known_items

    def add_record(self, doc_id: str, record: ArticleRecord, received_at: datetime) -> str | None:
        """Stage the record, or return why it cannot be staged."""
        problem = implausible_time(record, received_at)
        if problem is not None:
            return problem
        row = article_row(doc_id, record)
        listed = len(record.listed)
        self.listed_on_page += [len(self.articles)] * listed
        self.listed_outlets += [row["outlet"]] * listed
        self.listed += record.listed
        self.articles.append(row)
        return None

    def add_file(
        self,
        doc_id: str,
        media_type: str,
        source: str,
        uri: str,
        received_at: datetime,
        hints: SourceHints,
    ) -> None:
        """Parse one landed file; its articles, items and outcome join the batch."""
        try:
            items = parse_items(media_type, self.read(doc_id), hints)
        except (SourceError, OSError) as exc:
            self.outcomes.append({"doc_id": doc_id, "status": "quarantined", "reason": str(exc)})
            return
        file_status, file_reason = "parsed", None
        for item in items:
            if item.raw is None:
                problem = item.error or "no article found"
                if item.record is not None:
                    problem = self.add_record(doc_id, item.record, received_at)
                if problem is not None:
                    file_status, file_reason = "quarantined", problem
                continue
            item_id = self.store(item.raw)
            error = item.error or ("no article found" if item.record is None else None)
            if item_id in self.known_items:
                status = "duplicate"
            else:
                if error is None:
                    error = self.add_record(item_id, item.record, received_at)
                status = "parsed" if error is None else "quarantined"
            self.known_items.add(item_id)
            self.items.append(
                {
                    "doc_id": item_id,
                    "source": source,
                    "uri": f"{uri}#item={item.index}",
                    "media_type": f"{media_type};item",
                    "size_bytes": len(item.raw),
                    "status": status,
                    "parent_doc_id": doc_id,
                    "item": item.index,
                    "reason": error if status == "quarantined" else None,
                }
            )
        if not items:
            file_status, file_reason = "quarantined", "no articles found in the file"
        self.outcomes.append({"doc_id": doc_id, "status": file_status, "reason": file_reason})

    def add_files(self, files: Sequence[PendingFile]) -> None:
        """`add_file` for each of `files`, in order."""
        for file in files:
            self.add_file(*file)

    def parsed_articles(self) -> pl.DataFrame:
        """The articles as parsed: lead and body not cleaned yet, languages not all known."""
        return pl.DataFrame(self.articles, schema=ARTICLE_SCHEMA)

    def unfinished(self) -> UnfinishedBatch:
        """What `finish_batch` needs, as frames and columns of plain values."""
        return UnfinishedBatch(
            articles=self.parsed_articles(),
            listed_on_page=self.listed_on_page,
            listed_outlets=self.listed_outlets,
            kinds=list(map(attrgetter("kind"), self.listed)),
            positions=list(map(attrgetter("position"), self.listed)),
            headlines=list(map(attrgetter("headline"), self.listed)),
            local_times=list(map(attrgetter("published_local"), self.listed)),
            times=list(map(attrgetter("published_at"), self.listed)),
        )

    def job(self, to_parse: Sequence[PendingFile] = (), landing: Path | None = None) -> BatchJob:
        """The batch's `BatchJob`: what was parsed here, and single-article files still to parse."""
        return BatchJob(self.unfinished(), list(to_parse), landing)

    def frames(self, finished: FinishedBatch | None = None) -> dict[str, pl.DataFrame]:
        """The batch as frames named after what the staging SQL reads; articles cleaned.

        `finished` is `finish_batch(self.job(...))` when it was done elsewhere
        (in an ArticleFinisher's worker); without it, it is done here. The
        outcomes are this batch's and those of the files the job parsed.
        """
        if finished is None:
            finished = finish_batch(self.job())
        return {
            "parsed_articles": finished.articles,
            "parsed_listed": finished.listed,
            "outcomes": pl.DataFrame(self.outcomes + finished.outcomes, schema=OUTCOME_SCHEMA),
            "items": pl.DataFrame(self.items, schema=ITEM_SCHEMA),
        }


@dataclass(frozen=True)
class UnfinishedBatch:
    """A parsed batch as `finish_batch` needs it: articles, and listed headlines as columns.

    `listed_on_page[i]` is the row in `articles` of the page listing headline i,
    and `listed_outlets[i]` that page's outlet.
    """

    articles: pl.DataFrame
    listed_on_page: list[int]
    listed_outlets: list[str]
    kinds: list[str]
    positions: list[int]
    headlines: list[str]
    local_times: list[datetime | None]
    times: list[datetime | None]

    def followed_by(self, later: UnfinishedBatch) -> UnfinishedBatch:
        """This batch's articles and listed headlines, then `later`'s."""
        offset = self.articles.height
        return UnfinishedBatch(
            articles=pl.concat([self.articles, later.articles]),
            listed_on_page=self.listed_on_page + [row + offset for row in later.listed_on_page],
            listed_outlets=self.listed_outlets + later.listed_outlets,
            kinds=self.kinds + later.kinds,
            positions=self.positions + later.positions,
            headlines=self.headlines + later.headlines,
            local_times=self.local_times + later.local_times,
            times=self.times + later.times,
        )


@dataclass(frozen=True)
class BatchJob:
    """A batch's work left for `finish_batch`, all plain values a worker process can take.

    `parsed` is what was parsed already; `to_parse` are single-article files
    (`SINGLE_ARTICLE_TYPES`) landed in `landing`, to be parsed and staged after it.
    """

    parsed: UnfinishedBatch
    to_parse: list[PendingFile] = field(default_factory=list)
    landing: Path | None = None


@dataclass(frozen=True)
class FinishedBatch:
    """Articles cleaned, languages filled, staging.listed_headlines rows, and the outcomes
    of the files `finish_batch` parsed itself."""

    articles: pl.DataFrame
    listed: pl.DataFrame
    outcomes: list[dict]
    seconds: float = 0.0  # spent in `finish_batch`
    parse_seconds: float = 0.0  # of which parsing files


def _no_items(data: bytes) -> str:
    raise TypeError("a single-article file has no items to land")


def finish_batch(job: BatchJob) -> FinishedBatch:
    """Parse the job's single-article files, then finish everything the batch staged."""
    began = perf_counter()
    parsed, outcomes = job.parsed, []
    if job.to_parse:
        if job.landing is None:
            raise ValueError("files to parse need the landing zone they were landed in")
        singles, others = single_article_files(job.to_parse)
        if others:
            raise ValueError(f"not single-article files: {[file[0] for file in others]}")
        batch = StagingBatch(set(), read=partial(read_landed, job.landing), store=_no_items)
        batch.add_files(singles)
        parsed, outcomes = parsed.followed_by(batch.unfinished()), batch.outcomes
    parse_seconds = perf_counter() - began
    articles = finish_articles(parsed.articles)
    listed = listed_frame(parsed, articles)
    return FinishedBatch(articles, listed, outcomes, perf_counter() - began, parse_seconds)


def listed_frame(batch: UnfinishedBatch, articles: pl.DataFrame) -> pl.DataFrame:
    """staging.listed_headlines rows; the listing pages' columns are taken from `articles`."""
    headlines, keys, ids = listed_identities(batch.listed_outlets, batch.headlines, batch.times)
    pages = articles.select(
        "doc_id",
        pl.col("article_id").alias("from_article_id"),
        pl.col("published_at").alias("listed_on"),
        "outlet",
        "source_tz",
    ).select(pl.all().gather(pl.Series(batch.listed_on_page, dtype=pl.UInt32)))
    items = pl.DataFrame(
        {
            "kind": batch.kinds,
            "position": batch.positions,
            "article_id": ids,
            "headline": headlines,
            "headline_key": keys,
            "local_published_at": batch.local_times,
            "published_at": utc_column(batch.times),
        },
        schema={name: LISTED_SCHEMA[name] for name in LISTED_SCHEMA if name not in pages.columns},
    )
    return pl.concat([pages, items], how="horizontal").select(list(LISTED_SCHEMA))


def utc_column(moments: list[datetime | None]) -> pl.Series:
    """Datetimes as a UTC column, as Polars would store them, several times faster.

    Polars converts aware datetimes one by one through Python (a second per
    half a million); naive ones it reads directly, as UTC either way.
    """
    naive = [
        moment
        if moment is None or moment.tzinfo is None
        else moment.astimezone(UTC).replace(tzinfo=None)
        for moment in moments
    ]
    return pl.Series(naive, dtype=pl.Datetime("us")).dt.replace_time_zone("UTC")
