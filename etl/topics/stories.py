"""Stories: articles about the same event, grouped as they arrive.

Articles are taken in publication order. Each is compared with the stories
still active (one of their articles within `window` before it) by the cosine
between its content words (stems of headline and lead, or of the body's
opening when there is no lead) and the story's word counts, each word
weighted by how rare it is among the active articles (so "Olenivka" counts
for more than "attack"); it joins the most similar story at or above
`threshold`, else starts a story of its own, named after its first article.
An inverted index from word to active stories, looked up by the article's
four rarest words that active stories share, keeps the comparison to a few
stories, so the cost follows the number of articles, not of stories.

A story closes two weeks after its first article, so a long siege becomes a
run of stories rather than one that swallows the news of a season.

Because an article's story depends only on earlier articles, re-grouping
from a time T onwards (with the stories active just before T as the
starting state) gives the same stories however the articles were split into
runs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

import pyarrow as pa
import snowballstemmer

WINDOW = timedelta(days=3)
THRESHOLD = 0.25
OPENING_WORDS = 40
CANDIDATE_WORDS = 4  # stories are looked up by the article's rarest words only
MAX_SPAN = timedelta(days=14)  # a story closes two weeks after its first article
RECENT_MEMBERS = 50  # an article is compared with a story's latest articles only

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_STOP_WORDS = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its itself
just me more most my no nor not now of off on once only or other our out over own same she
should so some such than that the their them then there these they this those through to
too under until up very was we were what when where which while who whom why will with
would you your says said say new news latest live update updates via amid after over one
two three first ukraine ukrainian ukrainians russia russian russians war kyiv moscow photo
video watch report reports according today yesterday week day days year years people could
may might must view read more www com net org
"""
_STOP = frozenset(_STOP_WORDS.split())


def content_words(headline: str, lead: str, body: str, outlet: str = "") -> frozenset[str]:
    """The words that say what an article is about; the outlet's own name is not one of them."""
    text = (
        f"{headline}\n{lead}" if lead else f"{headline}\n{' '.join(body.split()[:OPENING_WORDS])}"
    )
    found = (m.replace("’", "'") for m in _WORD.findall(text.lower()))
    own = set(_WORD.findall(outlet.lower()))
    return frozenset(_stem(w) for w in found if len(w) > 2 and w not in _STOP and w not in own)


def story_articles(articles: pa.RecordBatch | pa.Table) -> list[StoryArticle]:
    """The articles of a batch (columns article_id, published_at, headline, lead, body,
    outlet) as the grouper reads them."""
    return [
        StoryArticle(
            row["article_id"],
            row["published_at"],
            content_words(row["headline"], row["lead"] or "", row["body"] or "", row["outlet"]),
        )
        for row in articles.to_pylist()
    ]


_ENGLISH = snowballstemmer.stemmer("english")
_RUSSIAN = snowballstemmer.stemmer("russian")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """English stems for Latin words, Russian for Cyrillic (closest for Ukrainian too)."""
    if "\u0400" <= word[0] <= "\u04ff":
        return _RUSSIAN.stemWord(word)
    return _ENGLISH.stemWord(word)


@dataclass(frozen=True)
class StoryArticle:
    article_id: str
    published_at: datetime
    words: frozenset[str]


@dataclass
class _Story:
    story_id: str
    first_seen: datetime
    last_seen: datetime
    counts: Counter = field(default_factory=Counter)
    articles: int = 0
    lightest: float = math.inf  # the smallest weight of any article it took in
    # (published_at, words, weight) of the latest articles
    members: deque = field(default_factory=lambda: deque(maxlen=RECENT_MEMBERS))

    def add(self, article: StoryArticle, mass: float) -> None:
        self.counts.update(article.words)
        self.articles += 1
        self.members.append((article.published_at, article.words, mass))
        self.lightest = min(self.lightest, mass)
        self.last_seen = max(self.last_seen, article.published_at)


