"""Hostile inputs for every format wirewatch ingests, made on demand.

News files are written by strangers, so every adapter must either read a file
or refuse it with a reason, whatever the bytes: nothing may crash a run, hang
it, eat the machine's memory, or smuggle a file's contents (an XML external
entity) into the warehouse. This module writes such files; the tests that feed
them to the pipeline are in tests/test_hostile_inputs.py.

Everything is generated, so no large file is committed. `hostile_inputs()`
gives file name → bytes (the name's extension only breaks ties, as in
`etl.sources.detect`); `good_inputs()` gives well-formed files in every
format whose articles must come out of a run with hostile company exactly as
they come out of a run alone. A gzip bomb arriving over HTTP is the fetcher's
business and is tested in tests/test_fetch.py (`test_gzip_bomb_is_refused`,
`test_gzip_bomb_is_never_inflated_in_memory`); here a gzip bomb arrives as a file.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import polars as pl

HUGE_LINE_BYTES = 50_000_000
NESTING = 100_000
LONG_HEADLINE = 10_000

# Text a stranger may put in a headline or a body.
SCRIPT = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
EVENT_HANDLERS = '<a href="javascript:alert(1)" onclick="alert(2)">link</a><svg onload="alert(3)">'
CONTROL = "bell\x07 escape\x1b[31m backspace\x08 vertical\x0b form\x0c delete\x7f c1\x85\x9b"
RTL = "\u202ereversed\u202c \u200fright-to-left\u200e \u2066isolate\u2069 \u202bembed\u202c"
INVISIBLE = "zero\u200bwidth\u2060joiner\ufeffbom \u00adsoft"
ZALGO = "Z\u0351\u0352\u0353\u0354a\u0355\u0356l\u0357\u0358g\u0359o" * 20
MARKDOWN = "[click](javascript:alert(1)) ![img](http://127.0.0.1/x.png) **bold** $x^2$ :red[red]"
SQL_TEXT = "'; DROP TABLE core.articles; -- \" OR 1=1"
FORMULA = "=cmd|' /C calc'!A0"
PAYLOADS: dict[str, str] = {
    "script": SCRIPT,
    "handlers": EVENT_HANDLERS,
    "control": CONTROL,
    "rtl": RTL,
    "invisible": INVISIBLE,
    "zalgo": ZALGO,
    "markdown": MARKDOWN,
    "sql": SQL_TEXT,
    "formula": FORMULA,
    "long": "Long " * (LONG_HEADLINE // 5),
}

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title><link>https://laughs.example/</link>
<item><title>&lol9;</title><link>https://laughs.example/1</link>
<pubDate>Mon, 03 Mar 2025 10:00:00 +0000</pubDate><description>&lol9;</description></item>
</channel></rss>
"""
QUADRATIC_BLOWUP = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "'
    + b"A" * 1_000
    + b'">]>\n<rss version="2.0"><channel><title>Blowup</title><item><title>'
    + b"&a;" * 100_000
    + b"</title><pubDate>Mon, 03 Mar 2025 10:00:00 +0000</pubDate></item></channel></rss>\n"
)
# What an external entity would read; a test asserts it never reaches the warehouse.
SECRET_FILE = "/etc/passwd"
XXE_RSS = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{SECRET_FILE}">]>
<rss version="2.0"><channel><title>Leaky Feed</title><link>https://leak.example/</link>
<item><title>Leak &xxe;</title><link>https://leak.example/1</link>
<pubDate>Mon, 03 Mar 2025 10:00:00 +0000</pubDate><description>&xxe;</description></item>
</channel></rss>
""".encode()
XXE_ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file://{SECRET_FILE}">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Leaky Atom</title>
<entry><title>Atom leak</title><id>urn:leak:1</id><link href="https://leak.example/a"/>
<updated>2025-03-03T10:00:00Z</updated><content type="text">&xxe;</content></entry></feed>
""".encode()
XXE_PARAMETER = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % remote SYSTEM "file://{SECRET_FILE}"> %remote;]>
<rss version="2.0"><channel><title>Parameter leak</title>
<item><title>Leak</title><pubDate>Mon, 03 Mar 2025 10:00:00 +0000</pubDate></item>
</channel></rss>
""".encode()
XXE_EXTERNAL_DTD = f"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "file://{SECRET_FILE}">
<rss version="2.0"><channel><title>External DTD</title><link>https://dtd.example/</link>
<item><title>External DTD item</title><link>https://dtd.example/1</link>
<pubDate>Mon, 03 Mar 2025 10:00:00 +0000</pubDate></item>
</channel></rss>
""".encode()


