"""One poll of the live sources: each feed, then the article pages its items link to.

A feed item usually carries only a headline and a summary; the article's text is
on the page it links to. A poll fetches each feed (conditionally, so an
unchanged feed costs a 304), then fetches the linked pages it has not fetched
before, up to a per-source limit, so one busy feed cannot monopolise a run.
Every fetched body is returned as it arrived, to be landed unchanged; every
failure is returned too, so the run can report it and go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from etl.fetch.client import Fetcher
from etl.fetch.errors import FetchError
from etl.fetch.state import FetchState
from etl.sources import feeds
from etl.sources.records import SourceError, SourceHints


@dataclass(frozen=True)
class LiveSource:
    """What a poll needs to know of a configured feed or page source."""

    name: str
    kind: str  # feed or page
    url: str
    hints: SourceHints
    max_pages: int = 50


@dataclass(frozen=True)
class Fetched:
    source: str
    url: str
    body: bytes


@dataclass
class PollResult:
    fetched: list[Fetched] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (source, url, reason)


def _stub_links(body: bytes, hints: SourceHints) -> list[str]:
    """Links of feed items that carry no article text, in feed order."""
    try:
        items = feeds.parse_items(body, hints)
    except SourceError:
        return []
    links = (item.record.url for item in items if item.record is not None and item.record.stub)
    return list(dict.fromkeys(link for link in links if link))


def poll(
    sources: Iterable[LiveSource],
    fetcher: Fetcher,
    state: FetchState,
    already_fetched: Callable[[str], bool],
) -> PollResult:
    """Fetch every source once and the new pages its feed links to."""
    result = PollResult()

    def get(source: LiveSource, url: str) -> bytes | None:
        try:
            response = fetcher.fetch(url, **state.conditional(url))
        except FetchError as exc:
            result.failures.append((source.name, url, str(exc)))
            return None
        state.remember(url, response)
        if response.not_modified:
            result.not_modified.append(url)
            return None
        result.fetched.append(Fetched(source.name, url, response.body))
        return response.body

    for source in sources:
        body = get(source, source.url)
        if body is None or source.kind != "feed":
            continue
        new_links = [link for link in _stub_links(body, source.hints) if not already_fetched(link)]
        for link in new_links[: source.max_pages]:
            get(source, link)
    return result
