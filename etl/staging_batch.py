"""A batch of landed files parsed into staging rows, item documents and outcomes.

Each file is parsed by its adapter. A single-article file gives its article or
a reason to quarantine it; a container (feed, JSONL, CSV) gives one item
document per entry, each parsed, a duplicate, or quarantined on its own, so one
bad line never costs the rest of its file. Nothing here touches the database:
the pipeline writes `frames()` in one transaction.

Parsing a file is the part that needs the batch's state (the items seen, the
landing zone); the rest is finishing: cleaning the articles, detecting their
languages, and identifying every listed headline (tens per page). Finishing
needs only `unfinished()`, plain frames and columns that cross to a worker
process cheaply, so `finish_batch` runs there while the next batch is parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter

import polars as pl

from etl.clean.articles import finish_articles
from etl.documents import article_row, implausible_time, listed_identities, parse_items
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

    def frames(self, finished: FinishedBatch | None = None) -> dict[str, pl.DataFrame]:
        """The batch as frames named after what the staging SQL reads; articles cleaned.

        `finished` is `finish_batch(self.unfinished())` when it was done elsewhere
        (in an ArticleFinisher's worker); without it, it is done here.
        """
        articles, listed = finish_batch(self.unfinished()) if finished is None else finished
        return {
            "parsed_articles": articles,
            "parsed_listed": listed,
            "outcomes": pl.DataFrame(self.outcomes, schema=OUTCOME_SCHEMA),
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


FinishedBatch = tuple[pl.DataFrame, pl.DataFrame]


def finish_batch(batch: UnfinishedBatch) -> FinishedBatch:
    """The articles cleaned with their languages filled, and the staging.listed_headlines rows."""
    articles = finish_articles(batch.articles)
    return articles, listed_frame(batch, articles)


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


def _naive_utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def utc_column(moments: list[datetime | None]) -> pl.Series:
    """Datetimes as a UTC column, as Polars would store them, several times faster.

    Polars converts aware datetimes one by one through Python (a second per
    half a million); naive ones it reads directly, as UTC either way.
    """
    naive = pl.Series([_naive_utc(moment) for moment in moments], dtype=pl.Datetime("us"))
    return naive.dt.replace_time_zone("UTC")
