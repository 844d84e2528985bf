"""Mentions and quotes of a batch of articles: the unit of work of name matching.

A batch is self-contained (an article's mentions depend on its text and day
alone), so batches can be matched in any process and their rows put together
in order afterwards (etl/parallel.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from etl.officials.matcher import OfficialMatcher
from etl.officials.quotes import find_quotes

FIELDS = ("headline", "lead", "body")


@dataclass
class MatchedArticles:
    """Rows for core.mentions and core.quotes, and how much text was read."""

    mentions: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    articles: int = 0
    characters: int = 0


def match_articles(matcher: OfficialMatcher, batch: pa.RecordBatch) -> MatchedArticles:
    """Mentions and quotes of the batch's articles (columns article_id, headline, lead,
    body, day): mentions as (article_id, official_id, field, start, end, matched_text,
    method), quotes as (article_id, official_id, quote, cue, field, start)."""
    matched = MatchedArticles()
    for row in batch.to_pylist():
        fields = {name: row[name] for name in FIELDS}
        found = matcher.mentions(fields, row["day"])
        matched.articles += 1
        matched.characters += sum(len(value or "") for value in fields.values())
        if not found:
            continue
        article_id = row["article_id"]
        matched.mentions += [
            (article_id, m.official_id, m.field, m.start, m.end, m.matched_text, m.method)
            for m in found
        ]
        matched.quotes += [
            (article_id, q.official_id, q.quote, q.cue, q.field, q.start)
            for q in find_quotes(fields, found)
        ]
    return matched
