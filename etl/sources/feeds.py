"""Adapter for RSS 0.9x/1.0/2.0 and Atom feeds: one item per entry.

A feed entry is usually a stub: headline, link, date and a summary; the full
text is fetched later from the link. Some feeds carry the full text
(`content:encoded`, Atom `<content>`); then it becomes the body. Each entry's
`raw` is a canonical JSON of the fields read from it, so the same entry in a
re-fetched feed is the same document.

Feeds come from the open internet, so the XML is checked with defusedxml
before feedparser sees it: a DOCTYPE that declares entities (an expansion
bomb) or external entities (XXE) is refused. Feeds without an encoding
declaration in a legacy code page are decoded through
`etl.clean.encoding.decode_text` when feedparser can only guess.
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as defused_tree
import feedparser
import lxml.etree
import lxml.html
from defusedxml import DefusedXmlException, EntitiesForbidden

from etl.clean.encoding import decode_text
from etl.clean.timezones import LocalTimeError, parse_published
from etl.sources.records import ArticleRecord, Item, SourceError, SourceHints

MEDIA_TYPE = "application/rss+xml"

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
# Link text a feed appends to its summary; it is not part of the article.
READ_MORE = frozenset(
    {
        "continue reading",
        "read more",
        "read full article",
        "leia mais",
        "leer más",
        "weiterlesen",
        "lire la suite",
        "читати далі",
        "читать далее",
        "детальніше",
    }
)
HEADLINE_MAX = 160

# Month names feeds write in RFC 822 dates despite the standard (`Seg, 24 Set 2018`):
# a four- or three-letter prefix in pt, es, fr, de, it, uk, ru to the English month.
FOREIGN_MONTHS = {
    **dict.fromkeys(["jan", "ene", "gen", "janv", "січ", "янв"], "Jan"),
    **dict.fromkeys(["fev", "feb", "févr", "fév", "лют", "фев"], "Feb"),
    **dict.fromkeys(["mar", "mars", "mär", "mrz", "бер", "мар"], "Mar"),
    **dict.fromkeys(["abr", "avr", "apr", "кві", "апр"], "Apr"),
    **dict.fromkeys(["mai", "may", "mag", "тра", "мая", "май"], "May"),
    **dict.fromkeys(["jun", "juin", "giu", "чер", "июн"], "Jun"),
    **dict.fromkeys(["jul", "juil", "lug", "лип", "июл"], "Jul"),
    **dict.fromkeys(["ago", "aug", "août", "сер", "авг"], "Aug"),
    **dict.fromkeys(["set", "sep", "sept", "вер", "сен"], "Sep"),
    **dict.fromkeys(["out", "oct", "okt", "ott", "жов", "окт"], "Oct"),
    **dict.fromkeys(["nov", "лис", "ноя"], "Nov"),
    **dict.fromkeys(["dez", "dic", "déc", "dec", "гру", "дек"], "Dec"),
}

_LOCALISED_DATE = re.compile(
    r"^\s*(?:[^\W\d]+\.?,?\s+)?(\d{1,2})\.?\s+([^\W\d]+)\.?\s+(\d{4})\b(.*)$", re.DOTALL
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_WHITESPACE = re.compile(r"\s+")


class FeedError(SourceError):
    """The bytes are not a feed wirewatch will read; the message says why."""


def _check_xml(data: bytes) -> str | None:
    """Why `data` is not well-formed XML (None when it is); FeedError when it declares entities.

    The check parses with defusedxml, which stops at the first entity
    declaration. A document that is not well-formed as its bytes stand (an
    undeclared legacy encoding) is checked again as decoded text. One that is
    still not well-formed goes to feedparser's lenient parser, which drops
    entity declarations it does not consider harmless.
    """
    try:
        try:
            defused_tree.fromstring(data, forbid_dtd=False)
        except ParseError:
            text, _ = decode_text(data)
            try:
                defused_tree.fromstring(text, forbid_dtd=False)
            except ParseError as exc:
                return str(exc)
    except EntitiesForbidden as exc:
        if exc.sysid:
            raise FeedError(
                f"refused: the DOCTYPE declares external entity {exc.name!r} ({exc.sysid}); "
                "external entities (XXE) are not allowed in feeds"
            ) from None
        raise FeedError(
            f"refused: the DOCTYPE declares entity {exc.name!r}; entity declarations "
            "(a possible entity-expansion bomb) are not allowed in feeds"
        ) from None
    except DefusedXmlException as exc:
        raise FeedError(f"refused: unsafe XML ({exc})") from None
    return None


def _parse_feed(data: bytes) -> feedparser.FeedParserDict:
    """feedparser's reading of `data`, with our decoding when feedparser had to guess.

    feedparser's lenient parser raises on a few malformed documents (a
    character reference to a surrogate, `&#xD800;`); those are FeedErrors.
    """
    try:
        parsed = feedparser.parse(io.BytesIO(data))
        guessed = (feedparser.CharacterEncodingOverride, feedparser.CharacterEncodingUnknown)
        if parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), guessed):
            text, _ = decode_text(data)
            parsed = feedparser.parse(
                io.BytesIO(text.encode("utf-8")),
                response_headers={"content-type": "application/xml; charset=utf-8"},
            )
    except (ValueError, RecursionError) as exc:  # UnicodeError is a ValueError
        raise FeedError(f"not a readable feed: {type(exc).__name__}: {exc}") from None
    return parsed


def _field(mapping: Any, key: str) -> Any:
    """A key of a feedparser dict without its deprecated `updated` → `published` fallback."""
    return dict.get(mapping, key) if isinstance(mapping, dict) else None


def _text_chunks(element: Any) -> Iterator[str | None]:
    """Text of an lxml tree in order; None marks a paragraph boundary."""
    tag = element.tag if isinstance(element.tag, str) else None
    if tag is not None and tag.lower() not in SKIPPED_TAGS:
        block = tag.lower() in BLOCK_TAGS
        if block:
            yield None
        if element.text:
            yield element.text
        for child in element:
            yield from _text_chunks(child)
        if block:
            yield None
    if element.tail:
        yield element.tail


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", _WHITESPACE.sub(" ", text)).strip()


def html_paragraphs(markup: str) -> list[str]:
    """The visible text of an HTML fragment, one string per paragraph."""
    if not markup or not markup.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return [t] if (t := _normalise(html.unescape(markup))) else []
    paragraphs: list[str] = []
    current: list[str] = []
    for chunk in _text_chunks(root):
        if chunk is None:
            paragraphs.append("".join(current))
            current = []
        else:
            current.append(chunk)
    paragraphs.append("".join(current))
    kept = [p for p in (_normalise(p) for p in paragraphs) if p]
    while kept and kept[-1].casefold().rstrip(".…→» ") in READ_MORE:
        kept.pop()
    return kept


def _plain(detail: Any, value: str | None) -> list[str]:
    """Paragraphs of a feed text construct, HTML or plain text."""
    if not value:
        return []
    kind = (_field(detail, "type") or "text/html").lower()
    if kind in HTML_TYPES or "<" in value:
        return html_paragraphs(value)
    text = _normalise(html.unescape(value))
    return [text] if text else []


def _full_text(entry: Any) -> tuple[str, str]:
    """(markup, type) of the entry's full content, or ("", "") when it has none."""
    for content in _field(entry, "content") or []:
        value = _field(content, "value")
        if value and value.strip():
            return value, _field(content, "type") or "text/html"
    return "", ""


