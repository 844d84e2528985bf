"""What the fetcher may contact: configured hosts, http(s) only, public addresses only.

The fetcher follows links found in feeds, so a hostile or compromised feed
could point it anywhere: at another site, at `file:` URLs, or at the machine's
own network (a database on 10.0.0.5, a cloud metadata service on
169.254.169.254). The host and scheme of every URL and redirect hop are
checked before a request is sent. The address check (`address_problem`) runs
at connect time, on the address actually dialled (see `transport.py`), so DNS
cannot swap in a private address after the check.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

import httpx

ALLOWED_SCHEMES = frozenset({"http", "https"})


def normalize_host(host: str) -> str:
    """Lower-case ASCII (IDNA) form of a host name or IP literal, without a trailing dot."""
    text = host.strip()
    try:
        if "://" in text:
            text = httpx.URL(text).host
        if not text:
            return ""
        if ":" in text and not text.startswith("["):
            text = f"[{text}]"  # a bare IPv6 literal
        raw = httpx.URL(f"http://{text}/").raw_host
    except httpx.InvalidURL as exc:
        raise ValueError(f"not a host name: {host!r} ({exc})") from None
    return raw.decode("ascii").lower().rstrip(".")


def hosts_of(urls: Iterable[str]) -> frozenset[str]:
    """The hosts of the given source URLs: what a fetcher polling those sources may contact."""
    hosts = set()
    for url in urls:
        host = normalize_host(httpx.URL(url).host)
        if not host:
            raise ValueError(
                f"source URL has no host: {url!r} (expected e.g. https://example.com/feed)"
            )
        hosts.add(host)
    return frozenset(hosts)


class AllowedHosts:
    """Host names a fetcher may contact; each name also allows its subdomains.

    `example.com` admits `www.example.com` and `feeds.example.com`; an IP
    literal admits only itself. Entries may be given as URLs.
    """

    def __init__(self, hosts: Iterable[str]) -> None:
        self.hosts = frozenset(normalize_host(host) for host in hosts if host.strip())

    def __contains__(self, host: object) -> bool:
        if not isinstance(host, str) or not host:
            return False
        try:
            host = normalize_host(host)
        except ValueError:
            return False
        if host in self.hosts:
            return True
        if _is_ip(host):
            return False
        return any(host.endswith("." + allowed) for allowed in self.hosts if not _is_ip(allowed))

    def __repr__(self) -> str:
        return f"AllowedHosts({sorted(self.hosts)!r})"


def url_problem(url: httpx.URL) -> str | None:
    """Why `url` may not be fetched whatever its host (scheme, credentials), or None."""
    if url.scheme not in ALLOWED_SCHEMES:
        return f"scheme {url.scheme or '(none)'!r} not allowed (http or https only)"
    if url.userinfo:
        return "credentials in the URL refused"
    if not url.host:
        return "URL has no host"
    return None


def address_problem(address: str) -> str | None:
    """What kind of non-public address `address` is ("private", "loopback", ...), or None.

    IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are judged as the IPv4
    address they carry.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, flagged in (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),
    ):
        if flagged:
            return kind
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