class StoryGrouper:
    """Assigns articles, in publication order, to stories active within the window."""

    def __init__(self, window: timedelta = WINDOW, threshold: float = THRESHOLD) -> None:
        self.window, self.threshold = window, threshold
        self._stories: dict[str, _Story] = {}
        self._index: dict[str, set[str]] = defaultdict(set)
        self._df: Counter = Counter()  # active articles containing each word
        self._active = 0

    def seed(self, story_id: str, articles: Iterable[StoryArticle]) -> None:
        """Restore a story active before the first article to be grouped."""
        for article in articles:
            self._join(story_id, article)

    def group(self, articles: Iterable[StoryArticle]) -> Iterator[tuple[str, str, float]]:
        """(article_id, story_id, similarity) for each article; 1.0 for a story's first."""
        for article in articles:
            self._expire(article.published_at)
            best_id, best = self._closest(article)
            if best_id is None:
                best_id, best = article.article_id, 1.0
            self._join(best_id, article)
            yield article.article_id, best_id, round(best, 4)

    def _idf(self, word: str) -> float:
        return math.log((self._active + 1) / (self._df[word] + 1)) + 1.0

    def _closest(self, article: StoryArticle) -> tuple[str | None, float]:
        """The story with the best overlap with the article, at or above the threshold,
        and that overlap; (None, 0.0) when no story reaches it. Ties go to the smaller id.

        A story's overlap is its best member's, among its members within the window:
        overlap(a, b) = weight of the shared words / weight of the smaller of a and b,
        so a short headline about the same event scores high against a long lead.
        """
        weight = {w: self._idf(w) for w in article.words}
        mass = math.fsum(weight.values()) or 1.0
        heaviest = max(weight.values(), default=0.0)
        known = [w for w in article.words if w in self._index]
        rarest = sorted(known, key=lambda w: (-weight[w], w))[:CANDIDATE_WORDS]
        candidates = {s for w in rarest for s in self._index.get(w, ())}
        earliest, words, weight_of = article.published_at - self.window, article.words, weight.get
        best_id, best = None, self.threshold
        for reach, shared, story_id, story in self._within_reach(
            candidates, words, weight_of, mass
        ):
            if reach < best:
                break
            for seen, member, other in story.members:
                smaller = min(other, mass)
                # Could the member reach the best were it to share every word the article
                # shares with its story? If not, its words need not be compared.
                if seen < earliest or shared / smaller < best:
                    continue
                if common := words & member:
                    # Were every shared word the heaviest, could the member reach the best?
                    # When not, its words need not be weighed (sums round monotonically).
                    if len(common) * heaviest / smaller < best:
                        continue
                    score = math.fsum(map(weight_of, common)) / smaller
                    if score > best or (score == best and (best_id is None or story_id < best_id)):
                        best_id, best = story_id, score
                        if best >= reach:
                            break  # no member of this story can score above its reach
        return (best_id, best) if best_id is not None else (None, 0.0)

    def _within_reach(
        self, candidates: set[str], words: frozenset[str], weight_of, mass: float
    ) -> list[tuple[float, float, str, _Story]]:
        """(reach, shared, story_id, story) of the candidates, the most promising first.

        A story's reach bounds what any of its members can score: the weight of the
        article's words found anywhere in the story (`shared`) over the lightest weight
        it took in. Taking stories by falling reach, the search stops at the first whose reach
        is below the best overlap found, so most stories are never opened.
        """
        reachable = []
        for story_id in candidates:
            story = self._stories[story_id]
            shared = math.fsum(map(weight_of, story.counts.keys() & words))
            reach = shared / min(story.lightest, mass)
            if reach >= self.threshold:
                reachable.append((reach, shared, story_id, story))
        reachable.sort(key=lambda found: (-found[0], found[2]))
        return reachable

    def _join(self, story_id: str, article: StoryArticle) -> None:
        story = self._stories.get(story_id)
        if story is None:
            story = self._stories[story_id] = _Story(
                story_id, article.published_at, article.published_at
            )
        story.add(article, math.fsum(self._idf(w) for w in article.words) or 1.0)
        self._df.update(article.words)
        self._active += 1
        for word in article.words:
            self._index[word].add(story_id)

    def _expire(self, now: datetime) -> None:
        cutoff, opened = now - self.window, now - MAX_SPAN
        closed = [
            s
            for s, story in self._stories.items()
            if story.last_seen < cutoff or story.first_seen < opened
        ]
        for story_id in closed:
            story = self._stories.pop(story_id)
            self._df.subtract(story.counts)
            self._active -= story.articles
            for word in story.counts:
                stories = self._index.get(word)
                if stories is not None:
                    stories.discard(story_id)
                    if not stories:
                        del self._index[word]
