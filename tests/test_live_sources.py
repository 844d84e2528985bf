"""Polling live sources end to end: a local site serves a feed and its article pages,
`wirewatch run` lands both, and the article's text replaces the feed stub."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fetch_server import Exchange, LocalServer
from warehouse.connect import open_published
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline

ARTICLE_HTML = """<!doctype html><html lang="en"><head>
<title>Sappers clear fields near Izium - Test Wire</title>
<meta property="og:site_name" content="Test Wire">
<meta property="article:published_time" content="2025-04-02T10:15:00+03:00">
<link rel="canonical" href="{url}">
</head><body><article><h1>Sappers clear fields near Izium</h1>
<p>Sappers of the State Emergency Service cleared another forty hectares of farmland near Izium
this week, the regional administration said on Wednesday.</p>
<p>The teams found and destroyed more than two hundred explosive objects, most of them artillery
shells and cluster munitions left after the occupation of the district.</p>
<p>Farmers whose fields have been checked will be able to start spring sowing on time.</p>
</article></body></html>"""


def _feed(server: LocalServer) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>{server.url("/")}</link>
<language>en</language>
<item><title>Sappers clear fields near Izium</title>
<link>{server.url("/news/izium-sappers")}</link>
<description>Forty hectares of farmland cleared.</description>
<pubDate>Wed, 02 Apr 2025 10:15:00 +0300</pubDate></item>
<item><title>Page that is gone</title><link>{server.url("/news/gone")}</link>
<description>This page returns 404.</description>
<pubDate>Wed, 02 Apr 2025 11:00:00 +0300</pubDate></item>
</channel></rss>""".encode()


@pytest.fixture
def site():
    server = LocalServer()

    @server.route("/feed.xml")
    def feed(exchange: Exchange) -> None:
        if exchange.headers.get("if-none-match") == '"v1"':
            exchange.send(304)
        else:
            exchange.send(
                200, _feed(server), {"Content-Type": "application/rss+xml", "ETag": '"v1"'}
            )

    @server.route("/news/izium-sappers")
    def article(exchange: Exchange) -> None:
        body = ARTICLE_HTML.format(url=server.url("/news/izium-sappers")).encode()
        exchange.send(200, body, {"Content-Type": "text/html; charset=utf-8"})

    with server.running():
        yield server


def _home(tmp_path: Path, site: LocalServer) -> Home:
    home = Home.resolve(tmp_path / "home").prepare()
    home.sources_yaml.write_text(
        f"""sources:
  - name: test-wire
    kind: feed
    url: {site.url("/feed.xml")}
    outlet: Test Wire
fetch:
  min_interval_s: 0
  allow_private_addresses: true
""",
        encoding="utf-8",
    )
    return home


def test_a_poll_lands_the_feed_and_the_pages_it_links(tmp_path: Path, site: LocalServer) -> None:
    home = _home(tmp_path, site)
    summary = run_pipeline(home)
    assert summary.files == 2  # the feed and the one page that answered
    assert summary.quarantined == 0

    con = open_published(home)
    rows = con.sql("""
        SELECT headline, has_body, url, published_at, outlet FROM core.articles ORDER BY headline
    """).fetchall()
    assert [(r[0], r[1]) for r in rows] == [
        ("Page that is gone", False),
        ("Sappers clear fields near Izium", True),
    ]
    assert str(rows[1][3]) == "2025-04-02 07:15:00+00:00"
    log = dict(con.sql("SELECT url, outcome FROM ops.fetch_log").fetchall())
    assert log[site.url("/news/gone")] == "failed"
    assert log[site.url("/news/izium-sappers")] == "fetched"
    reason = con.sql("SELECT reason FROM ops.fetch_log WHERE outcome = 'failed'").fetchone()[0]
    assert "404" in reason
    versions = con.sql("""
        SELECT count(*) FROM core.article_versions v JOIN core.articles a USING (article_id)
        WHERE a.headline = 'Sappers clear fields near Izium'
    """).fetchone()[0]
    assert versions == 2  # the feed item and the page
    con.close()


def test_the_next_poll_is_conditional_and_refetches_nothing(
    tmp_path: Path, site: LocalServer
) -> None:
    home = _home(tmp_path, site)
    run_pipeline(home)
    second = run_pipeline(home)
    assert second.files == 0
    feed_hits = site.hits("/feed.xml")
    assert len(feed_hits) == 2 and feed_hits[1].headers.get("if-none-match") == '"v1"'
    assert len(site.hits("/news/izium-sappers")) == 1
    assert site.requests[0].headers["user-agent"].startswith("wirewatch/")


def test_only_configured_hosts_are_fetched(tmp_path: Path, site: LocalServer) -> None:
    home = _home(tmp_path, site)
    text = home.sources_yaml.read_text().replace("127.0.0.1", "localhost")
    home.sources_yaml.write_text(text)  # the feed's links still point at 127.0.0.1
    run_pipeline(home)
    con = open_published(home)
    refused = con.sql("SELECT reason FROM ops.fetch_log WHERE outcome = 'failed'").fetchall()
    con.close()
    assert refused and all("not in" in r[0] or "allowed" in r[0] for r in refused)
    assert site.hits("/news/izium-sappers") == []