def _english_months(text: str) -> str | None:
    """`text` with a non-English month name (and weekday) made English, or None."""
    match = _LOCALISED_DATE.match(text)
    if not match:
        return None
    day, month, year, rest = match.groups()
    word = month.casefold()
    english = FOREIGN_MONTHS.get(word[:4]) or FOREIGN_MONTHS.get(word[:3])
    return f"{day} {english} {year}{rest}" if english else None


def _published(entry: Any, tz_name: str) -> tuple[datetime, datetime | None]:
    """(UTC time, local wall time) from the entry's published, else updated, date.

    The date string keeps its offset, so it is preferred; feedparser's parsed
    struct (already UTC) is the fallback. Raises LocalTimeError naming the
    value when no date can be read.
    """
    unreadable: list[str] = []
    for key in ("published", "updated"):
        raw = _field(entry, key)
        if isinstance(raw, str) and raw.strip():
            candidates = [raw]
            if (english := _english_months(raw)) is not None:
                candidates.append(english)
            for candidate in candidates:
                try:
                    return parse_published(candidate, tz_name)
                except LocalTimeError:
                    continue
            unreadable.append(raw.strip())
        struct = _field(entry, f"{key}_parsed")
        if struct:
            return datetime(*struct[:6], tzinfo=UTC), None
    if unreadable:
        raise LocalTimeError(f"unreadable publication date {unreadable[0]!r}")
    raise LocalTimeError("no publication date")


