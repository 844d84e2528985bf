"""Stable article identities.

An article seen on several pages (as the page itself, or as an item in another
page's MORE ABOUT, HOT NEWS or LATEST list) must get the same id every time, so
the id is derived from what every sighting shares: the outlet, the headline
normalised for case, quotes, dashes and spacing, and the minute of publication
when it is known.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime

_QUOTES = str.maketrans(
    {c: '"' for c in "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb'`"}
)
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s]")


def headline_key(headline: str) -> str:
    """Headline reduced to lower-case words, so typographic variants compare equal."""
    text = unicodedata.normalize("NFKC", headline).translate(_QUOTES).translate(_DASHES)
    text = _NOT_WORD.sub(" ", text.casefold())
    return _SPACES.sub(" ", text).strip()


def article_id(outlet: str, headline: str, published_at: datetime | None) -> str:
    """A 16-hex-digit id from outlet, normalised headline and UTC minute.

    `published_at` is None for a headline seen only in a list without a time;
    such a stub gets an id of its own until it is matched to a timed article.
    """
    minute = ""
    if published_at is not None:
        minute = published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    material = "\x1f".join((outlet.strip().casefold(), headline_key(headline), minute))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]
