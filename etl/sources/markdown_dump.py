"""Markdown page dumps: YAML front matter, then the page's text with its furniture.

A dump is one article page saved as Markdown by a crawler::

    ---
    title: "<headline> | <site>"
    source: https://<host>/<path>         the page's URL (or a site name)
    date: 2026-02-21                      or "unknown"
    description: "<the page's summary>"
    ---
    <navigation, cookie banner, the headline again>
    <the article's paragraphs>
    <share buttons, related headlines, footer>

The front matter gives headline (`title`, less the site's name), URL, outlet
(a site name, else the source's configured outlet, else the URL's host) and
date (else a short `Published …` line of the text, else a `/2026/02/23/` URL
path; a bare date is midnight in the source's time zone). The text gives lead
(the first paragraph) and body (the others) once the page furniture is
stripped: navigation lines and menus, cookie
and consent banners, subscribe/share/sign-in lines, image-only lines, link-only
list items, related-headline lists ("Related", "Read more", "Most read"), the
repeated headline, captions, footnotes and the footer. What is kept is prose:
lines that read as sentences.

Paragraphs are separated by blank lines, as Markdown has them; a dump with no
blank line in its text (crawlers often write one paragraph per line) has one
paragraph per line. Links are reduced to their text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import yaml
from dateutil import parser as dateutil_parser

from etl.clean.encoding import decode_text
from etl.clean.timezones import LocalTimeError, parse_published
from etl.sources.jsonl import clean_tags, one_line
from etl.sources.records import ArticleRecord, Item, SourceError, SourceHints

MEDIA_TYPE = "text/markdown"

TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("date", "published", "published_at", "date_published", "datePublished", "pubDate")
URL_KEYS = ("url", "link", "canonical_url", "canonical", "source")
OUTLET_KEYS = ("outlet", "site_name", "site", "publisher", "source")
NO_DATE = {"", "unknown", "none", "null", "n/a", "na", "-", "tbd"}

MIN_SENTENCE_WORDS = 6  # a unit this long ending like a sentence is prose
MIN_PROSE_WORDS = 30  # a unit this long is prose however it ends
LIST_RUN = 3  # this many short units in a row, mostly not sentences, are a headline list
MAX_WORDS_BEFORE_START = 80  # text a page may show above the article's first paragraph

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[*+\-•]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_LINK_TARGET = r"\((?:[^()\s<>]|<[^>]*>|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
_FOOTNOTE_REF = re.compile(r"\[\[[ivxlcdm\d]+\]\]" + _LINK_TARGET, re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\]]*\]" + _LINK_TARGET)
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]" + _LINK_TARGET)  # "[a [b] c](url)" too
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_GLUED_EMPHASIS = re.compile(r"(?<=\w)\*{4}(?=\w)")  # "**Click****here**" is two words
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|`+")
_TERMINAL = re.compile(r"[.!?…:;][\"”’»)\]]*$")
_WORDS = re.compile(r"\S+")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’»)\]]*(\s|$)")
_TEASER = re.compile(r"(\.\.\.|…)[\"”’»)\]]*$")
_GLUED = re.compile(r"[a-z][A-Z][a-z]")

# Whole lines of page furniture (applied to units of up to 80 words).
FURNITURE_PATTERNS = (
    r"\bskip to (the )?(main )?content\b",
    r"\bdo not sell or share my personal information\b",
    r"\bwe won'?t sell or share your personal information\b",
    r"\bprivacy (policy|notice|settings)\b.*\bterms\b|\bterms (of|and) (use|service)\b",
    r"\bunlock (unlimited|full) access\b|\bsubscriber-only\b|\balready a subscriber\b",
    r"\bcreate a free account\b|\bsign up (here|now|for|to)\b|\bsubscribe (to|now|for)\b",
    r"\bnewsletters?\b.*\b(sign up|subscribe|inbox|delivered|weekly|daily)\b",
    r"\b(sign up|subscribe)\b.*\bnewsletters?\b",
    r"\bi agree to receive\b|\byour browser\b.*\b(support|javascript)\b",
    r"\bopens new tab\b|\bclick here\b|\bmake a text selection\b",
    r"^(item \d+ of \d+|\[\d+/\d+\])\s",  # gallery captions
    r"^(photo|image|picture|video|graphic)( credit)?\s*:",
    r"\bscroll carousel\b|\bjoin the tracks\b",
    r"^(advertisement|advertising|sponsored( content)?|ad)$",
    r"\b(sell or share|privacy control|third parties for advertising|this provider)\b",
    r"\badverti\w+ (effectiveness|banners)\b|\banalysis tool\b|\byour activities on\b",
    r"\bqr code\b|\bdownload the \w+ app\b",
    r"\b(e-?mail|instant) alerts\b|\b(directly to|in) your inbox\b|\bnewsletters?\b",
    r"\bsupport (our|mission-driven|independent) journalism\b|\bsponsor-free\b",
    r"\bviews expressed\b.*\b(solely|do not necessarily)\b",
    r"\btroubleshooting\b|\bpreventing our website\b|\bad ?blocker\b",
    r"\benable javascript\b|\bage verification\b",
    r"\ball rights reserved\b|^(copyright|©)\s*(©\s*)?\d{4}",
    r"^by [A-Z][\w.'’-]+( [A-Z][\w.'’-]+)*(,| and| \||$)",  # a byline
    # a photo caption ends with its credit: [Name/Reuters], (AP Photo/Name), (... via Getty)
    (
        r"[\[(][^\[\]()]*(/|\bvia\b|\bphoto\b|getty|\bafp\b|reuters|\bap\b|\bepa\b|"
        r"unsplash|shutterstock)[^\[\]()]*[\])]\s*$"
    ),
)
_FURNITURE = re.compile("|".join(FURNITURE_PATTERNS), re.IGNORECASE)
# Consent banners and cookie tables, however long: "cookie" is no word of war news.
_CONSENT = re.compile(
    r"\bcookies?\b|^\S+(\s+\[x\d+\])?\s+"
    r"(Used|Tracks|Sets|Stores|Registers|Collects|Saves|Identifies|Determines|Holds|Detects)\b|"
    r"^[\w#.-]*_[\w#.-]*(\s+\[x\d+\])?\s+[A-Z]"
)
# Lines that are only a button or a label.
_SHORT_FURNITURE = re.compile(
    r"^(share|share this( article| story)?|sign in|sign up|log ?in|register|subscribe|"
    r"follow us|download( the app)?|print|email|save|comments?|listen( to this article)?|"
    r"read more|continue reading|see (more|all)|show more|load more|back to top|menu|search|"
    r"home|close|next|previous|advertisement)\W*$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(related( articles| stories| content| coverage| news| topics)?|read more|read next|"
    r"more (on|from|about|in)\b.*|more stories|most (read|popular|viewed|shared)|"
    r"recommended( for you)?|you (may|might) also like|trending( now)?|top stories|"
    r"latest (news|stories)|editor'?s picks|what to read next|further reading|see also|"
    r"popular|in other news)\s*:?$",
    re.IGNORECASE,
)
# The article has ended: wire credit lines, the site's standards note, the copyright footer.
_END = re.compile(
    r"^((additional )?reporting by|writing by|editing by|our standards:)|"
    r"(copyright|©)\s*(©\s*)?\d{4}|all rights reserved",
    re.IGNORECASE,
)
_UI_WORDS = {
    "share", "facebook", "twitter", "x", "/", "|", "linkedin", "mail", "email", "e-mail",
    "whatsapp", "telegram", "reddit", "print", "copy", "link", "subscribe", "sign", "in", "up",
    "log", "menu", "search", "home", "close", "comments", "comment", "save", "bluesky",
    "threads", "instagram", "youtube", "tiktok", "flipboard", "pinterest", "messenger",
}  # fmt: skip
_PUBLISHED_LINE = re.compile(
    r"\b(?P<label>published|posted|first published|updated|last updated)\b\s*(on|:)?\s*"
    r"(?P<when>(\d{4}-\d{2}-\d{2})|(\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})|"
    r"([A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})|(\d{1,2}\.\d{1,2}\.\d{4}))",
    re.IGNORECASE,
)
_URL_DATE = re.compile(
    r"/(?P<year>(19|20)\d{2})/(?P<month>\d{1,2}|[a-z]{3})/(?P<day>\d{1,2})(?=/|$)", re.IGNORECASE
)
_GENERIC_HOST_LABELS = {"www", "com", "org", "net", "news", "co", "uk", "gov", "int", "edu", "en"}


class MarkdownDumpError(SourceError):
    """The dump lacks what an article needs (a headline, a date); the message says which."""


@dataclass(frozen=True)
class Unit:
    """A paragraph, list item or heading of the page, as plain text."""

    kind: str  # paragraph, item or heading
    text: str  # links reduced to their text, emphasis and images removed
    words: int
    link_only: bool  # the Markdown was nothing but links (or empty links)
    block: int = 0  # which blank-line-separated block of the text it is in


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, the text after it); ({}, text) when the dump has none."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise MarkdownDumpError(f"front matter is not valid YAML: {exc}") from exc
    except ValueError as exc:  # a timestamp YAML cannot construct: date: 2025-02-30
        raise MarkdownDumpError(f"front matter holds an impossible value: {exc}") from None
    except RecursionError:
        raise MarkdownDumpError("front matter is nested too deeply") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise MarkdownDumpError(
            f"front matter must be a mapping of keys to values, found {type(meta).__name__}"
        )
    return meta, text[match.end() :]


def plain_text(markdown: str) -> str:
    """Inline Markdown reduced to its text: links to their text, images and footnotes dropped."""
    text = _FOOTNOTE_REF.sub("", markdown)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1).strip() else " ", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", _GLUED_EMPHASIS.sub(" ", text))
    text = unicodedata.normalize("NFC", text.replace("\u00a0", " ").replace("\u200b", ""))
    text = re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", one_line(text))
    return text.strip("| ")  # a table row's outer pipes


def _link_only(markdown: str) -> bool:
    stripped = _IMAGE.sub("", _LINK.sub("", _FOOTNOTE_REF.sub("", markdown)))
    return markdown.strip() != "" and not re.search(r"\w", stripped)


def _unit(kind: str, markdown: str, block: int) -> Unit | None:
    text = plain_text(markdown)
    link_only = _link_only(markdown) and ("](" in markdown)
    if not text and not link_only:
        return None
    return Unit(kind, text, len(_WORDS.findall(text)), link_only, block)


def page_units(markdown: str) -> list[Unit]:
    """The text's paragraphs, list items and headings, in order.

    With blank lines in the text, a block of long lines is one soft-wrapped
    paragraph; without any, every line is a paragraph of its own.
    """
    lines = markdown.strip("\n").split("\n")
    blank_separated = any(not line.strip() for line in lines)
    units: list[Unit | None] = []
    block: list[str] = []
    block_no = 0

    def flush() -> None:
        if not block:
            return
        lengths = [len(line.strip()) for line in block[:-1]]
        if blank_separated and lengths and sum(lengths) / len(lengths) >= 45:
            units.append(_unit("paragraph", " ".join(line.strip() for line in block), block_no))
        else:
            units.extend(_unit("paragraph", line, block_no) for line in block)
        block.clear()

    for line in lines:
        if not line.strip() or _RULE.match(line):
            flush()
            block_no += 1
        elif heading := _HEADING.match(line):
            flush()
            units.append(_unit("heading", heading.group(2), block_no))
        elif _LIST_ITEM.match(line):
            flush()
            units.append(_unit("item", _LIST_ITEM.sub("", line, count=1), block_no))
        else:
            block.append(_QUOTE.sub("", line))
    flush()
    return [u for u in units if u is not None]


def _capitalised_share(text: str) -> float:
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) > 3]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def is_prose(unit: Unit) -> bool:
    """True for a unit that reads as text: long, or a sentence of a few words."""
    if unit.link_only or unit.kind == "heading":
        return False
    if _TEASER.search(unit.text):
        return unit.words >= 2 * MIN_PROSE_WORDS  # "… in…": a teaser cut short, unless long
    if _GLUED.findall(unit.text) and len(_GLUED.findall(unit.text)) * 5 >= unit.words:
        return False  # "HeadlinesSports NewsBusiness News": a menu pasted into one line
    if unit.words >= 15 and _capitalised_share(unit.text) >= 0.6:
        return False  # "Kanpur Update Lamborghini Case, NICU Fire Probe, ...": headlines pasted
    if unit.words >= MIN_PROSE_WORDS:
        return _SENTENCE_BREAK.search(unit.text) is not None  # not headlines pasted together
    return unit.words >= MIN_SENTENCE_WORDS and _TERMINAL.search(unit.text) is not None


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def _is_furniture(unit: Unit, headline: str) -> bool:
    if unit.link_only or _CONSENT.search(unit.text):
        return True
    if unit.words <= 80 and _FURNITURE.search(unit.text):
        return True
    if _SHORT_FURNITURE.match(unit.text):
        return True
    tokens = unit.text.casefold().split()
    if tokens and all(t in _UI_WORDS for t in tokens):
        return True
    key, head = _norm(unit.text), _norm(headline)
    return bool(head) and key.startswith(head) and unit.words <= len(head.split()) + 12


def _without_headline(unit: Unit, headline: str) -> Unit:
    """The unit without the headline the page repeats at its start (it stays if that is all)."""
    if not headline or not unit.text.casefold().startswith(headline.casefold()):
        return unit
    rest = unit.text[len(headline) :].lstrip(" -–—|:")
    if len(_WORDS.findall(rest)) < MIN_SENTENCE_WORDS:
        return unit
    return replace(unit, text=rest, words=len(_WORDS.findall(rest)))


def _drop_runs(units: list[Unit], keep: list[bool], member, within_block: bool) -> None:
    """Drop runs of kept units satisfying `member` when most of a run is not sentences."""
    run: list[int] = []
    for i in [*(i for i, kept in enumerate(keep) if kept), None]:
        same_block = not run or i is None or units[i].block == units[run[-1]].block
        if i is not None and member(units[i]) and (same_block or not within_block):
            run.append(i)
            continue
        if len(run) >= LIST_RUN and sum(not is_prose(units[j]) for j in run) * 2 >= len(run):
            for j in run:
                keep[j] = False
        run = [i] if i is not None and member(units[i]) else []


def _anchor(units: list[Unit], description: str, headline: str) -> int:
    """Index of the unit where the article starts, when the front matter's description says so.

    Pages often open with their description as the first paragraph; whatever
    comes before it is page furniture, unless it holds more text than a banner
    (the description may also quote a later paragraph).
    """
    probe = " ".join(_norm(description).split()[:10])
    if len(probe.split()) < 6:
        return 0
    found = next((i for i, u in enumerate(units) if probe in _norm(u.text)), 0)
    before = sum(u.words for u in units[:found] if is_prose(u) and not _is_furniture(u, headline))
    return found if before <= MAX_WORDS_BEFORE_START else 0


def article_paragraphs(units: list[Unit], headline: str, description: str = "") -> list[str]:
    """The article's paragraphs: prose units with the page furniture around them removed."""
    units = [_without_headline(u, headline) for u in units]
    keep = [True] * len(units)
    for i in range(_anchor(units, description, headline)):
        keep[i] = False
    in_related = False
    started = False
    for i, unit in enumerate(units):
        if not keep[i]:
            continue
        if started and _END.search(unit.text) and i >= len(units) // 3:
            for j in range(i, len(units)):
                keep[j] = False
            break
        if unit.words <= 8 and _RELATED.match(unit.text):
            keep[i], in_related = False, True
            continue
        if in_related:  # a related list runs until the next heading or paragraph of text
            if unit.kind == "heading" or (unit.kind == "paragraph" and is_prose(unit)):
                in_related = False
            else:
                keep[i] = False
                continue
        if _is_furniture(unit, headline):
            keep[i] = False
        elif is_prose(unit):
            started = True
    _drop_runs(units, keep, lambda u: u.kind == "item", within_block=False)  # related lists
    _drop_runs(units, keep, lambda u: u.words <= 20, within_block=True)  # menus, headlines
    return [u.text for u, kept in zip(units, keep, strict=True) if kept and is_prose(u)]


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def _same_site(segment: str, host: str, outlet: str) -> bool:
    """True when a title segment names the site (`Reuters` for reuters.com)."""
    name = re.sub(r"[^a-z0-9]", "", segment.casefold())
    if len(name) < 3:
        return False
    labels = [label for label in host.split(".") if label and label not in _GENERIC_HOST_LABELS]
    compact = re.sub(r"[^a-z0-9]", "", host.casefold())
    outlet_name = re.sub(r"[^a-z0-9]", "", outlet.casefold())
    return (
        any(len(label) >= 3 and (label in name or name in label) for label in labels)
        or name in compact
        or (len(outlet_name) >= 3 and outlet_name in (name, compact))
    )


