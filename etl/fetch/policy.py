"""How politely and how defensively the fetcher behaves, in one value.

The defaults are meant for production polling of news sites: identify
ourselves, wait at least a second between requests to a host, give up on
slow or huge responses, retry only what a retry can fix. Tests shrink the
intervals and allow the loopback address their local server listens on.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_USER_AGENT = "wirewatch/0.1 (+https://github.com/wirewatch)"
MiB = 1024 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners for every request a `Fetcher` makes."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0  # seconds to establish a connection
    read_timeout: float = 10.0  # seconds any single read may stall
    total_timeout: float = 30.0  # seconds from sending a request to the end of its body
    max_bytes: int = 10 * MiB  # body as sent on the wire
    max_decoded_bytes: int = 10 * MiB  # body after gzip/deflate decoding
    max_attempts: int = 3  # tries per request; retries only on network errors, 408, 429, 5xx
    backoff_base: float = 1.0  # first retry waits about this long, doubling each time
    backoff_max: float = 30.0
    max_retry_after: float = 120.0  # a longer Retry-After gives up instead of waiting
    min_interval: float = 1.0  # seconds between the end of one request and the next, per host
    max_crawl_delay: float = 30.0  # robots.txt Crawl-delay is honoured up to this
    max_redirects: int = 5
    robots_max_bytes: int = 512 * 1024  # RFC 9309 asks parsers to read at least 500 KiB
    allow_private_addresses: bool = False  # only for tests and private deployments

    def __post_init__(self) -> None:
        problems = [
            f"{name} must be positive, got {value!r}"
            for name, value in (
                ("connect_timeout", self.connect_timeout),
                ("read_timeout", self.read_timeout),
                ("total_timeout", self.total_timeout),
                ("max_bytes", self.max_bytes),
                ("max_decoded_bytes", self.max_decoded_bytes),
                ("max_attempts", self.max_attempts),
                ("robots_max_bytes", self.robots_max_bytes),
            )
            if value <= 0
        ]
        problems += [
            f"{name} must not be negative, got {value!r}"
            for name, value in (
                ("backoff_base", self.backoff_base),
                ("backoff_max", self.backoff_max),
                ("max_retry_after", self.max_retry_after),
                ("min_interval", self.min_interval),
                ("max_crawl_delay", self.max_crawl_delay),
                ("max_redirects", self.max_redirects),
            )
            if value < 0
        ]
        if not self.user_agent.strip():
            problems.append("user_agent must not be empty")
        if problems:
            raise ValueError("invalid fetch policy: " + "; ".join(problems))
