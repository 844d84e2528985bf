"""Text normalisation as Polars expressions, applied to whole batches of articles.

Every adapter hands over text as its source wrote it. Here it is made uniform
before it is stored: Unicode NFC (so "é" is one code point however it was
typed), HTML entities decoded, invisible and control characters dropped,
whitespace collapsed within lines, and page furniture (advertising slots,
reading times, share and subscribe prompts, cookie banners) removed from the
text. Each function takes and returns a `pl.Expr`, so they compose and run in
Polars' engine instead of a Python loop.
"""

from __future__ import annotations

import html
import re
import unicodedata

import polars as pl

# Whole lines that are page furniture, never article text (matched case-insensitively).
FURNITURE_LINES = [
    r"ad",
    r"advertisement",
    r"advertising",
    r"реклама",
    r"\d+\s*min(ute)?s?\.?\s+read",
    r"(share|share this( article| story)?|share on \w+|tweet|email|print|copy link)",
    r"(subscribe|subscribe now|sign up|sign in|log in|register)( to [^.]{0,60})?",
    r"(follow us|join us) on [^.]{0,60}",
    r"(read more|read also|see also|related|most read|more about|hot news|latest)\s*:?",
    r"(this (web)?site|we) uses? cookies[^\n]{0,300}",
    r"(accept( all)?( cookies)?|reject( all)?|cookie (settings|policy|preferences)|manage cookies)",
    r"(advertisement - scroll to continue|scroll to continue with content)",
]
_FURNITURE = r"(?im)^[ \t]*(?:" + "|".join(FURNITURE_LINES) + r")[ \t]*$"
_INVISIBLE = r"[\u00ad\u200b\u200c\u200d\u2060\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]"
_INVISIBLE_CHARS = re.compile(_INVISIBLE)
_SPACES = re.compile(r"\s+")


def normalize_line(text: str) -> str:
    """One-line text (a headline): entities decoded, NFC, no invisible characters, one space."""
    text = (
        unicodedata.normalize("NFC", html.unescape(text))
        if "&" in text
        else unicodedata.normalize("NFC", text)
    )
    return _SPACES.sub(" ", _INVISIBLE_CHARS.sub("", text)).strip()


def normalize_text(expr: pl.Expr) -> pl.Expr:
    """NFC, entities decoded, invisible characters dropped, spaces collapsed, lines trimmed."""
    decoded = (
        pl.when(expr.str.contains("&", literal=True))
        .then(expr.map_elements(html.unescape, return_dtype=pl.String))
        .otherwise(expr)
    )
    return (
        decoded.str.normalize("NFC")
        .str.replace_all(_INVISIBLE, "")
        .str.replace_all(r"[\u00a0\u2007\u202f]", " ")
        .str.replace_all(r"[ \t]+", " ")
        .str.replace_all(r"(?m)^ +| +$", "")
    )


def strip_furniture(expr: pl.Expr) -> pl.Expr:
    """Drop furniture lines, then squeeze the blank lines they leave behind."""
    return (
        expr.str.replace_all(_FURNITURE, "")
        .str.replace_all(r"\n{3,}", "\n\n")
        .str.strip_chars("\n ")
    )


def drop_repeated_headline(text: pl.Expr, headline: pl.Expr) -> pl.Expr:
    """Remove the headline when the text starts by repeating it."""
    return (
        pl.when(text.str.starts_with(headline) & (headline.str.len_chars() > 0))
        .then(text.str.slice(headline.str.len_chars()).str.strip_chars_start("\n "))
        .otherwise(text)
    )


def clean_articles(frame: pl.DataFrame) -> pl.DataFrame:
    """Normalise lead and body of a staging batch (headlines come cleaned) and recount words."""
    if frame.is_empty():
        return frame
    cleaned = frame.with_columns(
        strip_furniture(
            drop_repeated_headline(normalize_text(pl.col(c)), pl.col("headline"))
        ).alias(c)
        for c in ("lead", "body")
    )
    words = pl.concat_str(pl.col("lead"), pl.col("body"), separator=" ").str.count_matches(r"\w+")
    return cleaned.with_columns(words.cast(pl.Int32).alias("word_count"))