def headline_from_title(title: str, host: str, outlet: str = "") -> tuple[str, str | None]:
    """(headline, section) from a page title: the site's name stripped from either end.

    `A war foretold | Ukraine | The Guardian` on theguardian.com gives
    ("A war foretold", "Ukraine"); a title not naming the site is kept whole.
    """
    title = one_line(title)
    parts = re.split(r"\s+[|–—:-]\s+|\s+\|\s*-?\s*", title)
    seps = re.findall(r"\s+[|–—:-]\s+|\s+\|\s*-?\s*", title)
    section = None
    if len(parts) > 1 and _same_site(parts[-1], host, outlet):
        title = title[: len(title) - len(parts[-1]) - len(seps[-1])].strip()
        rest = title.rsplit(" | ", 1)
        if len(rest) == 2 and 0 < len(rest[1].split()) <= 4:
            title, section = rest[0].strip(), rest[1].strip()
    elif len(parts) > 1 and _same_site(parts[0], host, outlet):
        title = title[len(parts[0]) + len(seps[0]) :].strip()
    return title, section


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).casefold(): v for k, v in meta.items()}
    for key in keys:
        value = lowered.get(key.casefold())
        if value not in (None, ""):
            return value
    return None


def _scalar(value: Any) -> bool:
    """True for a front-matter value that is one value, not a list or mapping.

    Only scalars are turned into text: YAML aliases can make a small list
    expand into billions of members when printed (a "billion laughs").
    """
    return not isinstance(value, list | dict)


