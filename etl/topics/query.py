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
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

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

_WORD = re.compile(r"\w+(?:'\w+)*")  # in text whose `’` are already `'`
_ASCII_LOWERED = str.maketrans(  # lowered, and a space for each character no word has
    {c: c.lower() if c.isalnum() or c in "_'" else " " for c in map(chr, range(128))}
)
_LONE_APOSTROPHE = re.compile(r"'(?<!\w')|'(?!\w)")  # not after a letter, or not before one
_TYPOGRAPHY = "“”‘–—…"  # often the only characters of English text that are not ASCII
FIELD_WEIGHTS = {"headline": 3, "lead": 2, "body": 1}


class QueryError(ValueError):
    """The query cannot be read; the message says where and why."""


def words(text: str) -> list[str]:
    """The text's words (what `_WORD` finds), lowered, `’` written `'` ("Russia’s" is "russia's").

    ASCII text, as most is once its curly quotes and dashes are spaces, takes
    a shortcut to the same words in half the time: every character that is
    in no word, and every apostrophe not inside one, becomes a space, and the
    text is split at spaces.
    """
    if not text.isascii():
        text = text.replace("’", "'")
        for mark in _TYPOGRAPHY:
            text = text.replace(mark, " ")
        if not text.isascii():
            return _WORD.findall(text.lower())
    text = text.translate(_ASCII_LOWERED)
    if "'" in text:
        text = _LONE_APOSTROPHE.sub(" ", text)
    return text.split()


class ArticleWords:
    """An article's words per field: counts for single words, the words in a row for phrases.

    Most terms are single words, whose hits are counts; a field's words are
    joined into one string only when a phrase may be in it, and word
    positions are only looked for by a prefix phrase or a proximity term.
    """

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self.words = fields
        self.counts = {name: Counter(found) for name, found in fields.items() if found}
        self._spaced: dict[str, str] = {}
        self._ordered: tuple[str, ...] | None = None

    @classmethod
    def of(cls, fields: dict[str, str | None]) -> ArticleWords:
        return cls(
            {name: words(text) if (text := fields.get(name)) else [] for name in FIELD_WEIGHTS}
        )

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word of the article, so that `ordered()` can find what a prefix starts."""
        return frozenset().union(*self.counts.values())

    def spaced(self, name: str) -> str:
        """The field's words between single spaces, and a space at each end.

        Words have no spaces, so a phrase's words in a row are exactly the
        places where " word word " is found in it.
        """
        text = self._spaced.get(name)
        if text is None:
            text = self._spaced[name] = f" {' '.join(self.words[name])} "
        return text

    def positions(self, name: str, word: str) -> list[int]:
        """Where `word` occurs in the field, counting from 0."""
        found, at, field = [], -1, self.words[name]
        for _ in range(self.counts[name][word] if name in self.counts else 0):
            at = field.index(word, at + 1)  # a scan in C, stopped by the known count
            found.append(at)
        return found

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

    @cached_property
    def label(self) -> str:
        """The term as written; terms with one label have the same hits, so it is their key."""
        text = " ".join(self.parts) + ("*" if self.prefix else "")
        if len(self.parts) > 1 or self.slop:
            text = f'"{text}"' + (f"~{self.slop}" if self.slop else "")
        return text

    @cached_property
    def whole(self) -> frozenset[str]:
        """The words a field must have for a hit; a prefix need only start one."""
        return frozenset(self.parts[:-1] if self.prefix else self.parts)

    def hits(self, article: ArticleWords) -> dict[str, int]:
        """Occurrences per field; a field without all of the term's words is not looked at."""
        found = {}
        for name, counts in article.counts.items():
            if counts.keys() >= self.whole and (count := self.count_in(article, name)):
                found[name] = count
        return found

    def count_in(self, article: ArticleWords, name: str) -> int:
        """Occurrences in the field `name`, which has all of `whole`."""
        if len(self.parts) > 1 or self.slop:
            if not self.prefix and not self.slop:
                return self._in_order(article, name)
            completions = article.with_prefix(self.parts[-1]) if self.prefix else []
            return self._count(article, name, completions)
        counts = article.counts[name]
        if self.prefix:
            return sum(counts.get(w, 0) for w in article.with_prefix(self.parts[0]))
        return counts.get(self.parts[0], 0)

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

    @cached_property
    def spaced(self) -> str:
        """The phrase's words as they stand in `ArticleWords.spaced()`."""
        return f" {' '.join(self.parts)} "

    def _in_order(self, article: ArticleWords, name: str) -> int:
        """How often the phrase stands word for word: overlapping finds in the spaced field."""
        text, phrase, found = article.spaced(name), self.spaced, 0
        at = text.find(phrase)
        while at >= 0:
            found += 1
            at = text.find(phrase, at + 1)
        return found


@dataclass(frozen=True)
class Query:
    """A parsed query: `matches()` gives whether it holds and the positive terms that hit."""

    text: str
    terms: tuple[Term, ...]
    plan: tuple = ()  # ("term", label) | ("any", {label}) | ("and"|"or", parts) | ("not", part)
    positive: tuple[Term, ...] = ()  # the terms under no NOT (or two), one per label: they score

    def matches(
        self, article: ArticleWords, present: dict[str, dict[str, int]] | None = None
    ) -> tuple[bool, dict[Term, dict[str, int]]]:
        """Whether the query holds, and the hits of its positive terms.

        `present` (the hits of every term found in the article, by label, from
        TermIndex) saves looking each term up again.
        """
        if present is None:
            present = {term.label: found for term in self.terms if (found := term.hits(article))}
        hits = {term: present[term.label] for term in self.positive if term.label in present}
        return self.holds(present), hits

    def holds(self, present: Collection[str]) -> bool:
        """Whether the query holds for an article in which the terms labelled `present` occur."""
        return _holds(self.plan, present)


def parse_query(text: str) -> Query:
    """The query, or QueryError naming the problem."""
    try:
        tree = parser.parse(text)
    except ParseError as exc:
        raise QueryError(f"cannot parse {text!r}: {exc}") from None
    _check(tree, [])
    plan = _compile(tree)
    positive = {term.label: term for term in _positive(plan)}  # a term written twice counts once
    return Query(text, tuple(_leaves(plan)), _labelled(plan), tuple(positive.values()))


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


def _positive(plan: tuple, positive: bool = True) -> list[Term]:
    """The terms whose hits count for the article: those not negated by a NOT."""
    kind, body = plan
    if kind in ("term", "any"):
        return _leaves(plan) if positive else []
    if kind == "not":
        return _positive(body, not positive)
    return [term for part in body for term in _positive(part, positive)]


def _labelled(plan: tuple) -> tuple:
    """The plan with each term's label in its place, as an article's hits are keyed."""
    kind, body = plan
    if kind == "term":
        return ("term", body.label)
    if kind == "any":
        return ("any", frozenset(term.label for term in body))
    if kind == "not":
        return ("not", _labelled(body))
    return (kind, tuple(_labelled(part) for part in body))


def _holds(plan: tuple, present: Collection[str]) -> bool:
    kind, body = plan
    if kind == "term":
        return body in present
    if kind == "any":
        return not body.isdisjoint(present)
    if kind == "not":
        return not _holds(body, present)
    if kind == "and":
        return all(_holds(part, present) for part in body)
    return any(_holds(part, present) for part in body)
