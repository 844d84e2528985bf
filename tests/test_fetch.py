"""The polite fetcher against a local server: conditional GETs, retries, caps, redirects, robots."""

from __future__ import annotations

import gzip
import itertools
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.fetch import (
    AddressRefused,
    AllowedHosts,
    BadEncoding,
    Fetcher,
    FetchError,
    FetchPolicy,
    FetchState,
    FetchStateError,
    HostNotAllowed,
    HTTPStatusError,
    NetworkError,
    RateLimited,
    ResponseTooLarge,
    ResponseTooSlow,
    RobotsDisallowed,
    SchemeNotAllowed,
    TooManyRedirects,
    address_problem,
    hosts_of,
)
from etl.fetch.body import read_body
from etl.fetch.retry import backoff_delay, retry_after_seconds
from etl.fetch.robots import RobotsRules
from etl.fetch.transport import GuardedTransport
from tests.fetch_server import Exchange, LocalServer

MiB = 1024 * 1024
FAST = FetchPolicy(
    min_interval=0,
    backoff_base=0.01,
    backoff_max=0.05,
    connect_timeout=2,
    read_timeout=2,
    total_timeout=5,
    allow_private_addresses=True,
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer().running() as running:
        yield running


def fetcher_for(server: LocalServer, policy: FetchPolicy = FAST, **changes: object) -> Fetcher:
    return Fetcher([server.host], replace(policy, **changes))


# Conditional GET


def test_etag_then_not_modified(server: LocalServer) -> None:
    @server.route("/feed")
    def feed(ex: Exchange) -> None:
        if ex.headers.get("if-none-match") == '"v1"':
            ex.send(304, headers={"ETag": '"v1"'})
        else:
            ex.send(200, b"<rss/>", {"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    with fetcher_for(server) as fetcher:
        first = fetcher.fetch(server.url("/feed"))
        second = fetcher.fetch(server.url("/feed"), etag=first.etag)

    assert (first.status, first.not_modified, first.body) == (200, False, b"<rss/>")
    assert first.etag == '"v1"'
    assert first.content_type == "application/rss+xml"
    assert first.headers["etag"] == '"v1"'
    assert (second.status, second.not_modified, second.body) == (304, True, b"")


def test_last_modified_then_not_modified(server: LocalServer) -> None:
    stamp = "Mon, 24 Nov 2025 10:00:00 GMT"

    @server.route("/page")
    def page(ex: Exchange) -> None:
        if ex.headers.get("if-modified-since") == stamp:
            ex.send(304)
        else:
            ex.send(200, b"<html/>", {"Last-Modified": stamp})

    with fetcher_for(server) as fetcher:
        first = fetcher.fetch(server.url("/page"))
        second = fetcher.fetch(server.url("/page"), last_modified=first.last_modified)

    assert first.last_modified == stamp and not first.not_modified
    assert second.not_modified
    assert "if-none-match" not in server.hits("/page")[1].headers


def test_state_file_makes_the_next_poll_conditional(server: LocalServer, tmp_path: Path) -> None:
    @server.route("/feed")
    def feed(ex: Exchange) -> None:
        if ex.headers.get("if-none-match") == '"v7"':
            ex.send(304)
        else:
            ex.send(
                200, b"<rss/>", {"ETag": '"v7"', "Last-Modified": "Mon, 24 Nov 2025 10:00:00 GMT"}
            )

    url = server.url("/feed")
    path = tmp_path / "state" / "fetch.json"
    with fetcher_for(server) as fetcher:
        state = FetchState.load(path)
        assert state.conditional(url) == {"etag": None, "last_modified": None}
        state.remember(url, fetcher.fetch(url, **state.conditional(url)))
        state.save()

        reloaded = FetchState.load(path)
        again = fetcher.fetch(url, **reloaded.conditional(url))
        reloaded.remember(url, again)  # a bare 304 keeps the validators it confirmed

    assert again.not_modified
    assert reloaded.conditional(url)["etag"] == '"v7"'
    assert reloaded.conditional(url)["last_modified"] == "Mon, 24 Nov 2025 10:00:00 GMT"


def test_state_file_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "fetch.json"
    broken.write_text("{not json")
    with pytest.raises(FetchStateError, match=r"fetch\.json: unreadable fetch state"):
        FetchState.load(broken)
    broken.write_text('{"version": 99, "urls": {}}')
    with pytest.raises(FetchStateError, match="version 1"):
        FetchState.load(broken)


# Status codes and retries


def test_404_fails_at_once(server: LocalServer) -> None:
    url = server.url("/gone")
    with fetcher_for(server) as fetcher, pytest.raises(HTTPStatusError) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: HTTP 404"
    assert caught.value.status == 404 and not caught.value.transient
    assert len(server.hits("/gone")) == 1


def test_500_then_200_succeeds_on_retry(server: LocalServer) -> None:
    @server.route("/flaky")
    def flaky(ex: Exchange) -> None:
        if len(server.hits("/flaky")) == 1:
            ex.send(500, b"oops")
        else:
            ex.send(200, b"ok")

    with fetcher_for(server) as fetcher:
        result = fetcher.fetch(server.url("/flaky"))
    assert result.body == b"ok"
    assert len(server.hits("/flaky")) == 2


def test_always_500_gives_up_after_max_attempts(server: LocalServer) -> None:
    server.routes["/down"] = lambda ex: ex.send(500)
    url = server.url("/down")
    with fetcher_for(server) as fetcher, pytest.raises(HTTPStatusError) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: HTTP 500 after 3 attempts"
    assert caught.value.attempts == 3 and caught.value.transient
    assert len(server.hits("/down")) == 3


def test_retry_after_is_waited_for(server: LocalServer) -> None:
    @server.route("/busy")
    def busy(ex: Exchange) -> None:
        if len(server.hits("/busy")) == 1:
            ex.send(429, headers={"Retry-After": "1"})
        else:
            ex.send(200, b"ok")

    with fetcher_for(server) as fetcher:
        assert fetcher.fetch(server.url("/busy")).body == b"ok"
    first, second = server.hits("/busy")
    assert second.at - first.at >= 1.0


def test_retry_after_beyond_the_cap_gives_up_and_rests_the_host(server: LocalServer) -> None:
    server.routes["/busy"] = lambda ex: ex.send(503, headers={"Retry-After": "3600"})
    with fetcher_for(server, max_retry_after=60) as fetcher:
        with pytest.raises(RateLimited, match="Retry-After 3600 s, longer than the 60 s cap"):
            fetcher.fetch(server.url("/busy"))
        with pytest.raises(RateLimited, match="asked for a pause of 3600 s"):
            fetcher.fetch(server.url("/other"))  # the host is left alone for the run
    assert [seen.path for seen in server.requests] == ["/robots.txt", "/busy"]


def test_read_timeout_is_retried_then_reported(server: LocalServer) -> None:
    server.routes["/stuck"] = lambda ex: time.sleep(0.6)
    url = server.url("/stuck")
    with (
        fetcher_for(server, read_timeout=0.2, max_attempts=2) as fetcher,
        pytest.raises(NetworkError, match=r"timed out \(ReadTimeout.*after 2 attempts"),
    ):
        fetcher.fetch(url)
    assert len(server.hits("/stuck")) == 2


def test_connection_refused_is_retried_then_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    with Fetcher(["127.0.0.1"], FAST) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    # robots.txt cannot be read, so the whole host is off limits for this run (RFC 9309)
    assert isinstance(caught.value, RobotsDisallowed) and caught.value.transient
    assert "network error (ConnectError" in str(caught.value)
    assert "after 3 attempts" in str(caught.value)


def test_slow_response_beyond_the_time_cap_fails(server: LocalServer) -> None:
    finished = threading.Event()

    @server.route("/trickle")
    def trickle(ex: Exchange) -> None:
        ex.send_head(200, {"Content-Type": "text/html"})
        for _ in range(60):
            if not ex.write(b"x"):
                return
            time.sleep(0.05)
        finished.set()

    url = server.url("/trickle")
    with (
        fetcher_for(server, total_timeout=0.5, read_timeout=1) as fetcher,
        pytest.raises(ResponseTooSlow) as caught,
    ):
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: response took longer than 0.5 s"
    assert not finished.is_set()
    assert len(server.hits("/trickle")) == 1  # a policy cap, not retried


# Redirects


def test_redirect_chain_is_followed_and_final_url_reported(server: LocalServer) -> None:
    server.routes["/a"] = lambda ex: ex.send(301, headers={"Location": "/b"})
    server.routes["/b"] = lambda ex: ex.send(302, headers={"Location": server.url("/c")})
    server.routes["/c"] = lambda ex: ex.send(307, headers={"Location": "final?x=1#top"})
    server.routes["/final"] = lambda ex: ex.send(200, b"article")

    with fetcher_for(server) as fetcher:
        result = fetcher.fetch(server.url("/a"))
    assert result.body == b"article"
    assert result.url == server.url("/final?x=1")
    assert result.requested_url == server.url("/a")
    assert result.redirects == (server.url("/b"), server.url("/c"), server.url("/final?x=1"))


def test_redirect_loop_stops_after_five(server: LocalServer) -> None:
    server.routes["/loop"] = lambda ex: ex.send(302, headers={"Location": "/loop"})
    with fetcher_for(server) as fetcher, pytest.raises(TooManyRedirects, match="more than 5"):
        fetcher.fetch(server.url("/loop"))
    assert len(server.hits("/loop")) == 6


def test_redirect_to_a_host_not_allowed_is_refused(server: LocalServer) -> None:
    elsewhere = server.url("/x", host="localhost")
    server.routes["/out"] = lambda ex: ex.send(302, headers={"Location": elsewhere})
    url = server.url("/out")
    with fetcher_for(server) as fetcher, pytest.raises(HostNotAllowed) as caught:
        fetcher.fetch(url)
    assert (
        str(caught.value) == f"{url}: redirect to {elsewhere}: host localhost not in allowed hosts"
    )
    assert not server.hits("/x")


def test_redirect_to_another_scheme_is_refused(server: LocalServer) -> None:
    server.routes["/out"] = lambda ex: ex.send(302, headers={"Location": "file:///etc/passwd"})
    with fetcher_for(server) as fetcher, pytest.raises(SchemeNotAllowed, match="scheme 'file'"):
        fetcher.fetch(server.url("/out"))


def test_first_url_on_a_host_not_allowed_is_refused(server: LocalServer) -> None:
    with fetcher_for(server) as fetcher, pytest.raises(HostNotAllowed, match="host localhost"):
        fetcher.fetch(server.url("/feed", host="localhost"))
    assert not server.requests


def test_private_address_is_refused_before_connecting(server: LocalServer) -> None:
    url = server.url("/feed")
    with (
        fetcher_for(server, allow_private_addresses=False) as fetcher,
        pytest.raises(AddressRefused) as caught,
    ):
        fetcher.fetch(url)
    assert "loopback address 127.0.0.1 refused" in str(caught.value)
    assert not server.requests  # neither robots.txt nor the page


@pytest.mark.parametrize("target", ["10.0.0.1", "169.254.169.254"])
def test_redirect_to_a_private_address_is_refused(server: LocalServer, target: str) -> None:
    server.routes["/out"] = lambda ex: ex.send(302, headers={"Location": f"http://{target}/meta"})
    url = server.url("/out")
    # Treat the test server's loopback address as public so only the redirect is private.
    transport = GuardedTransport(lambda ip: None if ip == "127.0.0.1" else address_problem(ip))
    policy = replace(FAST, allow_private_addresses=False, max_attempts=1)
    with (
        Fetcher([server.host, target], policy, transport=transport) as fetcher,
        pytest.raises(AddressRefused) as caught,
    ):
        fetcher.fetch(url)
    kind = address_problem(target)
    assert str(caught.value) == f"{url}: redirect to {kind} address {target} refused"


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.0.0.1", "private"),
        ("192.168.1.20", "private"),
        ("169.254.169.254", "link-local"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "non-public"),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_problem(address: str, kind: str | None) -> None:
    assert address_problem(address) == kind


def test_allowed_hosts_admit_subdomains_of_a_name_only() -> None:
    hosts = AllowedHosts(["Example.com.", "https://feeds.bbci.co.uk/news/rss.xml", "10.0.0.1"])
    assert "www.example.com" in hosts and "EXAMPLE.COM" in hosts
    assert "feeds.bbci.co.uk" in hosts and "www.bbc.co.uk" not in hosts
    assert "badexample.com" not in hosts and "1.10.0.0.1" not in hosts
    assert hosts_of(["https://www.kyivpost.com/feed", "http://a.test:8080/x"]) == {
        "www.kyivpost.com",
        "a.test",
    }
    with pytest.raises(ValueError, match="source URL has no host: 'feeds/rss.xml'"):
        hosts_of(["feeds/rss.xml"])


# Size caps and decoding


def test_declared_oversized_body_is_refused_before_reading(server: LocalServer) -> None:
    @server.route("/huge")
    def huge(ex: Exchange) -> None:
        ex.send_head(200, {"Content-Length": str(64 * MiB)})
        for _ in range(1024):
            if not ex.write(b"x" * 65536):
                return

    url = server.url("/huge")
    with fetcher_for(server, max_bytes=MiB) as fetcher, pytest.raises(ResponseTooLarge) as caught:
        fetcher.fetch(url)
    assert (
        str(caught.value) == f"{url}: response larger than {MiB} bytes (Content-Length {64 * MiB})"
    )


def test_streamed_oversized_body_is_cut_off(server: LocalServer) -> None:
    sent = []
    done = threading.Event()

    @server.route("/endless")
    def endless(ex: Exchange) -> None:
        try:
            ex.send_head(200, {"Content-Type": "text/html"})  # no Content-Length
            for _ in range(1024):
                if not ex.write(b"x" * 65536):
                    return
                sent.append(65536)
        finally:
            done.set()

    url = server.url("/endless")
    with fetcher_for(server, max_bytes=MiB) as fetcher, pytest.raises(ResponseTooLarge) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: response larger than {MiB} bytes"
    assert done.wait(5)
    assert sum(sent) < 16 * MiB  # of 64 MiB on offer


def test_gzip_bomb_is_refused(server: LocalServer) -> None:
    bomb = gzip.compress(b"\0" * 16 * MiB)
    assert len(bomb) < 32 * 1024
    server.routes["/bomb"] = lambda ex: ex.send(200, bomb, {"Content-Encoding": "gzip"})
    url = server.url("/bomb")
    with (
        fetcher_for(server, max_bytes=MiB, max_decoded_bytes=MiB) as fetcher,
        pytest.raises(ResponseTooLarge) as caught,
    ):
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: response larger than {MiB} bytes once decompressed"


def test_gzip_bomb_is_never_inflated_in_memory() -> None:
    bomb = gzip.compress(b"\0" * 64 * MiB)
    chunks = [bomb[i : i + 16384] for i in range(0, len(bomb), 16384)]
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLarge):
            read_body(
                chunks,
                url="http://x/bomb",
                content_encoding="gzip",
                max_bytes=10 * MiB,
                max_decoded_bytes=MiB,
                deadline=float("inf"),
                time_cap=30,
            )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MiB


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw deflate, as IIS sends
    ],
)
def test_compressed_bodies_are_decoded(server: LocalServer, encoding: str, encode) -> None:
    text = "Київ, ".encode() * 1000
    server.routes["/z"] = lambda ex: ex.send(200, encode(text), {"Content-Encoding": encoding})
    with fetcher_for(server) as fetcher:
        assert fetcher.fetch(server.url("/z")).body == text
    assert server.hits("/z")[0].headers["accept-encoding"] == "gzip, deflate"


