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
from collections import Counter, defaultdict
from dataclasses import dataclass

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


class ArticleWords:
    """An article's words per field: counts for single words, positions when a phrase asks.

    Most terms are single words, whose hits are counts; word positions are
    only worked out for a field when a phrase or proximity term needs them.
    """

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self.words = fields
        self.counts = {name: Counter(found) for name, found in fields.items()}
        self.vocabulary = frozenset().union(*self.counts.values())
        self._positions: dict[str, dict[str, list[int]]] = {}
        self._ordered: tuple[str, ...] | None = None

    @classmethod
    def of(cls, fields: dict[str, str | None]) -> ArticleWords:
        return cls({name: words(fields.get(name) or "") for name in FIELD_WEIGHTS})

    def positions(self, name: str, word: str) -> list[int]:
        """Where `word` occurs in the field, counting from 0."""
        spots = self._positions.get(name)
        if spots is None:  # placed once per field, on the first phrase that asks
            spots = defaultdict(list)
            for at, w in enumerate(self.words[name]):
                spots[w].append(at)
            self._positions[name] = spots
        return spots.get(word, [])

    def ordered(self) -> tuple[str, ...]:
        """The vocabulary sorted, so the words sharing a prefix are one run of it."""
        if self._ordered is None:
            self._ordered = tuple(sorted(self.vocabulary))
        return self._ordered

    def with_prefix(self, prefix: str) -> list[str]:
        """The article's words that start with `prefix`."""
        ordered, found = self.ordered(), []
        at = bisect_left(ordered, prefix)
        while at < len(ordered) and ordered[at].startswith(prefix):
            found.append(ordered[at])
            at += 1
        return found


@dataclass(frozen=True, eq=False)  # identity hashing: a query's terms are looked up often
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
        completions = article.with_prefix(self.parts[-1]) if self.prefix else []
        if self.prefix and not completions:
            return {}
        found = {}
        for name, counts in article.counts.items():
            if len(self.parts) > 1 or self.slop:
                if any(part not in counts for part in whole):
                    continue
                count = self._count(article, name, completions)
            elif self.prefix:
                count = sum(counts.get(w, 0) for w in completions)
            else:
                count = counts.get(self.parts[0], 0)
            if count:
                found[name] = count
        return found

    def _starts(self, article: ArticleWords, name: str, part: str, completions) -> list[int]:
        if self.prefix and part == self.parts[-1]:
            return sorted(p for w in completions for p in article.positions(name, w))
        return article.positions(name, part)

    def _count(self, article: ArticleWords, name: str, completions: list[str]) -> int:
        first = self._starts(article, name, self.parts[0], completions)
        if len(self.parts) == 1:
            return len(first)
        rest = [set(self._starts(article, name, p, completions)) for p in self.parts[1:]]
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
    terms: tuple[Term, ...]
    plan: tuple = ()  # compiled once: ("term", Term) | ("any", {Term}) | ("and"|"or", parts) | ("not", part)

    def matches(
        self, article: ArticleWords, present: dict[Term, dict[str, int]] | None = None
    ) -> tuple[bool, dict[Term, dict[str, int]]]:
        """Whether the query holds, and the hits of its positive terms.

        `present` (every term found in the article, from TermIndex) saves
        looking each term up again.
        """
        hits: dict[Term, dict[str, int]] = {}
        holds = _run(self.plan, article, hits, True, present)
        by_label = {term.label: (term, found) for term, found in hits.items()}
        return holds, dict(by_label.values())  # a term written twice counts once


def parse_query(text: str) -> Query:
    """The query, or QueryError naming the problem."""
    try:
        tree = parser.parse(text)
    except ParseError as exc:
        raise QueryError(f"cannot parse {text!r}: {exc}") from None
    _check(tree, [])
    plan = _compile(tree)
    return Query(text, tuple(_leaves(plan)), plan)


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
    """The tree as nested tuples; an OR of plain terms becomes one set lookup ("any")."""
    if isinstance(node, Word | Phrase | Proximity):
        return ("term", _term(node))
    if isinstance(node, Group):
        return _compile(node.children[0])
    if isinstance(node, Not | Prohibit):
        return ("not", _compile(node.children[0]))
    parts = tuple(_compile(child) for child in node.children)
    if isinstance(node, AndOperation):
        return ("and", parts)
    terms = tuple(body for kind, body in parts if kind == "term")
    others = tuple(part for part in parts if part[0] != "term")
    if not terms:
        return ("or", others)
    grouped = ("any", frozenset(terms))
    return ("or", (grouped, *others)) if others else grouped


def _leaves(plan: tuple) -> list[Term]:
    kind, body = plan
    if kind == "term":
        return [body]
    if kind == "any":
        return sorted(body, key=lambda t: t.label)
    if kind == "not":
        return _leaves(body)
    return [term for part in body for term in _leaves(part)]


def _run(
    plan: tuple, article: ArticleWords, hits: dict, positive: bool, present: dict | None
) -> bool:
    """Every branch is evaluated, so `hits` lists all matched terms, not just the first."""
    kind, body = plan
    if kind == "term":
        found = body.hits(article) if present is None else present.get(body, {})
        if positive and found:
            hits[body] = found
        return bool(found)
    if kind == "any":
        if present is None:
            found = {t: h for t in body if (h := t.hits(article))}
        else:
            found = {t: h for t, h in present.items() if t in body}
        if positive:
            hits.update(found)
        return bool(found)
    if kind == "not":
        return not _run(body, article, hits, not positive, present)
    results = [_run(part, article, hits, positive, present) for part in body]
    return all(results) if kind == "and" else any(results)


class TermIndex:
    """Every term of many queries, found by the article's own words.

    An article has a few hundred distinct words and a taxonomy several
    hundred terms: looking up the article's words in an index of the terms'
    first words (and of their prefixes) visits only terms that can match.
    """

    def __init__(self, terms: list[Term]) -> None:
        self._by_word: dict[str, list[Term]] = defaultdict(list)
        self._by_prefix: dict[str, list[Term]] = defaultdict(list)
        for term in dict.fromkeys(terms):
            if term.prefix and len(term.parts) == 1:
                self._by_prefix[term.parts[0]].append(term)
            else:
                self._by_word[term.parts[0]].append(term)
        self._first_words = frozenset(self._by_word)
        self._prefix_list = sorted(self._by_prefix)

    def present(self, article: ArticleWords) -> dict[Term, dict[str, int]]:
        candidates = [t for w in article.vocabulary & self._first_words for t in self._by_word[w]]
        if self._prefix_list:
            ordered = article.ordered()
            size = len(ordered)
            for prefix in self._prefix_list:
                at = bisect_left(ordered, prefix)
                if at < size and ordered[at].startswith(prefix):
                    candidates += self._by_prefix[prefix]
        found = {term: term.hits(article) for term in candidates}
        return {term: hits for term, hits in found.items() if hits}