# Well-formed documents, one builder per format; the hostile variants fill them with payloads.


def page_dump(
    headline: str,
    body: str = "The regional administration said air defence was working overnight.",
    when: str = "12:00 03.03.2025",
    outlet: str = "Hostile Wire",
    extra: str = "",
) -> str:
    return f"{outlet}\nNews\n{when}\n\n{headline}\n\n{body}\n\nA second paragraph.\n{extra}"


def markdown_dump(
    title: str,
    body: str = "The regional administration said air defence was working overnight.",
    front: str = "",
    url: str = "https://hostile.example/2025/03/03/story",
) -> str:
    return (
        f"---\ntitle: {json.dumps(title)}\nsource: {url}\ndate: 2025-03-03\n{front}---\n\n"
        f"# {title}\n\n{body}\n\nOfficials said the work would go on through the night.\n"
    )


def html_page(
    title: str,
    body: str = "The regional administration said air defence was working overnight.",
    head: str = "",
    published: str = "2025-03-03T12:00:00+02:00",
    url: str = "https://hostile.example/html/1",
) -> str:
    paragraphs = "".join(
        f"<p>{body} Paragraph {n} of the article goes on with more words.</p>" for n in range(3)
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{published}">'
        f'<meta property="og:site_name" content="Hostile HTML"><link rel="canonical" href="{url}">'
        f"{head}</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def rss_feed(items: list[tuple[str, str, str]], title: str = "Hostile Feed") -> str:
    """RSS 2.0 with (title, description, pubDate) items; the values are put in as given."""
    entries = "".join(
        f"<item><title>{t}</title><link>https://feed.example/{n}</link>"
        f"<guid>https://feed.example/{n}</guid><pubDate>{d}</pubDate>"
        f"<description>{s}</description></item>"
        for n, (t, s, d) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://feed.example/</link>{entries}</channel></rss>"
    )


def jsonl_line(**fields: object) -> str:
    base = {
        "url": "https://jsonl.example/1",
        "outlet": "Hostile JSONL",
        "published_at": "2025-03-03T12:00:00+02:00",
        "headline": "A headline",
        "body": "The regional administration said air defence was working overnight.",
    }
    return json.dumps(base | fields, ensure_ascii=False)


def csv_text(rows: list[dict[str, str]]) -> str:
    frame = pl.DataFrame(rows)
    return frame.write_csv()


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def _escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# The hostile inputs, by format.


def _generic() -> dict[str, bytes]:
    """Files that are nothing in particular, under every extension wirewatch sees."""
    junk = bytes(range(256)) * 64
    found: dict[str, bytes] = {}
    for ext in ("txt", "md", "html", "xml", "csv", "jsonl", "parquet", "gz"):
        found[f"empty.{ext}"] = b""
        found[f"binary.{ext}"] = junk
    found["whitespace.txt"] = b" \n\t\r\n   \n"
    found["bom-only.txt"] = b"\xef\xbb\xbf"
    found["nul-after-4k.txt"] = b"a" * 5000 + b"\x00" * 100 + b"tail"
    found["utf16-no-bom.txt"] = "Kyiv\nNews\n".encode("utf-16-le")
    found["utf16-odd-length.txt"] = b"\xff\xfe" + "Kyiv".encode("utf-16-le") + b"\x00"
    found["invalid-utf8-everywhere.txt"] = b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc" * 500
    found["huge-single-line.txt"] = b"x" * HUGE_LINE_BYTES
    return found


def _page_dumps() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for name, payload in PAYLOADS.items():
        found[f"dump-headline-{name}.txt"] = page_dump(
            f"{name.title()} headline {payload}"
        ).encode()
        found[f"dump-body-{name}.txt"] = page_dump(
            f"Body carries {name} text", body=f"{payload} {payload}"
        ).encode()
    impossible = {
        "month-13": "12:00 01.13.2025",
        "year-0": "12:00 01.01.0000",
        "year-1": "00:00 01.01.0001",
        "year-9999": "23:59 31.12.9999",
        "feb-30": "12:00 30.02.2025",
        "hour-25": "25:00 03.03.2025",
        "minute-99": "12:99 03.03.2025",
        "dst-gap": "03:30 30.03.2025",
        "future": "12:00 01.01.2099",
        "before-1990": "12:00 01.01.1970",
    }
    for name, when in impossible.items():
        found[f"dump-date-{name}.txt"] = page_dump(f"Impossible date {name}", when=when).encode()
    found["dump-listed-impossible-date.txt"] = page_dump(
        "Listed item with an impossible date", extra="MORE ABOUT\n12:00 31.02.2025\nListed\n"
    ).encode()
    found["dump-listed-time-without-headline.txt"] = page_dump(
        "Time with no headline", extra="MORE ABOUT\n12:00 01.03.2025\n"
    ).encode()
    found["dump-duplicate-tags.txt"] = page_dump(
        "Duplicate tags",
        extra="Tags: #war #War #WAR #war,#war;#war\nTags: #war #peace #war\n",
    ).encode()
    found["dump-ten-thousand-tags.txt"] = page_dump(
        "Ten thousand tags", extra="Tags: " + " ".join(f"#t{n % 50}" for n in range(10_000))
    ).encode()
    found["dump-huge-lists.txt"] = page_dump(
        "Huge lists",
        extra="HOT NEWS\n"
        + "".join(f"Hot headline {n}\n" for n in range(20_000))
        + "LATEST\n"
        + "".join(f"Latest headline {n % 7}\n" for n in range(20_000)),
    ).encode()
    found["dump-only-furniture.txt"] = ("AD\n" * 50_000).encode()
    found["dump-cp1251.txt"] = page_dump(
        "Зеленський зустрівся з Умєровим у Києві", body="Президент обговорив оборонні питання."
    ).encode("cp1251")
    found["dump-latin1.txt"] = page_dump(
        "Café owners in Liège and Zürich protest", body="Les propriétaires ont manifesté à Liège."
    ).encode("latin-1")
    good = page_dump("Truncated in the middle of Зеленський").encode()
    found["dump-truncated-utf8.txt"] = good[: good.index("Зеленський".encode()) + 3]
    found["dump-crlf-cr-mixed.txt"] = page_dump("Mixed line ends").replace("\n", "\r").encode()
    found["dump-nul-in-body.txt"] = page_dump("NUL far in", body="a " * 3000 + "\x00 b").encode()
    found["dump-utf16-bom.txt"] = page_dump("UTF-16 with a byte order mark").encode("utf-16")
    found["dump-surrogate-bytes.txt"] = page_dump("Surrogate bytes").encode() + b"\xed\xa0\x80"
    # A 300,000-word paragraph on one line: near-duplicate shingling reads only the
    # first 2,000 words, so it costs what an ordinary article does.
    found["dump-long-body-line.txt"] = page_dump(
        "A long paragraph", body=" ".join(f"word{n}" for n in range(300_000))
    ).encode()
    return found


def _nested(tag: str, depth: int, inner: str = "deep") -> str:
    return f"<{tag}>" * depth + inner + f"</{tag}>" * depth


def _html_pages() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for name, payload in PAYLOADS.items():
        found[f"page-title-{name}.html"] = html_page(
            _escape_xml(f"{name.title()} title {payload}"), url=f"https://hostile.example/t/{name}"
        ).encode()
        found[f"page-body-{name}.html"] = html_page(
            f"Body with {name}", body=payload, url=f"https://hostile.example/b/{name}"
        ).encode()
    found["page-nested-divs.html"] = (
        "<!doctype html><html><head><title>Nested divs all the way down</title></head><body>"
        + _nested("div", NESTING)
        + "</body></html>"
    ).encode()
    found["page-nested-unclosed.html"] = (
        "<html><head><title>Unclosed</title></head><body>" + "<div><b><i>" * NESTING
    ).encode()
    found["page-nested-json-ld.html"] = html_page(
        "Nested JSON-LD",
        head='<script type="application/ld+json">' + "[" * NESTING + "]" * NESTING + "</script>",
        url="https://hostile.example/ld",
    ).encode()
    found["page-big-json-number.html"] = html_page(
        "Big number in JSON-LD",
        head='<script type="application/ld+json">{"a": ' + "9" * 10_000 + "}</script>",
        url="https://hostile.example/num",
    ).encode()
    for name, value in {
        "year-0": "0000-01-01T00:00:00Z",
        "year-1-plus-14": "0001-01-01T00:00:00+14:00",
        "year-9999-minus-14": "9999-12-31T23:59:59-14:00",
        "month-13": "2025-13-01T00:00:00Z",
        "feb-30": "2025-02-30T00:00:00Z",
        "huge-year": "99999999-01-01",
        "garbage": "yesterday-ish",
    }.items():
        found[f"page-date-{name}.html"] = html_page(
            f"Date {name}", published=value, url=f"https://hostile.example/d/{name}"
        ).encode()
    found["page-bad-canonical.html"] = html_page("Broken canonical URL", url="http://[::1").encode()
    found["page-javascript-canonical.html"] = html_page(
        "Javascript canonical URL", url="javascript:alert(1)"
    ).encode()
    found["page-bogus-charset.html"] = (
        html_page("Bogus charset").replace("utf-8", "x-no-such-charset").encode("cp1251")
    )
    found["page-cp1251-undeclared.html"] = (
        html_page("Київ: атака дронів", body="Повітряні сили повідомили про атаку.")
        .replace('<meta charset="utf-8">', "")
        .encode("cp1251")
    )
    found["page-latin1-undeclared.html"] = (
        html_page("Café in Liège", body="Les propriétaires ont manifesté à Liège ce matin.")
        .replace('<meta charset="utf-8">', "")
        .encode("latin-1")
    )
    page = html_page("Truncated page Зеленський").encode()
    found["page-truncated-utf8.html"] = page[: page.index("Зеленський".encode()) + 5]
    found["page-entity-bomb.html"] = (
        BILLION_LAUGHS.replace(b"<rss", b"<html").replace(b"rss>", b"html>")
        + b"<html><head><title>x</title></head></html>"
    )
    found["page-only-script.html"] = (
        b"<html><head><title>Script only</title></head><body><script>"
        + b"var x = 1;" * 10_000
        + b"</script></body></html>"
    )
    return found


def _feeds() -> dict[str, bytes]:
    found: dict[str, bytes] = {
        "feed-billion-laughs.xml": BILLION_LAUGHS,
        "feed-quadratic-blowup.xml": QUADRATIC_BLOWUP,
        "feed-xxe.rss": XXE_RSS,
        "feed-xxe-atom.xml": XXE_ATOM,
        "feed-xxe-parameter.xml": XXE_PARAMETER,
        "feed-external-dtd.xml": XXE_EXTERNAL_DTD,
    }
    date = "Mon, 03 Mar 2025 10:00:00 +0000"
    for name, payload in PAYLOADS.items():
        escaped = _escape_xml(payload)
        found[f"feed-{name}.xml"] = rss_feed(
            [(f"{name} {escaped}", escaped, date), (f"Plain {name}", f"Text {escaped}", date)],
            title=f"Feed {name}",
        ).encode("utf-8", errors="surrogatepass")
    for name, value in {
        "year-0": "Mon, 01 Jan 0000 00:00:00 +0000",
        "year-1": "Mon, 01 Jan 0001 00:00:00 +1400",
        "feb-30": "Sun, 30 Feb 2025 10:00:00 +0000",
        "month-13": "2025-13-01T10:00:00Z",
        "year-9999": "Fri, 31 Dec 9999 23:59:59 -1400",
        "empty": "",
    }.items():
        found[f"feed-date-{name}.xml"] = rss_feed(
            [(f"Date {name}", "Text", value)], title=f"Dates {name}"
        ).encode()
    found["feed-nested-content.xml"] = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Deep</title>'
        f"<item><title>Deep content</title><link>https://deep.example/1</link><pubDate>{date}"
        f"</pubDate><content:encoded><![CDATA[{_nested('div', NESTING)}]]></content:encoded>"
        "</item></channel></rss>"
    ).encode()
    found["feed-nested-xml.xml"] = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Deep XML</title><item>'
        f"<title>Deep XML</title><pubDate>{date}</pubDate>"
        + _nested("x", NESTING)
        + "</item></channel></rss>"
    ).encode()
    found["feed-surrogate-charref.xml"] = rss_feed(
        [("Surrogate &#xD800; in title", "&#xDFFF; body", date)], title="Surrogates"
    ).encode()
    found["feed-control-charref.xml"] = rss_feed(
        [("Control &#x1; &#x1b; in title", "&#0; body", date)], title="Control refs"
    ).encode()
    found["feed-javascript-link.xml"] = (
        rss_feed([("Javascript link", "Text", date)], title="Links")
        .replace("https://feed.example/0", "javascript:alert(1)")
        .encode()
    )
    found["feed-broken-link.xml"] = (
        rss_feed([("Broken link", "Text", date)], title="Broken links")
        .replace("https://feed.example/0", "http://[::1")
        .encode()
    )
    found["feed-cp1251-undeclared.xml"] = (
        rss_feed([("Атака дронів на Київ", "Повітряні сили повідомили про атаку.", date)])
        .replace(' encoding="utf-8"', "")
        .encode("cp1251")
    )
    found["feed-latin1-undeclared.xml"] = (
        rss_feed([("Café owners protest in Liège", "Les propriétaires ont manifesté.", date)])
        .replace(' encoding="utf-8"', "")
        .encode("latin-1")
    )
    feed = rss_feed([("Truncated Зеленський feed", "Text", date)]).encode()
    found["feed-truncated-utf8.xml"] = feed[: feed.index("Зеленський".encode()) + 3]
    found["feed-no-title-no-link.xml"] = (
        b'<rss version="2.0"><channel><item><title>Orphan</title></item></channel></rss>'
    )
    found["feed-ten-thousand-items.xml"] = rss_feed(
        [(f"Item {n % 10}", "Same text", date) for n in range(10_000)], title="Many items"
    ).encode()
    return found


