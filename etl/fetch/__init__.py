"""The polite HTTP fetcher: feeds and the article pages they link, fetched with care.

Polite to the sites (robots.txt, a user agent that names us, one request at a
time per host with a gap, conditional GETs, backoff that honours Retry-After)
and careful with what comes back (only configured hosts, only public
addresses, capped size and time, gzip bombs stopped while streaming).

    from etl.fetch import Fetcher, FetchPolicy, FetchState, hosts_of

    state = FetchState.load(home / "fetch-state.json")
    with Fetcher(hosts_of(source_urls), FetchPolicy()) as fetcher:
        result = fetcher.fetch(url, **state.conditional(url))
        state.remember(url, result)
    state.save()
"""

from etl.fetch.client import Fetcher, FetchResult
from etl.fetch.errors import (
    AddressRefused,
    BadEncoding,
    FetchError,
    HostNotAllowed,
    HTTPStatusError,
    InvalidURL,
    NetworkError,
    RateLimited,
    RefusedError,
    ResponseTooLarge,
    ResponseTooSlow,
    RobotsDisallowed,
    SchemeNotAllowed,
    TooManyRedirects,
)
from etl.fetch.guard import AllowedHosts, address_problem, hosts_of
from etl.fetch.policy import DEFAULT_USER_AGENT, FetchPolicy
from etl.fetch.state import FetchState, FetchStateError

__all__ = [
    "DEFAULT_USER_AGENT",
    "AddressRefused",
    "AllowedHosts",
    "BadEncoding",
    "FetchError",
    "FetchPolicy",
    "FetchResult",
    "FetchState",
    "FetchStateError",
    "Fetcher",
    "HTTPStatusError",
    "HostNotAllowed",
    "InvalidURL",
    "NetworkError",
    "RateLimited",
    "RefusedError",
    "ResponseTooLarge",
    "ResponseTooSlow",
    "RobotsDisallowed",
    "SchemeNotAllowed",
    "TooManyRedirects",
    "address_problem",
    "hosts_of",
]
