"""The topic taxonomy: `topics.yaml`, validated at load, one readable query per topic.

A topic assigns an article when its query holds over headline, lead and body
and its score reaches `min_score`. The score counts the query's matched terms,
a hit in the headline as 3, in the lead as 2, in the body as 1, plus 3 for a
tag of the article listed in `tags`; so a word in passing does not file an
article, and every assignment can show what matched. A tag in `tags` alone
also assigns the topic.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from etl.reference_files import load_validated
from etl.topics.query import FIELD_WEIGHTS, ArticleWords, Query, QueryError, parse_query
from etl.topics.term_index import TermIndex

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "topics.yaml"
TAG_WEIGHT = 3


class TopicsError(ValueError):
    """topics.yaml cannot be used; the message names the file, topic and field."""


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    description: str = ""
    query: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    min_score: int = Field(default=2, ge=1)

    @field_validator("query")
    @classmethod
    def _parses(cls, value: str) -> str:
        try:
            parse_query(value)
        except QueryError as exc:
            raise ValueError(str(exc)) from None
        return " ".join(value.split())

    @field_validator("tags")
    @classmethod
    def _tags(cls, values: list[str]) -> list[str]:
        return sorted({v.strip().lower().lstrip("#") for v in values if v.strip()})

    @cached_property
    def parsed(self) -> Query:
        return parse_query(self.query)


class Taxonomy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    topics: list[Topic] = Field(min_length=1)

    @cached_property
    def index(self) -> TermIndex:
        return TermIndex([term for topic in self.topics for term in topic.parsed.terms])

    @cached_property
    def scored_by(self) -> dict[str, tuple[int, ...]]:
        """For each term's label, the topics (by position) whose score its hits add to."""
        topics: dict[str, list[int]] = defaultdict(list)
        for at, topic in enumerate(self.topics):
            for term in topic.parsed.positive:
                topics[term.label].append(at)
        return {label: tuple(ats) for label, ats in topics.items()}

    @model_validator(mode="after")
    def _unique(self) -> Taxonomy:
        repeated = [i for i, n in Counter(t.id for t in self.topics).items() if n > 1]
        if repeated:
            raise ValueError(f"topic ids must be unique; repeated: {', '.join(repeated)}")
        return self


@dataclass(frozen=True)
class Assignment:
    topic_id: str
    score: int
    matched: tuple[str, ...]  # terms as written in the query, `tag:x` for tags


def assign(taxonomy: Taxonomy, fields: dict[str, str | None], tags: list[str] | None = None):
    """The topics the article is in, each with its score and what matched.

    Only the hits of a topic's positive terms score, and a topic needs a
    score of at least its min_score (1 or more) or a tag; so an untagged
    article visits only the topics its words score for, and a topic's query
    is evaluated only once its score is reached.
    """
    present = taxonomy.index.present(ArticleWords.of(fields))
    article_tags = {t.lower().lstrip("#") for t in tags or ()}
    scores, labels = _scores(taxonomy, present)
    found = []
    for at in range(len(taxonomy.topics)) if article_tags else sorted(scores):
        topic = taxonomy.topics[at]
        tag_hits = sorted(article_tags.intersection(topic.tags)) if article_tags else []
        score = scores.get(at, 0) + TAG_WEIGHT * len(tag_hits)
        if tag_hits or (score >= topic.min_score and topic.parsed.holds(present)):
            matched = tuple(sorted(labels[at])) + tuple(f"tag:{t}" for t in tag_hits)
            found.append(Assignment(topic.id, score, matched))
    return found


def assign_articles(
    taxonomy: Taxonomy, articles: pa.RecordBatch
) -> tuple[int, list[tuple[str, str, int, list[str]]]]:
    """(articles read, rows): a row (article_id, topic_id, score, matched) for every topic
    of every article in the batch (columns article_id, headline, lead, body, tags)."""
    rows = [
        (row["article_id"], found.topic_id, found.score, list(found.matched))
        for row in articles.to_pylist()
        for found in assign(
            taxonomy, {k: row[k] for k in ("headline", "lead", "body")}, row["tags"]
        )
    ]
    return articles.num_rows, rows


def _scores(
    taxonomy: Taxonomy, present: dict[str, dict[str, int]]
) -> tuple[dict[int, int], dict[int, list[str]]]:
    """Per topic (by position) with a positive term present: its score and the terms' labels."""
    scored_by = taxonomy.scored_by
    scores: dict[int, int] = {}
    labels: dict[int, list[str]] = defaultdict(list)
    for label, per_field in present.items():
        topics = scored_by.get(label)
        if topics:
            weight = 0
            for name, count in per_field.items():
                weight += FIELD_WEIGHTS[name] * count
            for at in topics:
                scores[at] = scores.get(at, 0) + weight
                labels[at].append(label)
    return scores, labels


def load_topics(path: Path | None = None) -> Taxonomy:
    """The validated taxonomy; TopicsError naming the topic and field when it is wrong."""
    return load_validated(path or DEFAULT_PATH, Taxonomy, TopicsError)