def _jsonl() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    lines = [
        jsonl_line(url=f"https://jsonl.example/{name}", headline=payload, body=payload)
        for name, payload in PAYLOADS.items()
    ]
    found["lines-payloads.jsonl"] = "\n".join(lines).encode()
    hostile_lines = [
        jsonl_line(url="https://jsonl.example/first", headline="A line before the hostile ones"),
        "[" * NESTING + "]" * NESTING,
        '{"a": ' + "[" * NESTING + "]" * NESTING + "}",
        '{"headline": "big", "n": ' + "9" * 10_000 + "}",
        jsonl_line(url="https://jsonl.example/s")[:-1] + ', "headline": "\\ud800 lone"}',
        jsonl_line(url="https://jsonl.example/s2", body="\\udfff")[:-1] + "}",
        (
            '{"headline": "\\u0000 nul escape", "url": "https://jsonl.example/nul", '
            '"outlet": "Hostile JSONL", "published_at": "2025-03-03T12:00:00Z"}'
        ),
        jsonl_line(url="http://[::1", headline="Broken URL"),
        jsonl_line(url="https://jsonl.example/y0", published_at="0000-01-01T00:00:00Z"),
        jsonl_line(url="https://jsonl.example/y1", published_at="0001-01-01T00:00:00+14:00"),
        jsonl_line(url="https://jsonl.example/y1b", published_at="0001-01-01"),
        jsonl_line(url="https://jsonl.example/y9", published_at="9999-12-31T23:59:59-14:00"),
        jsonl_line(url="https://jsonl.example/m13", published_at="2025-13-01"),
        jsonl_line(url="https://jsonl.example/f30", published_at="2025-02-30T10:00:00Z"),
        jsonl_line(url="https://jsonl.example/num", published_at=1e308),
        jsonl_line(url="https://jsonl.example/tags", tags=["war"] * 1000 + ["WAR", " war "]),
        jsonl_line(url="https://jsonl.example/tagobj", tags={"a": 1}),
        jsonl_line(url="https://jsonl.example/headnum", headline=12),
        jsonl_line(url="https://jsonl.example/infinity")[:-1] + ', "x": Infinity}',
        "NaN",
        '"just a string"',
        "{",
        jsonl_line(url="https://jsonl.example/empty", headline="", body="", lead=""),
    ]
    found["lines-hostile.jsonl"] = "\n".join(hostile_lines).encode() + b"\n\xff\xfe not utf-8\n"
    found["lines-invalid-utf8.jsonl"] = (
        jsonl_line(url="https://jsonl.example/iu").encode()[:-5] + b'\xc3\x28"}\n'
    )
    found["lines-cp1251.jsonl"] = (
        jsonl_line(url="https://jsonl.example/cp", headline="Атака дронів на Київ") + "\n"
    ).encode("cp1251")
    found["lines-huge-line.jsonl"] = (
        b'{"url": "https://jsonl.example/huge", "headline": "' + b"h" * 20_000_000 + b'"\n'
    )
    return found