def test_corrupt_or_unsupported_encoding_is_reported(server: LocalServer) -> None:
    server.routes["/bad"] = lambda ex: ex.send(200, b"not gzip", {"Content-Encoding": "gzip"})
    server.routes["/br"] = lambda ex: ex.send(200, b"....", {"Content-Encoding": "br"})
    with fetcher_for(server) as fetcher:
        with pytest.raises(BadEncoding, match="invalid gzip data"):
            fetcher.fetch(server.url("/bad"))
        with pytest.raises(BadEncoding, match="unsupported Content-Encoding 'br'"):
            fetcher.fetch(server.url("/br"))


# robots.txt


def test_robots_disallow_is_respected_and_read_once(server: LocalServer) -> None:
    robots = b"User-agent: *\nDisallow: /private/\nDisallow: /*?print=\n"
    server.routes["/robots.txt"] = lambda ex: ex.send(200, robots, {"Content-Type": "text/plain"})
    server.routes["/news/1"] = lambda ex: ex.send(200, b"news")
    server.routes["/private/1"] = lambda ex: ex.send(200, b"secret")

    with fetcher_for(server) as fetcher:
        assert fetcher.fetch(server.url("/news/1")).body == b"news"
        with pytest.raises(RobotsDisallowed) as caught:
            fetcher.fetch(server.url("/private/1"))
        with pytest.raises(RobotsDisallowed):
            fetcher.fetch(server.url("/news/1?print=1"))
    assert str(caught.value) == f"{server.url('/private/1')}: blocked by robots.txt"
    assert not caught.value.transient
    assert not server.hits("/private/1")
    assert len(server.hits("/robots.txt")) == 1


