"""Attributed speech: what an official said, wrote or told, in their own words.

A quote is a quoted passage (“…”, "…", «…», „…“) attributed by a speech verb
in the text around it, up to the sentence's end after the passage or back to
its start before it:
- to a mention of an official ("…, said Umerov", "Umerov said: “…”",
  "the defence minister told reporters “…”"), or
- to a pronoun ("he wrote") standing for the official mentioned last before
  the passage.
Without quotation marks, a sentence whose subject is a mentioned official
followed by a speech verb gives what follows the verb ("Sybiha said that
talks would resume").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from etl.officials.matcher import Mention

_VERBS = (
    r"said|says|wrote|writes|told|tells|added|adds|stated|states|noted|notes|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|explained|explains|declared|declares|warned|warns|insisted|"
    r"insists|claimed|claims|announced|announces|posted|tweeted|replied|answered|urged|urges"
)
_QUOTED = re.compile(r"“([^”]{8,}?)”|\"([^\"\n]{8,}?)\"|«([^»]{8,}?)»|„([^“”]{8,}?)[“”]")
_BOUNDARY = re.compile(r"[.!?…][\"”»]?\s+(?=[A-ZА-ЯІЇЄҐ“\"«])|\n")
_SUBJECT_THEN_VERB = re.compile(
    rf"\s*,?\s*(?:has |had |also |then |later )?(?P<verb>{_VERBS})\b", re.IGNORECASE
)
_VERB_THEN_SUBJECT = re.compile(rf"\b(?P<verb>{_VERBS})\s+(?:the\s+)?$", re.IGNORECASE)
_PRONOUN_VERB = re.compile(
    rf"\b(?P<pronoun>he|she)\s+(?:has |had |also |then )?(?P<verb>{_VERBS})\b", re.IGNORECASE
)
_REPORTED = re.compile(r"[\s,:]*(?:that\s+)?(?P<said>[^\s\"“«].{15,}?)[.!?…]?\s*$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Quote:
    official_id: str
    field: str
    start: int
    end: int
    quote: str
    cue: str


def _sentence_start(text: str, position: int) -> int:
    starts = [m.end() for m in _BOUNDARY.finditer(text, 0, position)]
    return starts[-1] if starts else 0


def _sentence_end(text: str, position: int) -> int:
    match = _BOUNDARY.search(text, position)
    return match.start() + 1 if match else len(text)


def _attributed(
    text: str, mentions: Sequence[Mention], window: tuple[int, int]
) -> tuple[str, str] | None:
    """(official, verb) when a mention in the window is the subject or object of a speech verb."""
    low, high = window
    for mention in (m for m in mentions if low <= m.start and m.end <= high):
        follows = _SUBJECT_THEN_VERB.match(text, mention.end, high)
        if follows:
            return mention.official_id, follows.group("verb").lower()
        precedes = _VERB_THEN_SUBJECT.search(text[low : mention.start])
        if precedes:
            return mention.official_id, precedes.group("verb").lower()
    return None


def find_quotes(fields: Mapping[str, str | None], mentions: Sequence[Mention]) -> list[Quote]:
    """Quotes in the article's lead and body, attributed using its mentions."""
    quotes: list[Quote] = []
    for field in ("lead", "body"):
        text = fields.get(field) or ""
        if not text:
            continue
        in_field = sorted((m for m in mentions if m.field == field), key=lambda m: m.start)
        quoted_spans: list[tuple[int, int]] = []
        for match in _QUOTED.finditer(text):
            group = next(i for i, g in enumerate(match.groups(), 1) if g)
            start, end = match.start(group), match.end(group)
            quoted_spans.append((match.start(), match.end()))
            outside = [m for m in in_field if not (match.start() <= m.start < match.end())]
            speaker = _attributed(
                text, outside, (match.end(), _sentence_end(text, match.end()))
            ) or _attributed(text, outside, (_sentence_start(text, match.start()), match.start()))
            if speaker is None:
                speaker = _by_pronoun(text, outside, match.start(), match.end())
            if speaker is not None:
                passage = text[start:end].strip().rstrip(",")
                quotes.append(
                    Quote(speaker[0], field, start, start + len(passage), passage, speaker[1])
                )
        quotes += _reported(field, text, in_field, quoted_spans)
    return quotes


def _by_pronoun(
    text: str, mentions: Sequence[Mention], start: int, end: int
) -> tuple[str, str] | None:
    """'“…,” he said': the official mentioned last before the passage."""
    window = text[end : _sentence_end(text, end)] + " " + text[_sentence_start(text, start) : start]
    pronoun = _PRONOUN_VERB.search(window)
    earlier = [m for m in mentions if m.end <= start]
    if pronoun is None or not earlier:
        return None
    return earlier[
        -1
    ].official_id, f"{pronoun.group('pronoun').lower()} {pronoun.group('verb').lower()}"


def _reported(
    field: str, text: str, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]]
) -> list[Quote]:
    """'Sybiha said that talks would resume': sentences without quotation marks."""
    found: list[Quote] = []
    for mention in mentions:
        if any(a <= mention.start < b for a, b in quoted):
            continue
        end = _sentence_end(text, mention.end)
        if any(mention.end <= a < end for a, _ in quoted):
            continue
        verb = _SUBJECT_THEN_VERB.match(text, mention.end, end)
        if verb is None:
            continue
        said = _REPORTED.match(text, verb.end(), end)
        if said is None:
            continue
        passage = said.group("said").rstrip(" .!?…")
        start = said.start("said")
        found.append(
            Quote(
                mention.official_id,
                field,
                start,
                start + len(passage),
                passage,
                verb.group("verb").lower(),
            )
        )
    return found
