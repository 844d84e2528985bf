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
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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


TRACKING_PARAMETERS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|yclid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|at_\w+|ito|smid)$",
    re.IGNORECASE,
)


def canonical_url(url: str) -> str:
    """The URL with scheme and host lower-cased, default port, fragment and tracking dropped.

    `http` and `https` compare equal (as `https`), as do `www.` and bare hosts. A
    string that is not a URL at all (`http://[::1`) is its own canonical form.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    scheme = (parts.scheme or "https").lower()
    scheme = "https" if scheme in {"http", "https"} else scheme
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING_PARAMETERS.match(k)
        ]
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def _digest(*parts: str) -> str:
    # surrogatepass: a lone surrogate (not a character) still gives a stable id
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_id(
    outlet: str, headline: str, published_at: datetime | None, url: str | None = None
) -> str:
    """A 16-hex-digit id: from the canonical URL when known, else outlet, headline and minute.

    `published_at` is None for a headline seen only in a list without a time;
    such a stub gets an id of its own until it is matched to a timed article.
    """
    if url:
        return _digest("url", canonical_url(url))
    return keyed_article_id(outlet, headline_key(headline), published_at)


def keyed_article_id(outlet: str, key: str, published_at: datetime | None) -> str:
    """`article_id` without a URL, for a caller that has the headline's key already."""
    minute = ""
    if published_at is not None:
        minute = published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    return _digest(outlet.strip().casefold(), key, minute)