def _csv() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    base = {
        "title": "A headline",
        "body": "The regional administration said air defence was working overnight.",
        "published": "2025-03-03T12:00:00+02:00",
        "url": "https://csv.example/1",
        "outlet": "Hostile CSV",
    }
    rows = [
        base | {"title": payload, "body": payload, "url": f"https://csv.example/{name}"}
        for name, payload in PAYLOADS.items()
    ]
    found["table-payloads.csv"] = csv_text(rows).encode()
    found["table-header-only.csv"] = b"title,body,published\n"
    found["table-no-usable-columns.csv"] = b"a,b,c\n1,2,3\n4,5,6\n"
    found["table-ragged.csv"] = b"title,published,outlet\nA,2025-03-03,X,extra,extra\nB\n"
    found["table-unterminated-quote.csv"] = b'title,published,outlet\n"A,2025-03-03,X\nB,C,D\n'
    found["table-duplicate-columns.csv"] = b"title,title,published\nA,B,2025-03-03\n"
    found["table-ten-thousand-columns.csv"] = (
        ",".join(f"c{n}" for n in range(10_000)) + "\n" + ",".join("x" * 10_000) + "\n"
    ).encode()
    found["table-deep-tags.csv"] = (
        "title,published,outlet,tags\nDeep tags,2025-03-03T12:00:00Z,X,"
        + '"'
        + "[" * NESTING
        + "]" * NESTING
        + '"\n'
    ).encode()
    found["table-python-literal-tags.csv"] = (
        b"title,published,outlet,tags\nLiteral tags,2025-03-03T12:00:00Z,X,"
        b"\"[__import__('os').system('touch /tmp/pwned')]\"\n"
    )
    found["table-dates.csv"] = (
        "title,published,outlet\n"
        + "".join(
            f"Date {n},{d},X\n"
            for n, d in enumerate(
                ["0000-01-01", "0001-01-01", "2025-13-01", "2025-02-30", "9999-12-31T23:59-14:00"]
            )
        )
    ).encode()
    found["table-cp1251.csv"] = (
        "title,body,published,outlet\nАтака дронів,Повітряні сили,2025-03-03T12:00:00Z,Вісті\n"
    ).encode("cp1251")
    found["table-latin1.csv"] = (
        "title,body,published,outlet\nCafé à Liège,Les propriétaires,2025-03-03T12:00:00Z,Le Soir\n"
    ).encode("latin-1")
    found["table-huge-cell.csv"] = (
        b"title,published,outlet\n" + b"y" * (HUGE_LINE_BYTES // 5) + b",2025-03-03,X\n"
    )
    found["table-broken-url.csv"] = b"title,published,outlet,url\nBroken,2025-03-03,X,http://[::1\n"
    return found


def _parquet() -> dict[str, bytes]:
    good = pl.DataFrame(
        {
            "headline": [f"Parquet {name} {payload}" for name, payload in PAYLOADS.items()],
            "body": list(PAYLOADS.values()),
            "published_at": [datetime(2025, 3, 3, 12, n) for n in range(len(PAYLOADS))],
            "outlet": ["Hostile Parquet"] * len(PAYLOADS),
        }
    )
    valid = parquet_bytes(good)
    found: dict[str, bytes] = {
        "columns-payloads.parquet": valid,
        "columns-truncated.parquet": valid[: len(valid) // 2],
        "columns-magic-only.parquet": b"PAR1" + b"\x00" * 100 + b"PAR1",
        "columns-magic-junk.parquet": b"PAR1" + bytes(range(256)) * 8,
        "columns-nested.parquet": parquet_bytes(
            pl.DataFrame(
                {
                    "headline": [[1, 2], [3]],
                    "body": [{"a": 1}, {"a": 2}],
                    "published_at": [date(2025, 3, 3), date(2025, 3, 4)],
                    "outlet": ["X", "X"],
                }
            )
        ),
        "columns-binary.parquet": parquet_bytes(
            pl.DataFrame(
                {
                    "headline": [b"\x00\xff", b"ok"],
                    "published_at": ["2025-03-03", "2025-03-03"],
                    "outlet": ["X", "X"],
                }
            )
        ),
        "columns-extreme-dates.parquet": parquet_bytes(
            pl.DataFrame(
                {
                    "headline": ["Year one", "Year 9999", "Null date"],
                    "published_at": [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), None],
                    "outlet": ["X", "X", "X"],
                }
            )
        ),
        "columns-no-rows.parquet": parquet_bytes(
            pl.DataFrame(
                {"headline": [], "published_at": [], "outlet": []},
                schema={"headline": pl.String, "published_at": pl.String, "outlet": pl.String},
            )
        ),
        "columns-numbers.parquet": parquet_bytes(
            pl.DataFrame(
                {"headline": [1.5, float("nan")], "published_at": [1, 2], "outlet": [3, 4]}
            )
        ),
    }
    return found


def _markdown() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for name, payload in PAYLOADS.items():
        found[f"md-{name}.md"] = markdown_dump(
            f"{name} {payload}",
            body=f"{payload} and the text goes on for a while.",
            url=f"https://hostile.example/2025/03/03/{name}",
        ).encode()
    laughs = ""
    for n in range(10):
        member = f"*l{n - 1}" if n else "lol"
        laughs += f"l{n}: &l{n} [{', '.join([member] * 9)}]\n"
    found["md-yaml-billion-laughs.md"] = (
        f"---\n{laughs}source: https://md.example/laughs\ntitle: *l9\nsection: *l9\ntags: *l9\nlang: *l9\ndate: 2025-03-03\n---\n\n"
        "Some text that reads as a sentence of prose for the dump.\n"
    ).encode()
    found["md-yaml-deep.md"] = (
        "---\ntitle: " + "[" * 1_000 + "]" * 1_000 + "\ndate: 2025-03-03\n---\n\nText.\n"
    ).encode()
    found["md-yaml-python-tag.md"] = (
        b"---\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned']\n"
        b"date: 2025-03-03\n---\n\nText.\n"
    )
    found["md-yaml-surrogate.md"] = (
        b'---\ntitle: "\\ud800 lone"\ndate: 2025-03-03\nsource: https://md.example/s\n---\n\n'
        b"Some text that reads as a sentence of prose for the dump.\n"
    )
    found["md-yaml-not-mapping.md"] = b"---\n- a\n- b\n---\n\nText.\n"
    found["md-yaml-invalid.md"] = b"---\ntitle: [unclosed\n---\n\nText.\n"
    found["md-unclosed-front-matter.md"] = b"---\ntitle: x\n\n# Heading\n\nText.\n"
    for name, value in {
        "year-0": "0000-01-01",
        "year-1": "0001-01-01",
        "feb-30": "2025-02-30",
        "month-13": "2025-13-01",
        "datetime-plus-14": "0001-01-01T00:00:00+14:00",
        "number": "12345678901234567890",
        "list": "[2025, 3, 3]",
    }.items():
        found[f"md-date-{name}.md"] = (
            markdown_dump(f"Date {name}", url=f"https://hostile.example/{name}")
            .replace("date: 2025-03-03", f"date: {value}")
            .encode()
        )
    found["md-broken-url.md"] = markdown_dump("Broken URL", url="http://[::1").encode()
    found["md-url-date-impossible.md"] = (
        markdown_dump("URL date", url="https://hostile.example/2025/02/30/x")
        .replace("date: 2025-03-03\n", "")
        .encode()
    )
    found["md-nested-links.md"] = markdown_dump(
        "Nested links", body="[" * 20_000 + "x" + "](y)" * 20_000
    ).encode()
    found["md-backtracking.md"] = markdown_dump(
        "Backtracking", body="[a](" + "(" * 50_000 + " " * 50_000
    ).encode()
    found["md-many-lines.md"] = markdown_dump(
        "Many lines", body="\n".join(f"- item {n}" for n in range(100_000))
    ).encode()
    found["md-cp1251.md"] = markdown_dump(
        "Атака дронів на Київ", body="Повітряні сили повідомили про атаку дронів на Київ вночі."
    ).encode("cp1251")
    found["md-latin1.md"] = markdown_dump(
        "Café owners in Liège protest", body="Les propriétaires ont manifesté à Liège ce matin."
    ).encode("latin-1")
    return found


def _gzip() -> dict[str, bytes]:
    dump = page_dump("Gzipped page dump with a script " + _escape_xml(SCRIPT)).encode()
    whole = gzip.compress(dump)
    return {
        "gz-truncated.txt.gz": whole[: len(whole) // 2],
        "gz-corrupt-crc.txt.gz": whole[:-8] + b"\x00" * 8,
        "gz-nested.txt.gz": gzip.compress(whole),
        "gz-bomb.html.gz": gzip.compress(b"<html>" + b" " * 80_000_000, compresslevel=9),
        "gz-magic-only.gz": b"\x1f\x8b",
        "gz-hostile-dump.txt.gz": whole,
    }


GENERATORS: tuple[Callable[[], dict[str, bytes]], ...] = (
    _generic,
    _page_dumps,
    _html_pages,
    _feeds,
    _jsonl,
    _csv,
    _parquet,
    _markdown,
    _gzip,
)


def hostile_inputs() -> dict[str, bytes]:
    """Every hostile input, file name → bytes (names are unique across formats)."""
    found: dict[str, bytes] = {}
    for generate in GENERATORS:
        made = generate()
        assert not set(made) & set(found), set(made) & set(found)
        found |= made
    return found


def good_inputs() -> dict[str, bytes]:
    """Well-formed files, one or more articles each, in every format."""
    date_rfc = "Tue, 04 Mar 2025 09:00:00 +0000"
    return {
        "good-dump.txt": page_dump(
            "Air defence repels a drone attack on Kyiv",
            body="Air defence units destroyed most of the drones, the city administration said.",
            outlet="Good Wire",
            when="09:15 04.03.2025",
        ).encode(),
        "good-dump-uk.txt": page_dump(
            "Сили ППО відбили атаку дронів на Київ",
            body="Більшість дронів знищено, повідомила міська адміністрація.",
            outlet="Good Wire",
            when="10:15 04.03.2025",
        ).encode("utf-8"),
        "good-page.html": html_page(
            "Talks on a prisoner exchange resume in Istanbul",
            body="Delegations met again on Tuesday to discuss a further prisoner exchange.",
            published="2025-03-04T11:00:00+02:00",
            url="https://good.example/html/exchange",
        )
        .replace("Hostile HTML", "Good HTML")
        .encode(),
        "good-feed.xml": rss_feed(
            [
                (
                    "Grain corridor ships leave Odesa",
                    "Three ships left the port on Tuesday.",
                    date_rfc,
                ),
                (
                    "Energy workers restore power in Kharkiv",
                    "Power returned to most homes.",
                    date_rfc,
                ),
            ],
            title="Good Feed",
        )
        .replace("feed.example", "good-feed.example")
        .encode(),
        "good-lines.jsonl": (
            jsonl_line(
                url="https://good-jsonl.example/1",
                outlet="Good JSONL",
                headline="Parliament passes the budget amendment",
                body="The Verkhovna Rada passed the amendment in the second reading.",
            )
            + "\n"
            + jsonl_line(
                url="https://good-jsonl.example/2",
                outlet="Good JSONL",
                headline="Sanctions package adopted",
                body="The package targets shipping and banks.",
            )
            + "\n"
        ).encode(),
        "good-table.csv": csv_text(
            [
                {
                    "title": "Rail link to Poland reopens",
                    "body": "Trains run again after repairs, the operator said.",
                    "published": "2025-03-04T13:00:00+02:00",
                    "url": "https://good-csv.example/rail",
                    "outlet": "Good CSV",
                }
            ]
        ).encode(),
        "good-columns.parquet": parquet_bytes(
            pl.DataFrame(
                {
                    "headline": ["Drone factory opens in the west"],
                    "body": ["The plant will make long-range drones, the ministry said."],
                    "published_at": ["2025-03-04T14:00:00+02:00"],
                    "outlet": ["Good Parquet"],
                    "url": ["https://good-parquet.example/factory"],
                }
            )
        ),
        "good-dump.md": markdown_dump(
            "Mine clearing teams return to the fields of Kharkiv region",
            body="Mine clearing teams returned to farmland in Kharkiv region on Tuesday, officials said.",
            url="https://good-md.example/2025/03/04/mines",
            front="site: Good Markdown\n",
        ).encode(),
        "good-dump.txt.gz": gzip.compress(
            page_dump(
                "Railway workers repair the bridge near Izium",
                body="The bridge will reopen next week, the railway company said.",
                outlet="Good Wire",
                when="16:00 04.03.2025",
            ).encode()
        ),
    }


def write_inputs(inputs: dict[str, bytes], folder: Path) -> list[Path]:
    """Write each input under its name in `folder`; the paths, in name order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in sorted(inputs.items()):
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
