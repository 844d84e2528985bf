"""JSON Lines, wirewatch's interchange format: one article per line.

Each non-blank line is a JSON object with the fields of docs/jsonl-format.md
(`url`, `outlet`, `published_at`, `headline`, `body`, and optionally `section`,
`lead`, `tags`, `lang`). Each line becomes an item of its own, so a bad line is
quarantined with a reason naming its line number and field while the rest of
the file goes on.

`article_record` holds the rules every entry-per-row format shares (the
tabular adapter maps its columns onto these fields and calls it too): which
fields are required, how a time without an offset is read, and how a headline
is made from the text when an entry has none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from etl.clean.timezones import LocalTimeError, parse_published
from etl.sources.records import ArticleRecord, Item, SourceError, SourceHints

MEDIA_TYPE = "application/x-ndjson"

FIELDS = ("url", "outlet", "published_at", "headline", "body", "section", "lead", "tags", "lang")
HEADLINE_WORDS = 20  # a derived headline is cut after this many words, with an ellipsis

# Words ending in a full stop that do not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "maj", "capt", "sgt", "gov",
    "sen", "rep", "pres", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*$")
_SPACES = re.compile(r"\s+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))
_BARE_HOST_URL = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#]|$)", re.IGNORECASE)


class FieldError(ValueError):
    """One field of one entry is unusable; the message starts with the field's name."""


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines included) made one space, zero-width ones gone."""
    return _SPACES.sub(" ", text.translate(_ZERO_WIDTH)).strip()


def first_sentence(text: str) -> str:
    """The first sentence of `text`'s first paragraph (all of it when there is no sentence end)."""
    paragraph = next((p for p in re.split(r"\n\s*\n|\n", text.strip()) if p.strip()), "")
    paragraph = one_line(paragraph)
    for match in _SENTENCE_END.finditer(paragraph):
        before = _WORD_BEFORE.search(paragraph[: match.start() + 1])
        word = before.group(1).rstrip(".") if before else ""
        if match.group().startswith(".") and (
            len(word) == 1 or "." in word or word.casefold() in _ABBREVIATIONS
        ):
            continue  # "Mr.", "U.S.", "J." end no sentence
        return paragraph[: match.end()]
    return paragraph