def test_robots_is_checked_on_redirect_hops(server: LocalServer) -> None:
    server.routes["/robots.txt"] = lambda ex: ex.send(200, b"User-agent: *\nDisallow: /private\n")
    server.routes["/short"] = lambda ex: ex.send(301, headers={"Location": "/private/1"})
    with fetcher_for(server) as fetcher, pytest.raises(RobotsDisallowed, match="redirect to"):
        fetcher.fetch(server.url("/short"))
    assert not server.hits("/private/1")


def test_robots_404_allows_everything(server: LocalServer) -> None:
    server.routes["/private/1"] = lambda ex: ex.send(200, b"ok")
    with fetcher_for(server) as fetcher:
        assert fetcher.fetch(server.url("/private/1")).body == b"ok"
    assert len(server.hits("/robots.txt")) == 1


def test_robots_5xx_disallows_the_host_for_the_run(server: LocalServer) -> None:
    server.routes["/robots.txt"] = lambda ex: ex.send(503)
    server.routes["/news/1"] = lambda ex: ex.send(200, b"news")
    url = server.url("/news/1")
    with fetcher_for(server) as fetcher:
        for _ in range(2):
            with pytest.raises(RobotsDisallowed) as caught:
                fetcher.fetch(url)
    assert str(caught.value) == (
        f"{url}: blocked by robots.txt (robots.txt unreachable: HTTP 503 after 3 attempts)"
    )
    assert caught.value.transient
    assert len(server.hits("/robots.txt")) == 3  # one fetch with its retries, then cached
    assert not server.hits("/news/1")


