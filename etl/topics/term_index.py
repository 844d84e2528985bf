"""The terms of many topic queries, found from an article's own words.

An article has a few hundred distinct words and a taxonomy several hundred
terms, some of them prefixes (`negotiat*`). What a word counts for (the
one-word terms and prefixes it is, the phrases it begins) is worked out the
first time the word is seen and remembered, so an article costs one lookup
per distinct word, and only the phrases its words begin are looked for.
"""

from __future__ import annotations

from collections import defaultdict

from etl.topics.query import ArticleWords, Term

MEMORY = 200_000  # words remembered; forgotten all at once past this, then learnt again
_NOTHING = ((), ())  # what most words count for


class TermIndex:
    """Every term of many queries, one per label (terms with one label have the same hits)."""

    def __init__(self, terms: list[Term], memory: int = MEMORY) -> None:
        self._words: dict[str, list[str]] = defaultdict(list)
        self._prefixes: dict[str, list[str]] = defaultdict(list)
        self._phrases: dict[str, list[Term]] = defaultdict(list)
        for term in {term.label: term for term in terms}.values():
            if len(term.parts) > 1:
                self._phrases[term.parts[0]].append(term)
            elif term.prefix:
                self._prefixes[term.parts[0]].append(term.label)
            else:
                self._words[term.parts[0]].append(term.label)
        self._prefix_sizes = sorted({len(prefix) for prefix in self._prefixes})
        self._memory = memory
        self._known: dict[str, tuple[tuple[str, ...], tuple[Term, ...]]] = {}

    def present(self, article: ArticleWords) -> dict[str, dict[str, int]]:
        """The hits per field of every term found in the article, by the term's label.

        A one-word term or a prefix hits a field as often as the field has
        words it counts for, whatever its slop; a phrase is counted by its
        Term in the fields that have all of its words.
        """
        found: dict[str, dict[str, int]] = {}
        phrases: dict[Term, list[str]] = {}  # the fields that have all of a phrase's words
        known = self._known
        for name, counts in article.counts.items():
            field_words = counts.keys()
            for word, count in counts.items():
                meaning = known.get(word) or self._learn(word)
                if meaning is _NOTHING:
                    continue
                labels, starts = meaning
                for label in labels:
                    if (per_field := found.get(label)) is None:
                        found[label] = {name: count}
                    else:
                        per_field[name] = per_field.get(name, 0) + count
                for term in starts:
                    if field_words >= term.whole:
                        phrases.setdefault(term, []).append(name)
        for term, names in phrases.items():
            if hits := {name: n for name in names if (n := term.count_in(article, name))}:
                found[term.label] = hits
        return found

    def _learn(self, word: str) -> tuple[tuple[str, ...], tuple[Term, ...]]:
        """The labels of the one-word terms and prefixes `word` is, and the phrases it begins."""
        labels = list(self._words.get(word, ()))
        for size in self._prefix_sizes:
            if size > len(word):
                break
            labels += self._prefixes.get(word[:size], ())
        starts = tuple(self._phrases.get(word, ()))
        meaning = (tuple(labels), starts) if labels or starts else _NOTHING
        if len(self._known) >= self._memory:
            self._known.clear()
        self._known[word] = meaning
        return meaning
