"""Adapter for saved HTML article pages: one page, one article.

A news page is mostly furniture (menus, teasers, share buttons, comments), so
the article text is found by trafilatura. It runs in precision mode with
comments left out: on the article-extraction benchmark (`python -m
bench.extraction`, results in docs/extraction.md) that scores the highest F1,
because the related-story lists and reprint notices it drops outweigh the few
sentences it loses. Balanced mode is the fallback when precision finds nothing.

Metadata comes from what the page declares, most explicit first. trafilatura's
date (htmldate) is a bare day, while outlets state the minute and its offset in
`article:published_time`, JSON-LD `datePublished` or `<time datetime>`; those
are read here and trafilatura's day is the last resort. Bytes are decoded with
the page's `<meta charset>` when they are not UTF-8, so a cp1251 page is read
as declared rather than guessed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document

from etl.clean.encoding import decode_text
from etl.clean.timezones import HAS_TIME, LocalTimeError, parse_published
from etl.sources.records import ArticleRecord, Item, SourceError, SourceHints

MEDIA_TYPE = "text/html"

# Measured on the benchmark: precision without comments beats the defaults (see module doc).
PRECISE = {"favor_precision": True, "include_comments": False, "include_tables": True}
BALANCED = {"include_comments": False, "include_tables": True}
MIN_RESCUED_CHARS = 250  # trafilatura's own MIN_EXTRACTED_SIZE

# Where a page states its publication time. The first names are the standards
# (Open Graph, schema.org microdata); the rest are common CMS conventions.
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "article_date_original",
    "dc.date.issued",
    "dcterms.created",
    "date",
)
TIME_XPATHS = (
    "//time[@itemprop='datePublished']/@datetime",
    "//*[@itemprop='datePublished']/@datetime",
    "//*[@itemprop='datePublished'][not(self::meta)]/@content",
    "//time[@pubdate]/@datetime",
    "//article//time/@datetime",
    "//time/@datetime",
)
# A CMS's empty date (0001-01-01) is not a publication time.
EARLIEST_PUBLISHED = datetime(1995, 1, 1, tzinfo=UTC)
# Placeholders templates print when a CMS field is empty.
NOT_TAGS = frozenset({"null", "none", "undefined", "nan"})
# WHATWG: these labels mean windows-1252 in HTML.
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||»|::|·|-{1,2}|–|—)\s+")
_SPACES = re.compile(r"\s+")


class HtmlPageError(SourceError):
    """The page cannot become an article; the message says what is missing."""


class NoArticleText(HtmlPageError):
    """No article text was found among the page's furniture."""


class NoHeadline(HtmlPageError):
    """The page has no title, og:title or h1."""


class NoPublicationDate(HtmlPageError):
    """The page states no publication date wirewatch can read."""


def decode_html(data: bytes) -> str:
    """The page as text: UTF-8 when the bytes are UTF-8, else its declared charset.

    Bytes that decode as UTF-8 are UTF-8 whatever the page claims (legacy text
    is practically never valid UTF-8 by accident, and templates often keep a
    stale declaration). Otherwise the `<meta charset>` decides; without one, or
    when it does not fit the bytes, charset detection (`decode_text`) does.
    """
    declared = _META_CHARSET.search(data[:16384])
    if declared and data.strip():
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        label = declared.group(1).decode("ascii", errors="replace").lower()
        try:
            return data.decode(CHARSET_ALIASES.get(label, label))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)[0]