def test_robots_rules_follow_rfc_9309() -> None:
    text = """\ufeff# news site
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /search
Allow: /search/about
Disallow: /*.pdf$
Disallow: /архів/

User-agent: WireWatch
User-agent: other
Disallow: /live/
Allow: /live/ukraine
Crawl-delay: 2.5
"""
    ours = RobotsRules.parse(text, "wirewatch/0.1 (+https://github.com/wirewatch)")
    assert ours.crawl_delay == 2.5
    assert not ours.allows("/live/russia")
    assert ours.allows("/live/ukraine-today")  # the longer Allow wins
    assert ours.allows("/search")  # our own group replaces the * group

    anyone = RobotsRules.parse(text, "somebot/1.0")
    assert not anyone.allows("/search?q=kyiv")
    assert anyone.allows("/search/about")
    assert not anyone.allows("/files/report.pdf")
    assert anyone.allows("/files/report.pdf?download=1")
    assert not anyone.allows("/%D0%B0%D1%80%D1%85%D1%96%D0%B2/2024")
    assert anyone.allows("/robots.txt")
    assert RobotsRules.parse("", "x").allows("/anything")
    assert not RobotsRules.disallow_all("unreachable").allows("/")


def test_crawl_delay_slows_the_host_down(server: LocalServer) -> None:
    server.routes["/robots.txt"] = lambda ex: ex.send(200, b"User-agent: *\nCrawl-delay: 0.3\n")
    server.routes["/a"] = lambda ex: ex.send(200, b"a")
    with fetcher_for(server) as fetcher:
        fetcher.fetch(server.url("/a"))
        fetcher.fetch(server.url("/a"))
    first, second = server.hits("/a")
    assert second.at - first.at >= 0.3


