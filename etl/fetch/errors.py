"""Why a fetch failed, as exceptions the pipeline can catch in one place.

Every failure is a `FetchError` whose message starts with the URL asked for and
says what went wrong ("https://x/y: HTTP 404"), so it can be logged or stored
as a run's reason unchanged. `transient` tells the caller whether trying again
at the next poll may help (a 503, a timeout) or not (a 404, robots.txt).
"""

from __future__ import annotations


class FetchError(Exception):
    """A URL could not be fetched; the message names it and the reason."""

    transient = False

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class RefusedError(FetchError):
    """Policy forbids the request: host, scheme, address, robots.txt or redirects."""


class InvalidURL(RefusedError):
    """The URL (or a redirect's Location) cannot be parsed."""


class HostNotAllowed(RefusedError):
    """The host (of the URL or a redirect) is not one of the configured sources."""


class SchemeNotAllowed(RefusedError):
    """Only http and https are fetched; credentials in URLs are refused too."""


class AddressRefused(RefusedError):
    """The host resolves to a private, loopback, link-local or otherwise non-public address."""


class RobotsDisallowed(RefusedError):
    """robots.txt forbids the path, or could not be read (which forbids the whole host)."""


class TooManyRedirects(RefusedError):
    """The redirect chain is longer than the policy allows."""


class ResponseTooLarge(FetchError):
    """The body, on the wire or decompressed, exceeds the size cap."""


class ResponseTooSlow(FetchError):
    """The response took longer than the total time cap."""


class BadEncoding(FetchError):
    """The body's Content-Encoding is unsupported or its compressed data is corrupt."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (after retries, for 429 and 5xx)."""

    def __init__(self, url: str, reason: str, status: int, attempts: int = 1) -> None:
        super().__init__(url, reason)
        self.status = status
        self.attempts = attempts
        self.transient = status in {408, 429} or status >= 500


class NetworkError(FetchError):
    """Connecting or reading failed (refused, reset, timed out) on every attempt."""

    transient = True

    def __init__(self, url: str, reason: str, attempts: int = 1) -> None:
        super().__init__(url, reason)
        self.attempts = attempts


class RateLimited(FetchError):
    """The host asked for a longer wait (Retry-After) than the policy allows; try a later poll."""

    transient = True
