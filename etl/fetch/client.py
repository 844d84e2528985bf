"""The polite fetcher: one call per URL, every safeguard applied on every hop.

`Fetcher.fetch` asks for one URL and returns its body, or raises a
`FetchError` that says why not. Between the two it checks the host against
the configured sources and the scheme, reads the origin's robots.txt (once per
run), waits its turn for the host, sends a conditional GET, follows at most a
few redirects by hand (each hop checked like the first), retries what a retry
can fix, and reads the body within size and time caps.

One `Fetcher` per run: robots.txt answers and per-host pacing live in it and
are meant to be forgotten between runs. It is safe to share between threads;
requests to one host are serialised, requests to different hosts are not.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Self

import httpx

from etl.fetch.body import ACCEPT_ENCODING, read_body
from etl.fetch.errors import (
    AddressRefused,
    FetchError,
    HostNotAllowed,
    HTTPStatusError,
    InvalidURL,
    NetworkError,
    RateLimited,
    RefusedError,
    ResponseTooLarge,
    RobotsDisallowed,
    SchemeNotAllowed,
    TooManyRedirects,
)
from etl.fetch.guard import AllowedHosts, address_problem, url_problem
from etl.fetch.policy import FetchPolicy
from etl.fetch.retry import backoff_delay, is_retryable_status, retry_after_seconds
from etl.fetch.robots import RobotsCache, RobotsRules, rules_from_response
from etl.fetch.throttle import HostResting, HostThrottle
from etl.fetch.transport import AddressNotPublic, GuardedTransport

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,*/*;q=0.8"
)


@dataclass(frozen=True)
class FetchResult:
    """A successful answer: 2xx with its body, or 304 Not Modified with none."""

    url: str  # final URL, after redirects
    status: int
    not_modified: bool
    body: bytes  # decoded (gzip/deflate removed); b"" when not modified
    headers: Mapping[str, str]  # lower-case names; repeated headers joined with ", "
    etag: str | None
    last_modified: str | None
    content_type: str | None
    elapsed: float  # seconds for the whole fetch: robots.txt, waits, retries, redirects
    requested_url: str = ""
    redirects: tuple[str, ...] = field(default=())  # each URL redirected to, in order


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: httpx.Headers
    body: bytes
    location: str | None


@dataclass(frozen=True)
class _Limits:
    max_bytes: int
    max_decoded_bytes: int
    truncate: bool = False


class Fetcher:
    """Fetches URLs of the `allowed_hosts` (and their subdomains) under `policy`.

    `transport` replaces the guarded transport, and with it the check of the
    addresses connected to; it exists for tests (httpx.MockTransport).
    """

    def __init__(
        self,
        allowed_hosts: Iterable[str],
        policy: FetchPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.policy = policy = policy or FetchPolicy()
        self.allowed_hosts = AllowedHosts(allowed_hosts)
        check = None if policy.allow_private_addresses else address_problem
        self._client = httpx.Client(
            transport=transport or GuardedTransport(check),
            headers={
                "User-Agent": policy.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            timeout=httpx.Timeout(
                connect=min(policy.connect_timeout, policy.total_timeout),
                read=min(policy.read_timeout, policy.total_timeout),
                write=min(policy.read_timeout, policy.total_timeout),
                pool=min(policy.connect_timeout, policy.total_timeout),
            ),
            follow_redirects=False,
            trust_env=False,  # no proxies or .netrc credentials from the environment
        )
        self._throttle = HostThrottle(policy.min_interval, max_rest=policy.max_retry_after)
        self._robots = RobotsCache(self._load_robots)
        self._page_limits = _Limits(policy.max_bytes, policy.max_decoded_bytes)
        self._robots_limits = _Limits(policy.robots_max_bytes, policy.robots_max_bytes, True)

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url`, conditionally when validators from the last fetch are given.

        Returns on 2xx and 304; raises a `FetchError` subclass otherwise.
        """
        started = time.monotonic()
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        reply, final, redirects = self._follow(url, headers, self._page_limits, check_robots=True)
        return FetchResult(
            url=str(final),
            status=reply.status,
            not_modified=reply.status == 304,
            body=reply.body,
            headers=dict(reply.headers.items()),
            etag=reply.headers.get("etag"),
            last_modified=reply.headers.get("last-modified"),
            content_type=reply.headers.get("content-type"),
            elapsed=time.monotonic() - started,
            requested_url=url,
            redirects=redirects,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _follow(
        self, requested: str, headers: dict[str, str], limits: _Limits, *, check_robots: bool
    ) -> tuple[_Reply, httpx.URL, tuple[str, ...]]:
        """Request `requested` and each redirect it leads to, checking every hop."""
        target = _parse(requested, None, requested)
        redirects: list[str] = []
        for _ in range(self.policy.max_redirects + 1):
            hop = f"redirect to {target}: " if redirects else ""
            self._admit(requested, target, hop)
            if check_robots:
                self._check_robots(requested, target, hop)
            reply = self._exchange(requested, target, headers, limits, hop)
            if reply.location is None:
                return reply, target, tuple(redirects)
            target = _parse(requested, target, reply.location)
            redirects.append(str(target))
        raise TooManyRedirects(requested, f"more than {self.policy.max_redirects} redirects")

    def _admit(self, requested: str, target: httpx.URL, hop: str) -> None:
        problem = url_problem(target)
        if problem:
            raise SchemeNotAllowed(requested, hop + problem)
        if target.host not in self.allowed_hosts:
            raise HostNotAllowed(requested, f"{hop}host {target.host} not in allowed hosts")

    def _check_robots(self, requested: str, target: httpx.URL, hop: str) -> None:
        try:
            rules = self._robots.rules(_origin(target))
        except (RefusedError, RateLimited) as exc:  # would refuse the page too: say so for it
            where = "redirect to " if hop and isinstance(exc, AddressRefused) else hop
            raise type(exc)(requested, where + exc.reason) from None
        if rules.allows(target.raw_path.decode("ascii")):
            return
        why = f" ({rules.unreachable})" if rules.unreachable else ""
        error = RobotsDisallowed(requested, f"{hop}blocked by robots.txt{why}")
        error.transient = rules.unreachable is not None
        raise error

    def _load_robots(self, origin: str) -> RobotsRules:
        """The origin's robots.txt rules (RFC 9309): 4xx allows all, 5xx or no answer allows none.

        Refusals (address, host, redirects) and a host's request for a long
        pause propagate uncached: they stop the page too, and say so more
        clearly than a robots.txt verdict would.
        """
        robots_url = f"{origin}/robots.txt"
        user_agent = self.policy.user_agent
        try:
            reply, _, _ = self._follow(robots_url, {}, self._robots_limits, check_robots=False)
        except HTTPStatusError as exc:
            if 400 <= exc.status < 500 and exc.status != 429:
                rules = RobotsRules.allow_all()
            else:
                rules = RobotsRules.disallow_all(f"robots.txt unreachable: {exc.reason}")
        except (RefusedError, RateLimited):
            raise
        except FetchError as exc:
            rules = RobotsRules.disallow_all(f"robots.txt unreachable: {exc.reason}")
        else:
            rules = rules_from_response(reply.status, reply.body, user_agent)
        if rules.crawl_delay:
            host = httpx.URL(origin).host
            self._throttle.slow_down(host, min(rules.crawl_delay, self.policy.max_crawl_delay))
        return rules

    def _exchange(
        self,
        requested: str,
        target: httpx.URL,
        headers: dict[str, str],
        limits: _Limits,
        hop: str,
    ) -> _Reply:
        """One request with retries: network errors, timeouts, 408, 429 and 5xx are tried again."""
        policy = self.policy
        host = target.host
        status: int | None = None
        problem = ""
        for attempt in range(1, policy.max_attempts + 1):
            rest: float | None = None
            try:
                with self._throttle.slot(host):
                    reply = self._send(requested, target, headers, limits, hop)
            except HostResting as exc:
                raise RateLimited(
                    requested,
                    f"{hop}{host} asked for a pause of {exc.seconds:.0f} s more, "
                    f"longer than the {policy.max_retry_after:g} s cap",
                ) from None
            except httpx.TimeoutException as exc:
                status, problem = None, f"timed out ({_describe(exc)})"
            except httpx.TransportError as exc:
                status, problem = None, f"network error ({_describe(exc)})"
            else:
                if not is_retryable_status(reply.status):
                    if reply.status >= 300 and reply.status != 304 and reply.location is None:
                        raise HTTPStatusError(
                            requested, f"{hop}HTTP {reply.status}", reply.status, attempt
                        )
                    return reply
                status, problem = reply.status, f"HTTP {reply.status}"
                rest = retry_after_seconds(reply.headers.get("retry-after"))
                if rest is not None:
                    self._throttle.rest(host, rest)
                    if rest > policy.max_retry_after:
                        raise RateLimited(
                            requested,
                            f"{hop}HTTP {reply.status} with Retry-After {rest:.0f} s, "
                            f"longer than the {policy.max_retry_after:g} s cap",
                        )
            if attempt < policy.max_attempts and rest is None:
                delay = backoff_delay(attempt, policy.backoff_base, policy.backoff_max)
                self._throttle.rest(host, delay)
        attempts = policy.max_attempts
        reason = f"{hop}{problem}" + (f" after {attempts} attempts" if attempts > 1 else "")
        if status is not None:
            raise HTTPStatusError(requested, reason, status, attempts)
        raise NetworkError(requested, reason, attempts)

    def _send(
        self,
        requested: str,
        target: httpx.URL,
        headers: dict[str, str],
        limits: _Limits,
        hop: str,
    ) -> _Reply:
        """One request; the body is read only for 2xx, within the size and time caps."""
        policy = self.policy
        deadline = time.monotonic() + policy.total_timeout
        request = self._client.build_request("GET", target, headers=headers)
        try:
            response = self._client.send(request, stream=True)
        except AddressNotPublic as exc:
            where = "redirect to " if hop else ""
            raise AddressRefused(
                requested, f"{where}{exc.kind} address {exc.address} refused"
            ) from None
        try:
            status = response.status_code
            if status in REDIRECT_STATUSES:
                return _Reply(
                    status, response.headers, b"", response.headers.get("location") or None
                )
            if not 200 <= status < 300:
                return _Reply(status, response.headers, b"", None)
            declared = _content_length(response.headers)
            if declared is not None and declared > limits.max_bytes and not limits.truncate:
                raise ResponseTooLarge(
                    requested,
                    f"{hop}response larger than {limits.max_bytes} bytes (Content-Length {declared})",
                )
            body = read_body(
                response.iter_raw(),
                url=requested,
                content_encoding=response.headers.get("content-encoding"),
                max_bytes=limits.max_bytes,
                max_decoded_bytes=limits.max_decoded_bytes,
                deadline=deadline,
                time_cap=policy.total_timeout,
                truncate=limits.truncate,
            )
            return _Reply(status, response.headers, body, None)
        finally:
            response.close()


def _parse(requested: str, base: httpx.URL | None, url: str) -> httpx.URL:
    try:
        parsed = base.join(url) if base is not None else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InvalidURL(requested, f"invalid URL {url!r} ({exc})") from None
    return parsed.copy_with(fragment=None)


def _origin(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.netloc.decode('ascii')}"


def _content_length(headers: httpx.Headers) -> int | None:
    try:
        return int(headers.get("content-length", ""))
    except ValueError:
        return None


def _describe(exc: Exception) -> str:
    detail = str(exc)
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