def derive_headline(text: str, max_words: int = HEADLINE_WORDS) -> str:
    """A headline for an entry that has none: its first sentence, at most `max_words` words.

    A sentence cut short ends with an ellipsis; a whole one loses its final full
    stop, as headlines do, but keeps a question or exclamation mark.
    """
    sentence = first_sentence(text)
    words = sentence.split()
    if len(words) > max_words:
        return " ".join(words[:max_words]).rstrip(",;:–—-") + "…"
    sentence = sentence.strip()
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1].rstrip()
    return sentence


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags trimmed and casefolded (as the page-dump adapter does), without repeats or empties.

    A tag with no letter or digit (RUWA's `*` placeholder) is no tag.
    """
    cleaned = (one_line(tag).strip("#").strip().casefold() for tag in tags)
    return tuple(dict.fromkeys(t for t in cleaned if re.search(r"\w", t)))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "a string"
    return type(value).__name__


def _text(fields: Mapping[str, Any], name: str) -> str:
    """The field as stripped text; '' when absent or null."""
    value = fields.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError(f"{name}: expected a string, found {_kind(value)}")
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _tags(fields: Mapping[str, Any]) -> tuple[str, ...]:
    value = fields.get("tags")
    if value is None:
        return ()
    if not isinstance(value, list | tuple) or not all(isinstance(t, str) for t in value):
        raise FieldError(f"tags: expected a list of strings, found {_kind(value)}")
    return clean_tags(value)


def _url(fields: Mapping[str, Any]) -> str | None:
    url = one_line(_text(fields, "url"))
    if not url:
        return None
    if url.startswith("//"):
        url = "https:" + url
    elif _BARE_HOST_URL.match(url):
        url = "https://" + url  # "tass.com/defense/1418037", as some exports write them
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FieldError(f"url: not a URL ({url[:200]!r})") from None
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FieldError(f"url: expected an absolute http(s) URL, found {url[:200]!r}")
    return url


def _published(
    fields: Mapping[str, Any], tz: str, date_format: str | None
) -> tuple[datetime, datetime | None]:
    value = fields.get("published_at")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise FieldError("published_at: missing")
    if not isinstance(value, str | datetime | date):
        raise FieldError(f"published_at: expected a string, found {_kind(value)}")
    try:
        return parse_published(value, tz, date_format)
    except LocalTimeError as exc:
        raise FieldError(f"published_at: {exc}") from None


def article_record(
    fields: Mapping[str, Any], hints: SourceHints, date_format: str | None = None
) -> ArticleRecord:
    """The record an entry states, by the rules of docs/jsonl-format.md; FieldError if unusable.

    `fields` holds interchange field names; `published_at` may also be a
    datetime or date (a Parquet timestamp column). A time without an offset is
    read in `hints.tz`, with `date_format` (strftime) when given.
    """
    headline = one_line(_text(fields, "headline"))
    body = _text(fields, "body")
    lead = _text(fields, "lead")
    if not headline and not body and not lead:
        raise FieldError("neither headline nor body")
    outlet = one_line(_text(fields, "outlet")) or (hints.outlet or "").strip()
    if not outlet:
        raise FieldError("outlet: missing, and the source configures no outlet")
    published_at, local = _published(fields, hints.tz, date_format)
    derived = not headline
    if derived:
        headline = derive_headline(body or lead)
    return ArticleRecord(
        outlet=outlet,
        headline=headline,
        published_at=published_at,
        published_local=local,
        source_tz=hints.tz if local is not None else None,
        url=_url(fields),
        section=one_line(_text(fields, "section")) or None,
        lead=lead,
        body=body,
        tags=_tags(fields),
        lang=one_line(_text(fields, "lang")) or None,
        headline_derived=derived,
        stub=not body,
    )


def mapped_fields(entry: Mapping[str, Any], mapping: Mapping[str, Any]) -> dict[str, Any]:
    """The entry under interchange field names, by the source's `mapping` (sources.yaml).

    A mapped field reads the key the mapping names (HuffPost's `link` as `url`);
    a field the mapping leaves out keeps its interchange name.
    """
    fields = {name: value for name, value in entry.items() if name not in mapping}
    for field in FIELDS:
        key = mapping.get(field)
        if key:
            fields[field] = entry.get(key)
    return fields


def parse_line(line: bytes, hints: SourceHints) -> ArticleRecord:
    """One line's record; FieldError naming the field (or the JSON problem) when unusable."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FieldError(f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FieldError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise FieldError(f"unreadable JSON: {exc}") from None
    except RecursionError:
        raise FieldError("unreadable JSON: nested too deeply") from None
    if not isinstance(value, dict):
        raise FieldError(f"expected a JSON object, found {_kind(value)}")
    mapping = hints.mapping or {}
    if mapping:
        value = mapped_fields(value, mapping)
    return article_record(value, hints, mapping.get("date_format"))


def parse_items(data: bytes, hints: SourceHints) -> list[Item]:
    """Adapter entry point: one item per non-blank line, its bytes kept without the newline.

    `index` is the 0-based line number (blank lines count); messages say
    `line N` with N 1-based, as editors number lines.
    """
    if not data.strip():
        raise SourceError("empty file")
    if b"\x00" in data[:4096]:
        raise SourceError("binary content (NUL bytes), not JSON Lines")
    items = []
    for index, line in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n")):
        line = line.removesuffix(b"\r")
        if not line.strip():
            continue
        try:
            items.append(Item(index=index, raw=line, record=parse_line(line, hints)))
        except FieldError as exc:
            items.append(Item(index=index, raw=line, error=f"line {index + 1}: {exc}"))
    return items