def _is_url(value: Any) -> bool:
    if not isinstance(value, str) or not re.match(r"^https?://\S+$", value.strip()):
        return False
    try:
        return bool(urlsplit(value.strip()).netloc)
    except ValueError:  # "http://[::1"
        return False


def _front_url(meta: dict[str, Any]) -> str | None:
    """The first front-matter value under a URL key that is an http(s) URL."""
    values = (_first(meta, (key,)) for key in URL_KEYS)
    return next((v.strip() for v in values if _is_url(v)), None)


def _front_outlet(meta: dict[str, Any]) -> str | None:
    """The first front-matter value under an outlet key that is a name, not a URL."""
    values = (_first(meta, (key,)) for key in OUTLET_KEYS)
    return next((one_line(v) for v in values if isinstance(v, str) and not _is_url(v)), None)


def _date_in_url(url: str | None) -> date | None:
    """The date news URLs carry in their path (`/2026/feb/06/`, `/2026/02/23/`), if any."""
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    if not match:
        return None
    try:
        return dateutil_parser.parse(
            f"{match['year']} {match['month']} {match['day']}", yearfirst=True
        ).date()
    except (ValueError, OverflowError):
        return None


def _published(
    meta: dict[str, Any], units: list[Unit], url: str | None, tz: str
) -> tuple[datetime, datetime | None]:
    """From the front matter's date, else a short `Published …` line, else the URL's path.

    A bare date means midnight in `tz`. A front-matter date that says it is
    unknown counts as none; any other unreadable one is an error.
    """
    value = _first(meta, DATE_KEYS)
    where = "front matter date"
    if isinstance(value, str) and value.strip().casefold() in NO_DATE:
        value = None
    if value is None:
        value, where = _date_in_text(units), "date in the text"
    if value is None:
        value, where = _date_in_url(url), "date in the URL"
    if value is None:
        raise MarkdownDumpError("no date in front matter or text, nor in the URL")
    if not _scalar(value):
        raise MarkdownDumpError(f"{where}: expected a date, found a {type(value).__name__}")
    if not isinstance(value, str | datetime | date):
        value = str(value)
    try:
        return parse_published(value, tz)
    except LocalTimeError as exc:
        raise MarkdownDumpError(f"{where}: {exc}") from None