# Manners


def test_requests_to_one_host_keep_the_minimum_interval(server: LocalServer) -> None:
    server.routes["/a"] = lambda ex: ex.send(200, b"a")
    server.routes["/b"] = lambda ex: ex.send(200, b"b")
    with fetcher_for(server, min_interval=0.25) as fetcher:
        fetcher.fetch(server.url("/a"))
        fetcher.fetch(server.url("/b"))
    arrivals = [seen.at for seen in server.requests]
    assert [seen.path for seen in server.requests] == ["/robots.txt", "/a", "/b"]
    assert all(later - earlier >= 0.25 for earlier, later in itertools.pairwise(arrivals))


def test_user_agent_is_sent_as_configured(server: LocalServer) -> None:
    server.routes["/a"] = lambda ex: ex.send(200, b"a")
    with fetcher_for(server, user_agent="wirewatch-test/9 (+mailto:ops@example.org)") as fetcher:
        fetcher.fetch(server.url("/a"))
    agents = {seen.path: seen.headers["user-agent"] for seen in server.requests}
    assert agents == {
        "/robots.txt": "wirewatch-test/9 (+mailto:ops@example.org)",
        "/a": "wirewatch-test/9 (+mailto:ops@example.org)",
    }
    assert FetchPolicy().user_agent == "wirewatch/0.1 (+https://github.com/wirewatch)"


def test_policy_rejects_unusable_values() -> None:
    with pytest.raises(ValueError, match="max_attempts must be positive, got 0"):
        FetchPolicy(max_attempts=0)


def test_retry_after_and_backoff() -> None:
    now = datetime(2025, 11, 24, 10, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Mon, 24 Nov 2025 10:00:30 GMT", now) == 30
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None
    delays = [backoff_delay(retry, 1.0, 5.0) for retry in (1, 2, 3, 4)]
    assert 0.5 <= delays[0] <= 1 and 1 <= delays[1] <= 2 and 2 <= delays[2] <= 4
    assert 2.5 <= delays[3] <= 5
