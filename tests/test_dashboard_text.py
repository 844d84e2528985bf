"""Article text shown in the dashboard: escaped so Markdown shows it literally, mentions marked."""

from __future__ import annotations

import re
import string

from hypothesis import given
from hypothesis import strategies as st

from dashboard.text import HIGHLIGHT_OPEN, escape_markdown, highlighted

# Read left to right as CommonMark does: our highlight's opening, an escape pair, our
# closing bracket (never escaped), or any other character.
TOKENS = re.compile(
    re.escape(HIGHLIGHT_OPEN) + r"|\\([" + re.escape(string.punctuation) + r"])|\]|.", re.DOTALL
)


def _shown(markdown: str) -> str:
    """What CommonMark shows for our output: escapes resolved, our line breaks as newlines."""
    shown = []
    for token in TOKENS.finditer(markdown.replace("  \n", "\n")):
        if token.group(0) in (HIGHLIGHT_OPEN, "]"):
            continue
        shown.append(token.group(1) if token.group(1) is not None else token.group(0))
    return "".join(shown)


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


def test_a_highlighted_backslash_stays_one_backslash() -> None:
    assert highlighted("\\", [(0, 1)]) == ":orange-background[\\\\]"
    assert _shown(highlighted("a\\]", [(0, 3)])) == "a\\]"


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
