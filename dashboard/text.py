"""Showing article text safely: as literal text, never as HTML or Markdown.

Article text is written by strangers. Streamlit renders Markdown (and never raw
HTML unless asked), so every ASCII punctuation character is backslash-escaped:
CommonMark then shows it literally, which defeats links, images, emphasis,
`$...$` maths, `:emoji:` codes and colour directives hidden in the text. Mentions
are highlighted with Streamlit's own background directive around escaped text.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

PUNCTUATION = frozenset(string.punctuation)
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = ":orange-background[", "]"
LINE_BREAK = "  \n"


def _escaped(char: str) -> str:
    return "\\" + char if char in PUNCTUATION else char


def escape_markdown(text: str) -> str:
    """`text` as Markdown that renders to exactly `text` (line breaks kept)."""
    return highlighted(text, ())


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Escaped Markdown of `text` with the character spans [start, end) highlighted.

    Overlapping or out-of-range spans are merged or clipped; a highlight stops at a
    line break and resumes after it. Indentation is dropped so no line becomes code.
    """
    marked = [False] * len(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(text))):
            marked[i] = True
    out: list[str] = []
    line_start, open_ = True, False
    for char, mark in zip(text.replace("\r", " "), marked, strict=True):
        if open_ and (char == "\n" or not mark):
            out.append(HIGHLIGHT_CLOSE)
            open_ = False
        if char == "\n":
            out.append(LINE_BREAK)
            line_start = True
            continue
        if line_start and char in " \t":
            continue
        line_start = False
        if mark and not open_:
            out.append(HIGHLIGHT_OPEN)
            open_ = True
        out.append(_escaped(char))
    if open_:
        out.append(HIGHLIGHT_CLOSE)
    return "".join(out)