def _clean(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _load(html: str | HtmlElement) -> HtmlElement | None:
    return html if isinstance(html, HtmlElement) else trafilatura.load_html(html)


def _extract(tree: HtmlElement, url: str | None, with_metadata: bool) -> Document | None:
    """trafilatura's result in precision mode, or balanced mode when that finds no text.

    A short balanced result on a page where precision found nothing is
    furniture (a cookie notice), not an article, so the rescue must be long.
    """
    document = trafilatura.bare_extraction(tree, url=url, with_metadata=with_metadata, **PRECISE)
    if isinstance(document, Document) and (document.text or "").strip():
        return document
    rescue = trafilatura.bare_extraction(tree, url=url, with_metadata=with_metadata, **BALANCED)
    if isinstance(rescue, Document) and len((rescue.text or "").strip()) >= MIN_RESCUED_CHARS:
        return rescue
    return document if isinstance(document, Document) else None


def _paragraphs(document: Document | None) -> list[str]:
    if document is None:
        return []
    return [p for p in (_clean(line) for line in (document.text or "").splitlines()) if p]


def extract_text(html: str | HtmlElement, url: str | None = None) -> str:
    """The article text of a page, paragraphs separated by blank lines; "" when there is none.

    This is the body extraction of `parse_items` without its metadata
    requirements, so the benchmark can score pages that state no date.
    """
    tree = _load(html)
    if tree is None:
        return ""
    return "\n\n".join(_paragraphs(_extract(tree, url, with_metadata=False)))


def _meta(tree: HtmlElement, *keys: str) -> list[str]:
    """Contents of `<meta>` tags whose property, name or itemprop is one of `keys`, in key order."""
    rank = {k.lower(): i for i, k in enumerate(keys)}
    found = []
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        i = rank.get(key.strip().lower())
        if i is not None and (content := _clean(element.get("content") or "")):
            found.append((i, content))
    return [content for _, content in sorted(found, key=lambda pair: pair[0])]


def _json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, `@graph` members and nested lists flattened."""
    found: list[dict[str, Any]] = []

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for member in value:
                walk(member)
        elif isinstance(value, dict):
            found.append(value)
            walk(value.get("@graph"))

    for script in tree.xpath("//script[@type='application/ld+json']"):
        text = (script.text or "").strip().removeprefix("<![CDATA[").removesuffix("]]>")
        try:
            walk(json.loads(text.strip().rstrip(";"), strict=False))
        except (ValueError, RecursionError):
            continue  # broken (or absurdly nested) JSON-LD is common; other metadata still count
    return found


def _is_article(node: dict[str, Any]) -> bool:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.endswith(("Article", "Posting")) for k in kinds)


def _stated_dates(tree: HtmlElement, ld: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
    """(where, value) for each publication time the page's metadata states, most trusted first."""
    for value in _meta(tree, *PUBLISHED_META):
        yield "publication meta", value
    for node in sorted(ld, key=lambda n: not _is_article(n)):
        if isinstance(value := node.get("datePublished"), str):
            yield "JSON-LD datePublished", value


def _time_elements(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    """(where, value) for `<time datetime>` and microdata, the article's own first."""
    for xpath in TIME_XPATHS:
        for value in tree.xpath(xpath):
            yield "<time datetime>", str(value)


def read_published(value: str, tz_name: str) -> tuple[datetime, datetime | None]:
    """`parse_published` for a page's date string, refusing what would be read wrongly.

    Zone abbreviations are read as parse_published reads them (`7:47 PM EST`;
    `IST` refused). Dates before 1995 (CMS placeholders such as 0001-01-01) and
    more than a day ahead are refused too. Raises LocalTimeError saying why.
    """
    published, local = parse_published(value, tz_name)
    if not EARLIEST_PUBLISHED <= published <= datetime.now(UTC) + timedelta(days=1):
        raise LocalTimeError(f"implausible publication time {value!r}")
    return published, local


def _best_date(
    candidates: Iterator[tuple[str, str]], tz_name: str, unreadable: list[str]
) -> tuple[datetime, datetime | None] | None:
    """The most precise readable value: a time with its offset, else a time, else a day.

    Pages often state the same moment twice, once without the offset (read in
    `tz_name`, a guess) and once with it; the one with the offset is exact.
    """
    best: tuple[int, tuple[datetime, datetime | None]] | None = None
    for where, value in candidates:
        try:
            parsed = read_published(value, tz_name)
        except (LocalTimeError, OverflowError) as exc:
            unreadable.append(f"{where} {value[:40]!r} ({exc})")
            continue
        rank = 2 if not HAS_TIME.search(value) else 0 if parsed[1] is None else 1
        if rank == 0:
            return parsed
        if best is None or rank < best[0]:
            best = (rank, parsed)
    return best[1] if best else None


def _published(
    tree: HtmlElement, ld: list[dict[str, Any]], document: Document, tz_name: str
) -> tuple[datetime, datetime | None]:
    """(UTC time, local wall time or None) of the page's publication.

    Metadata first, then `<time>` elements (which also date comments and
    teasers, so they come second), then trafilatura's day as midnight in `tz_name`.
    """
    unreadable: list[str] = []
    found = _best_date(_stated_dates(tree, ld), tz_name, unreadable) or _best_date(
        _time_elements(tree), tz_name, unreadable
    )
    if found is not None:
        return found
    if document.date:
        try:
            return read_published(document.date, tz_name)
        except LocalTimeError:
            unreadable.append(f"trafilatura's date {document.date!r}")
    if unreadable:
        raise NoPublicationDate(f"no readable publication date: {', '.join(unreadable)}")
    raise NoPublicationDate(
        "no publication date found: looked for article:published_time, JSON-LD "
        "datePublished, <time datetime> and trafilatura's date"
    )


def _headline(tree: HtmlElement, document: Document) -> str:
    """The page title without the site name a `<title>` or og:title adds to it.

    When the title contains the page's `<h1>` (and the h1 is most of it), the
    h1 is the headline; otherwise short trailing segments after a separator
    (`Headline | Site`, `Headline » Section » Site`) are dropped.
    """
    title = _clean(document.title or "")
    headings = [_clean(h.text_content()) for h in tree.iter("h1")][:5]
    for h1 in headings:
        if h1 and len(h1.split()) >= 3 and h1 in title and len(h1) * 2 >= len(title):
            return h1
    parts = _TITLE_SEPARATOR.split(title)
    decoration = parts[1:]
    if decoration and len(parts[0].split()) >= 4 and all(len(p.split()) <= 4 for p in decoration):
        return parts[0]
    return title or next((h for h in headings if h), "")


def _http_url(value: str, base: str | None = None) -> str | None:
    """`value` made absolute against `base` when it is an http(s) URL; None when it is not one."""
    try:
        url = urljoin(base or "", value.strip())
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": not a URL at all
        return None
    return url if parts.scheme in {"http", "https"} and parts.netloc else None


def _url(tree: HtmlElement, document: Document, hints: SourceHints) -> str | None:
    """The page's canonical URL (absolute), else og:url, else the URI it was read from."""
    base = _http_url(hints.uri)
    stated = tree.xpath("//link[@rel='canonical']/@href") + _meta(tree, "og:url")
    for value in stated:
        if url := _http_url(str(value), base):
            return url
    return base or _http_url(document.url or "")


def _tags(tree: HtmlElement, ld: list[dict[str, Any]], document: Document) -> tuple[str, ...]:
    """article:tag, JSON-LD keywords, keywords meta and trafilatura's tags: lower case, once."""
    found: list[str] = list(_meta(tree, "article:tag"))
    for node in ld:
        if _is_article(node):
            keywords = node.get("keywords")
            found += keywords if isinstance(keywords, list) else [keywords or ""]
    found += _meta(tree, "news_keywords", "keywords") + list(document.tags or [])
    terms = (
        _clean(t).casefold() for value in found if isinstance(value, str) for t in value.split(",")
    )
    return tuple(dict.fromkeys(t for t in terms if t and t not in NOT_TAGS))


def _lang(tree: HtmlElement, document: Document) -> str | None:
    """The primary language subtag (`uk` for `uk-UA`) from `<html lang>` or trafilatura."""
    stated = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    stated = stated or (_meta(tree, "og:locale") or [""])[0] or document.language or ""
    primary = re.split(r"[-_]", stated.strip().lower())[0]
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _outlet(tree: HtmlElement, document: Document, url: str | None, hints: SourceHints) -> str:
    """The configured outlet, else the site name the page gives, else its host."""
    if hints.outlet:
        return hints.outlet
    for candidate in (*_meta(tree, "og:site_name"), document.sitename or ""):
        if candidate := _clean(candidate):
            return (_host(candidate) or candidate) if "//" in candidate else candidate
    if host := _host(url or ""):
        return host
    raise HtmlPageError(
        "no outlet: the page has no og:site_name or URL; set `outlet` for this source"
    )


def parse_page(data: bytes, hints: SourceHints) -> ArticleRecord:
    """The article of one HTML page; an HtmlPageError subclass says what is missing."""
    tree = trafilatura.load_html(decode_html(data))
    if tree is None:
        raise NoArticleText("no article text found in the HTML (the file is not an HTML page)")
    document = _extract(tree, _http_url(hints.uri), with_metadata=True)
    paragraphs = _paragraphs(document)
    if document is None or not paragraphs:
        raise NoArticleText("no article text found in the HTML")
    headline = _headline(tree, document)
    if not headline:
        raise NoHeadline("no headline found: the page has no <title>, og:title or <h1>")
    while paragraphs and paragraphs[0].casefold() == headline.casefold():
        paragraphs.pop(0)  # the headline printed again above the text
    if not paragraphs:
        raise NoArticleText("no article text found in the HTML (only the headline)")
    ld = _json_ld(tree)
    published_at, local = _published(tree, ld, document, hints.tz)
    url = _url(tree, document, hints)
    section = _meta(tree, "article:section")
    return ArticleRecord(
        outlet=_outlet(tree, document, url, hints),
        headline=headline,
        published_at=published_at,
        published_local=local,
        source_tz=hints.tz if local is not None else None,
        url=url,
        section=section[0] if section else None,
        lead=paragraphs[0],
        body="\n\n".join(paragraphs[1:]),
        tags=_tags(tree, ld, document),
        lang=_lang(tree, document),
    )


def parse_items(data: bytes, hints: SourceHints) -> list[Item]:
    """Adapter entry point: one HTML page, one item (the file itself)."""
    return [Item(index=0, raw=None, record=parse_page(data, hints))]
