"""Find mentions of officials in an article's fields: by name, and by office on the article's date.

Every written form of the reference (full names, titles, surnames, role
phrases and the `not_mentions` phrases that contain a form but name someone
else) goes into one Aho-Corasick automaton over lower-cased text, scanned
leftmost-longest. So "Melania Trump" and "Austin, Texas" win over the
"Trump" and "Austin" inside them, and "Donald Trump Jr." over "Donald Trump",
in one pass whatever the number of officials.

A raw hit becomes a mention only if it stands between word boundaries and is
written as in the reference or in capitals; role phrases match in any case.
Then, per article:
- a surname alone goes to the official named in full (or by title) in the
  same article; when nobody is, to the one official whose surname it
  unambiguously is; otherwise it is dropped;
- a role phrase goes to whoever held the office on the publication date,
  unless a name follows it ("Russian President Vladimir Putin": one name
  mention, not two) or it is qualified as past ("former", "ex-").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

import ahocorasick

from etl.officials.reference import OfficialsReference

FIELDS = ("headline", "lead", "body")

# Unqualified offices after "the" ("the president said") name whoever the article is about:
# they resolve to the one official named in the same article who held an office
# of that kind on the publication date, and to nobody when there are several.
# phrase -> (words the office's title must contain, ^ for its start; words it must not contain)
GENERIC_ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "president": (("^president of",), ("elect",)),
    "head of state": (("^president of",), ("elect",)),
    "prime minister": (("prime minister",), ("deputy",)),
    "premier": (("prime minister",), ("deputy",)),
    "chancellor": (("chancellor",), ()),
    "defence minister": (("minister of defence",), ("deputy",)),
    "defense minister": (("minister of defence",), ("deputy",)),
    "minister of defence": (("minister of defence",), ("deputy",)),
    "minister of defense": (("minister of defence",), ("deputy",)),
    "foreign minister": (("minister of foreign affairs",), ("deputy",)),
    "foreign secretary": (("foreign secretary",), ("deputy",)),
    "secretary of state": (("secretary of state",), ("deputy",)),
    "defense secretary": (("secretary of defense",), ("deputy",)),
    "defence secretary": (("secretary of defense",), ("deputy",)),
    "pentagon chief": (("secretary of defense",), ("deputy",)),
    "secretary general": (("secretary general",), ("deputy",)),
    "secretary-general": (("secretary general",), ("deputy",)),
    "vice president": (("vice president",), ()),
    "mayor": (("mayor",), ()),
    "commander-in-chief": (("commander-in-chief",), ()),
    "ombudsman": (("ombudsman",), ()),
}
_PAST = ("former ", "ex-", "ex ", "late ", "then-", "then ", "previous ", "outgoing ")


class Kind(Enum):
    FULL = "full"  # a full name or a title: names the person whatever else the article says
    SURNAME = "surname"
    ROLE = "role"  # a qualified office: "Ukraine's defence minister"
    GENERIC = "generic"  # an unqualified office: "the president"
    NOT = "not"  # a phrase that contains a form but names someone or something else


_NAMES = {Kind.FULL, Kind.SURNAME}


@dataclass(frozen=True, slots=True)
class Form:
    kind: Kind
    official_id: str
    written: str  # as in the reference, for the case check
    role_index: int = -1


@dataclass(frozen=True, slots=True)
class Mention:
    official_id: str
    field: str
    start: int
    end: int
    matched_text: str
    method: str  # 'name' or 'role'


@dataclass(frozen=True, slots=True)
class _Hit:
    field: str
    start: int
    end: int
    text: str
    forms: tuple[Form, ...]


_FOLDED = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("`", "'"), ("\u00a0", " "))


def _fold(text: str) -> str:
    """Typographic apostrophes and no-break spaces as plain ones: "Ukraine’s" is "Ukraine's".

    Chained str.replace: each is one C scan, many times faster than str.translate.
    """
    for typographic, plain in _FOLDED:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


def _lower(text: str) -> str:
    """Folded lower case with the same length, so offsets in it are offsets in the text."""
    lowered = _fold(text).lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in _fold(text))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


class OfficialMatcher:
    """Compiled once per reference; `mentions()` is pure and safe to call from many threads."""

    def __init__(self, reference: OfficialsReference) -> None:
        self.reference = reference
        self._unambiguous = {o.id for o in reference.officials if not o.ambiguous_surname}
        self._roles = {o.id: o.roles for o in reference.officials}
        forms: dict[str, list[Form]] = defaultdict(list)
        for official in reference.officials:
            for written in [*official.full_names, *official.titles]:
                forms[_lower(written)].append(Form(Kind.FULL, official.id, _fold(written)))
            for written in official.surnames:
                forms[_lower(written)].append(Form(Kind.SURNAME, official.id, _fold(written)))
            for written in official.not_mentions:
                forms[_lower(written)].append(Form(Kind.NOT, official.id, written))
            for index, role in enumerate(official.roles):
                for written in role.references:
                    forms[_lower(written)].append(Form(Kind.ROLE, official.id, written, index))
                title = (
                    role.role.lower().replace("defense", "defence").replace("-general", " general")
                )
                for phrase, (needed, excluded) in GENERIC_ROLES.items():
                    if _titled(title, needed, excluded):
                        forms[phrase].append(Form(Kind.GENERIC, official.id, phrase, index))
        self._automaton = ahocorasick.Automaton()
        for key, entries in forms.items():
            self._automaton.add_word(key, (key, tuple(entries)))
        self._automaton.make_automaton()

    def _hits(self, field: str, text: str) -> Iterable[_Hit]:
        lowered = _lower(text)
        for end_index, (key, forms) in self._automaton.iter_long(lowered):
            start, end = end_index - len(key) + 1, end_index + 1
            if (start > 0 and _is_word(text[start - 1])) or (
                end < len(text) and _is_word(text[end])
            ):
                continue
            written = text[start:end]
            kept = tuple(f for f in forms if _written_as(f, _fold(written)))
            if kept:
                yield _Hit(field, start, end, written, kept)

    def mentions(self, fields: Mapping[str, str | None], published: date | None) -> list[Mention]:
        """Mentions in `fields` (headline, lead, body), in field and text order."""
        hits = [h for field in FIELDS for h in self._hits(field, fields.get(field) or "")]
        named = {f.official_id for h in hits for f in h.forms if f.kind is Kind.FULL}
        found: list[Mention | None] = []
        generic: list[int] = []
        for index, hit in enumerate(hits):
            kinds = {f.kind for f in hit.forms}
            official = None
            if Kind.NOT in kinds and Kind.FULL not in kinds:
                pass
            elif (official := self._resolve_name(hit, named)) is not None:
                found.append(Mention(official, hit.field, hit.start, hit.end, hit.text, "name"))
                continue
            elif kinds & {Kind.ROLE, Kind.GENERIC} and published is not None:
                beside = hits[max(0, index - 1) : index] + hits[index + 1 : index + 2]
                if self._names_the_person(hit, fields, beside):
                    pass
                elif Kind.ROLE in kinds:
                    official = self._holder(hit, published, Kind.ROLE, None)
                elif _after_the(fields.get(hit.field) or "", hit.start):
                    generic.append(len(found))
            found.append(
                Mention(official, hit.field, hit.start, hit.end, hit.text, "role")
                if official
                else None
            )
        referred = {m.official_id for m in found if m is not None}
        for position in generic:
            hit = hits[position]
            official = self._holder(hit, published, Kind.GENERIC, referred)
            if official is not None:
                found[position] = Mention(official, hit.field, hit.start, hit.end, hit.text, "role")
        return [m for m in found if m is not None]

    def _resolve_name(self, hit: _Hit, named: set[str]) -> str | None:
        full = {f.official_id for f in hit.forms if f.kind is Kind.FULL}
        if len(full) == 1:
            return next(iter(full))
        if full:
            return None
        candidates = {f.official_id for f in hit.forms if f.kind is Kind.SURNAME}
        if not candidates:
            return None
        in_article = candidates & named
        if in_article:
            return next(iter(in_article)) if len(in_article) == 1 else None
        alone = candidates & self._unambiguous
        return next(iter(alone)) if len(alone) == 1 and len(candidates) == 1 else None

    def _names_the_person(
        self, hit: _Hit, fields: Mapping[str, str | None], beside: list[_Hit]
    ) -> bool:
        """A past office ("former"), or one next to the holder's name, is not a reference.

        "Russian President Vladimir Putin" and "Oleksandr Kubrakov, Ukraine's
        infrastructure minister," are one name mention each, not two mentions.
        """
        text = fields.get(hit.field) or ""
        before = _lower(text[max(0, hit.start - 10) : hit.start])
        if any(before.endswith(word) for word in _PAST):
            return True
        for other in beside:
            if other.field != hit.field or not {f.kind for f in other.forms} & _NAMES:
                continue
            gap = (
                text[hit.end : other.start]
                if other.start >= hit.end
                else text[other.end : hit.start]
            )
            if len(gap) <= 2 and gap.strip(" ,") == "":
                return True
        return False

    def _holder(self, hit: _Hit, published: date, kind: Kind, among: set[str] | None) -> str | None:
        """The one official who held the hit's office on `published` (and is in `among`)."""
        holders = {
            f.official_id
            for f in hit.forms
            if f.kind is kind
            and self._roles[f.official_id][f.role_index].held_on(published)
            and (among is None or f.official_id in among)
        }
        return next(iter(holders)) if len(holders) == 1 else None


def _after_the(text: str, start: int) -> bool:
    return _lower(text[max(0, start - 4) : start]) == "the "


def _titled(title: str, needed: tuple[str, ...], excluded: tuple[str, ...]) -> bool:
    present = all(title.startswith(w[1:]) if w.startswith("^") else w in title for w in needed)
    return present and not any(w in title for w in excluded)


def _written_as(form: Form, written: str) -> bool:
    """Names match as the reference writes them or in capitals; phrases in any case."""
    if form.kind in (Kind.ROLE, Kind.GENERIC, Kind.NOT):
        return True
    return written == form.written or (written.isupper() and written == form.written.upper())