def _date_in_text(units: list[Unit]) -> date | None:
    """The date of a short `Published 4 June 2025` / `Updated: Feb 10, 2026` line near the top."""
    for unit in units[:40]:
        if unit.words <= 12 and (match := _PUBLISHED_LINE.search(unit.text)):
            try:
                return dateutil_parser.parse(match.group("when"), dayfirst=True).date()
            except (ValueError, OverflowError):
                continue
    return None


def parse_markdown_dump(text: str, hints: SourceHints) -> ArticleRecord:
    """The article a dump holds; MarkdownDumpError when it has no headline or no date."""
    meta, markdown = split_front_matter(text)
    units = page_units(markdown)
    url = _front_url(meta)
    named = _front_outlet(meta)
    outlet = named or (hints.outlet or "").strip() or _host(url)
    if not outlet:
        raise MarkdownDumpError(
            "no outlet: the front matter names none, the source configures none and there is no URL"
        )
    title = _first(meta, TITLE_KEYS)
    if not _scalar(title):
        raise MarkdownDumpError(
            f"front matter title: expected text, found a {type(title).__name__}"
        )
    if title is None:
        title = next((u.text for u in units if u.kind == "heading"), None)
    if not title or not str(title).strip():
        raise MarkdownDumpError("no headline: no title in front matter and no '# ' heading")
    headline, title_section = headline_from_title(str(title), _host(url), named or "")
    published_at, local = _published(meta, units, url, hints.tz)
    description = _first(meta, ("description", "summary"))
    paragraphs = article_paragraphs(
        units, headline, description if isinstance(description, str) else ""
    )
    section = _first(meta, ("section", "category"))
    section = section if _scalar(section) else None
    tags = _first(meta, ("tags", "keywords"))
    if isinstance(tags, str):
        tags = re.split(r"[,;]", tags)
    lang = _first(meta, ("lang", "language"))
    lang = lang if _scalar(lang) else None
    return ArticleRecord(
        outlet=outlet,
        headline=headline,
        published_at=published_at,
        published_local=local,
        source_tz=hints.tz if local is not None else None,
        url=url,
        section=one_line(str(section)) if section else title_section,
        lead=paragraphs[0] if paragraphs else "",
        body="\n\n".join(paragraphs[1:]),
        tags=clean_tags(str(t) for t in tags if _scalar(t)) if isinstance(tags, list) else (),
        lang=one_line(str(lang)) if lang else None,
    )


def parse_items(data: bytes, hints: SourceHints) -> list[Item]:
    """Adapter entry point: one dump, one item (the file itself)."""
    text, _ = decode_text(data)
    return [Item(index=0, raw=None, record=parse_markdown_dump(text, hints))]
