"""Boolean topic queries in Lucene syntax, evaluated against one article's words.

An analyst writes what they would type into Media Cloud or Solr:
`("prisoner exchange" OR "prisoner swap" OR POWs) AND NOT football`, with
`"a b"~5` for words within five of each other and `swap*` for a prefix.
Queries are parsed by luqum (a maintained Lucene query parser); this module
only decides what a parsed query means for an article, so that every
assignment can say which terms matched. Between two terms an operator must be
written: a bare space is refused rather than guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from luqum.exceptions import ParseError
from luqum.parser import parser
from luqum.tree import (
    AndOperation,
    Group,
    Item,
    Not,
    OrOperation,
    Phrase,
    Prohibit,
    Proximity,
    Word,
)

_WORD = re.compile(r"\w+(?:['’]\w+)*")
FIELD_WEIGHTS = {"headline": 3, "lead": 2, "body": 1}


class QueryError(ValueError):
    """The query cannot be read; the message says where and why."""


def words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


@dataclass
class ArticleWords:
    """Where each word occurs, per field, so phrases and proximity can be checked."""

    positions: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    vocabulary: frozenset[str] = frozenset()
    ordered: tuple[str, ...] = ()  # the vocabulary sorted, for prefix lookups by bisection

    def has_prefix(self, prefix: str) -> bool:
        at = bisect_left(self.ordered, prefix)
        return at < len(self.ordered) and self.ordered[at].startswith(prefix)

    @classmethod
    def of(cls, fields: dict[str, str | None]) -> ArticleWords:
        index: dict[str, dict[str, list[int]]] = {}
        for name in FIELD_WEIGHTS:
            spots: dict[str, list[int]] = defaultdict(list)
            for position, word in enumerate(words(fields.get(name) or "")):
                spots[word].append(position)
            index[name] = spots
        vocabulary = frozenset(w for spots in index.values() for w in spots)
        return cls(index, vocabulary, tuple(sorted(vocabulary)))


@dataclass(frozen=True)
class Term:
    """A word, a prefix (`swap*`) or a phrase, optionally with a proximity slop."""

    parts: tuple[str, ...]
    prefix: bool = False
    slop: int = 0

    @property
    def label(self) -> str:
        text = " ".join(self.parts) + ("*" if self.prefix else "")
        if len(self.parts) > 1 or self.slop:
            text = f'"{text}"' + (f"~{self.slop}" if self.slop else "")
        return text

    def hits(self, article: ArticleWords) -> dict[str, int]:
        """Occurrences per field."""
        vocabulary = article.vocabulary
        whole = self.parts[:-1] if self.prefix else self.parts
        if any(part not in vocabulary for part in whole):
            return {}  # the common case, decided without looking at positions
        if self.prefix and not article.has_prefix(self.parts[-1]):
            return {}
        found = {}
        for name, spots in article.positions.items():
            count = self._count(spots)
            if count:
                found[name] = count
        return found

    def _starts(self, spots: dict[str, list[int]], part: str) -> list[int]:
        if self.prefix and part == self.parts[-1]:
            return sorted(p for w, ps in spots.items() if w.startswith(part) for p in ps)
        return spots.get(part, [])

    def _count(self, spots: dict[str, list[int]]) -> int:
        first = self._starts(spots, self.parts[0])
        if len(self.parts) == 1:
            return len(first)
        rest = [set(self._starts(spots, p)) for p in self.parts[1:]]
        if self.slop == 0:
            return sum(all(s + i + 1 in r for i, r in enumerate(rest)) for s in first)
        # Lucene's slop: each later word may be up to `slop` positions off its place, either side.
        return sum(
            all(any(abs(q - s) <= i + 1 + self.slop for q in r) for i, r in enumerate(rest))
            for s in first
        )


@dataclass(frozen=True)
class Query:
    """A parsed query: `matches()` gives whether it holds and the positive terms that hit."""

    text: str
    tree: Item
    terms: tuple[Term, ...]
    plan: tuple = ()  # the tree compiled once: ("term", Term) | ("and"|"or", parts) | ("not", part)

    def matches(self, article: ArticleWords) -> tuple[bool, dict[Term, dict[str, int]]]:
        hits: dict[Term, dict[str, int]] = {}
        holds = _run(self.plan, article, hits, positive=True)
        return holds, hits


def parse_query(text: str) -> Query:
    """The query, or QueryError naming the problem."""
    try:
        tree = parser.parse(text)
    except ParseError as exc:
        raise QueryError(f"cannot parse {text!r}: {exc}") from None
    terms: list[Term] = []
    _check(tree, terms)
    return Query(text, tree, tuple(dict.fromkeys(terms)), _compile(tree))


def _term(node: Item) -> Term:
    if isinstance(node, Proximity):
        inner = _term(node.term)
        return Term(inner.parts, inner.prefix, int(node.degree or 0))
    if isinstance(node, Phrase):
        parts = words(node.value.strip('"'))
        if not parts:
            raise QueryError(f"empty phrase {node.value}")
        return Term(tuple(parts), prefix=node.value.rstrip('"').endswith("*"))
    value = node.value
    prefix = value.endswith("*")
    parts = words(value.rstrip("*"))
    if len(parts) != 1 or "?" in value or "*" in value.rstrip("*"):
        raise QueryError(f"{value!r} is not a word; put phrases in double quotes")
    return Term((parts[0],), prefix=prefix)


def _check(node: Item, terms: list[Term]) -> None:
    if isinstance(node, Word | Phrase | Proximity):
        terms.append(_term(node))
        return
    if isinstance(node, AndOperation | OrOperation | Group | Not | Prohibit):
        for child in node.children:
            _check(child, terms)
        return
    kind = type(node).__name__
    if kind == "UnknownOperation":
        raise QueryError(f"write AND or OR between terms: {str(node).strip()!r}")
    raise QueryError(f"{kind} is not supported in topic queries: {str(node).strip()!r}")


def _compile(node: Item) -> tuple:
    if isinstance(node, Word | Phrase | Proximity):
        return ("term", _term(node))
    if isinstance(node, Group):
        return _compile(node.children[0])
    if isinstance(node, Not | Prohibit):
        return ("not", _compile(node.children[0]))
    kind = "and" if isinstance(node, AndOperation) else "or"
    return (kind, tuple(_compile(child) for child in node.children))


def _run(plan: tuple, article: ArticleWords, hits: dict, positive: bool) -> bool:
    """Every branch is evaluated, so `hits` lists all matched terms, not just the first."""
    kind, body = plan
    if kind == "term":
        found = body.hits(article)
        if positive and found:
            hits[body] = found
        return bool(found)
    if kind == "not":
        return not _run(body, article, hits, not positive)
    results = [_run(part, article, hits, positive) for part in body]
    return all(results) if kind == "and" else any(results)
