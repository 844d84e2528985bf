"""Article text shown in the dashboard: escaped so Markdown shows it literally, mentions marked."""

from __future__ import annotations

import re
import string

from hypothesis import given
from hypothesis import strategies as st

from dashboard.text import HIGHLIGHT_OPEN, escape_markdown, highlighted

ESCAPED = re.compile(r"\\([" + re.escape(string.punctuation) + "])")


def _shown(markdown: str) -> str:
    """What CommonMark shows for our output: escapes resolved, our line breaks as newlines."""
    plain = markdown.replace(HIGHLIGHT_OPEN, "\0").replace("  \n", "\n")
    plain = re.sub(r"(?<!\\)\]", "", plain).replace("\0", "")
    return ESCAPED.sub(r"\1", plain)


def test_markup_is_escaped_character_by_character() -> None:
    text = "<script>alert(1)</script> [x](javascript:alert(1)) **b** $x$ :red[y] `c`"
    out = escape_markdown(text)
    assert "<" not in out.replace("\\<", "")
    assert "[" not in out.replace("\\[", "")
    assert "\\*\\*b\\*\\*" in out and "\\$x\\$" in out and "\\:red\\[y\\]" in out


def test_indentation_cannot_make_a_code_block() -> None:
    assert escape_markdown("first\n    indented") == "first  \nindented"


def test_mentions_are_highlighted_and_the_rest_left_alone() -> None:
    text = "Umerov met Sybiha."
    out = highlighted(text, [(0, 6), (11, 17)])
    assert out == ":orange-background[Umerov] met :orange-background[Sybiha]\\."


def test_spans_out_of_range_or_overlapping_are_clipped() -> None:
    out = highlighted("abc", [(-5, 1), (0, 2), (2, 99)])
    assert out == ":orange-background[abc]"


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\0")),
    st.lists(st.tuples(st.integers(-3, 60), st.integers(-3, 60)), max_size=4),
)
def test_the_text_shown_is_the_text_given(text: str, spans: list[tuple[int, int]]) -> None:
    expected = "\n".join(line.lstrip(" \t") for line in text.split("\n"))
    assert _shown(highlighted(text, spans)) == expected