def _headline_from(text: str) -> str:
    """The first sentence of `text`, cut at a word boundary when long."""
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(sentence) <= HEADLINE_MAX:
        return sentence
    return sentence[:HEADLINE_MAX].rsplit(" ", 1)[0] + "…"


def _tags(entry: Any) -> tuple[str, ...]:
    terms = (
        _field(tag, "term") or _field(tag, "label") or "" for tag in _field(entry, "tags") or []
    )
    return tuple(dict.fromkeys(t for t in (_normalise(term).casefold() for term in terms) if t))


def _language(feed: Any) -> str | None:
    lang = (_field(feed, "language") or "").strip().lower()
    return lang or None


def _outlet(feed: Any, hints: SourceHints) -> str:
    if hints.outlet:
        return hints.outlet
    title = " ".join(_plain(_field(feed, "title_detail"), _field(feed, "title")))
    if title:
        return title
    try:
        host = urlsplit(_field(feed, "link") or "").hostname
    except ValueError:
        host = None
    if host:
        return host
    raise FeedError(
        "the feed has no title or link to name its outlet; set `outlet` for this source"
    )


def entry_raw(entry: Any, feed: Any) -> bytes:
    """Canonical UTF-8 JSON of the entry fields (and feed title, language) this adapter reads."""
    fields = {
        "id": _field(entry, "id"),
        "title": _field(entry, "title"),
        "link": _field(entry, "link"),
        "published": _field(entry, "published"),
        "updated": _field(entry, "updated"),
        "summary": _field(entry, "summary"),
        "content": [
            {"type": _field(c, "type"), "value": _field(c, "value")}
            for c in _field(entry, "content") or []
        ],
        "tags": [_field(t, "term") or _field(t, "label") for t in _field(entry, "tags") or []],
        "feed_title": _field(feed, "title"),
        "feed_language": _field(feed, "language"),
    }
    kept = {k: v for k, v in fields.items() if v not in (None, "", [])}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _link(entry: Any) -> str | None:
    """The entry's link when it is an http(s) URL; a `javascript:` or broken link is no link."""
    link = (_field(entry, "link") or "").strip()
    try:
        parts = urlsplit(link)
    except ValueError:  # "http://[::1"
        return None
    return link if parts.scheme in {"http", "https"} and parts.netloc else None


def entry_record(entry: Any, outlet: str, lang: str | None, tz_name: str) -> ArticleRecord:
    """The article an entry describes; ValueError (the reason) when it cannot be one."""
    headline = " ".join(_plain(_field(entry, "title_detail"), _field(entry, "title")))
    summary = _field(entry, "summary") or ""
    markup, kind = _full_text(entry)
    # Without a description feedparser copies the content into the summary.
    lead_paragraphs = [] if summary == markup else _plain(_field(entry, "summary_detail"), summary)
    lead = "\n\n".join(lead_paragraphs)
    body = "\n\n".join(_plain({"type": kind}, markup))
    if body and (body == lead or body in lead):
        body = ""  # the "content" only repeats the summary: still a stub
    derived = False
    if not headline:
        if not (lead or body):
            raise ValueError("no title and no text")
        headline, derived = _headline_from(lead or body), True
    published_at, local = _published(entry, tz_name)
    return ArticleRecord(
        outlet=outlet,
        headline=headline,
        published_at=published_at,
        published_local=local,
        source_tz=tz_name if local is not None else None,
        url=_link(entry),
        lead=lead,
        body=body,
        tags=_tags(entry),
        lang=lang,
        headline_derived=derived,
        stub=not body,
    )


def parse_items(data: bytes, hints: SourceHints) -> list[Item]:
    """Adapter entry point: one item per feed entry, index = its position (from 0)."""
    xml_problem = _check_xml(data)
    parsed = _parse_feed(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise FeedError(f"not a feed: {xml_problem or parsed.get('bozo_exception')}")
        if not parsed.get("version"):
            raise FeedError("not a feed: no RSS, RDF or Atom root element")
        return []
    feed = parsed.get("feed") or {}
    outlet = _outlet(feed, hints)
    lang = _language(feed)
    items = []
    for index, entry in enumerate(entries):
        raw = entry_raw(entry, feed)
        try:
            record = entry_record(entry, outlet, lang, hints.tz)
        except ValueError as exc:  # LocalTimeError is a ValueError
            items.append(Item(index=index, raw=raw, error=f"entry {index}: {exc}"))
        else:
            items.append(Item(index=index, raw=raw, record=record))
    return items
