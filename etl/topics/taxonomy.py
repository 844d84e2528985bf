"""The topic taxonomy: `topics.yaml`, validated at load, one readable query per topic.

A topic assigns an article when its query holds over headline, lead and body
and its score reaches `min_score`. The score counts the query's matched terms,
a hit in the headline as 3, in the lead as 2, in the body as 1, plus 3 for a
tag of the article listed in `tags`; so a word in passing does not file an
article, and every assignment can show what matched. A tag in `tags` alone
also assigns the topic.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from etl.reference_files import load_validated
from etl.topics.query import (
    FIELD_WEIGHTS,
    ArticleWords,
    Query,
    QueryError,
    TermIndex,
    parse_query,
)

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
    """The topics the article is in, each with its score and what matched."""
    article = ArticleWords.of(fields)
    present = taxonomy.index.present(article)
    article_tags = {t.lower().lstrip("#") for t in tags or ()}
    found = []
    for topic in taxonomy.topics:
        holds, hits = topic.parsed.matches(article, present)
        tag_hits = sorted(article_tags & set(topic.tags))
        score = sum(
            FIELD_WEIGHTS[f] * n for per_field in hits.values() for f, n in per_field.items()
        )
        score += TAG_WEIGHT * len(tag_hits)
        if (holds and score >= topic.min_score) or tag_hits:
            matched = tuple(sorted(t.label for t in hits)) + tuple(f"tag:{t}" for t in tag_hits)
            found.append(Assignment(topic.id, score, matched))
    return found


def load_topics(path: Path | None = None) -> Taxonomy:
    """The validated taxonomy; TopicsError naming the topic and field when it is wrong."""
    return load_validated(path or DEFAULT_PATH, Taxonomy, TopicsError)
