"""A batch of landed files parsed into staging rows, item documents and outcomes.

Each file is parsed by its adapter. A single-article file gives its article or
a reason to quarantine it; a container (feed, JSONL, CSV) gives one item
document per entry, each parsed, a duplicate, or quarantined on its own, so one
bad line never costs the rest of its file. Nothing here touches the database:
the pipeline writes `frames()` in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import polars as pl

from etl.clean.language import fill_languages
from etl.clean.text import clean_articles
from etl.documents import article_row, implausible_time, listed_rows, parse_items
from etl.sources.records import ArticleRecord, SourceError, SourceHints

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
        self.listed: list[dict] = []
        self.outcomes: list[dict] = []
        self.items: list[dict] = []
        self.known_items = known_items

    def add_record(self, doc_id: str, record: ArticleRecord, received_at: datetime) -> str | None:
        """Stage the record, or return why it cannot be staged."""
        problem = implausible_time(record, received_at)
        if problem is not None:
            return problem
        row = article_row(doc_id, record)
        self.articles.append(row)
        self.listed += listed_rows(doc_id, record, row["article_id"])
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

    def frames(self) -> dict[str, pl.DataFrame]:
        """The batch as frames named after what the staging SQL reads; articles cleaned."""
        articles = pl.DataFrame(self.articles, schema=ARTICLE_SCHEMA)
        return {
            "parsed_articles": fill_languages(clean_articles(articles)),
            "parsed_listed": pl.DataFrame(self.listed, schema=LISTED_SCHEMA),
            "outcomes": pl.DataFrame(self.outcomes, schema=OUTCOME_SCHEMA),
            "items": pl.DataFrame(self.items, schema=ITEM_SCHEMA),
        }
