"""The officials reference: who counts as a key official, how they are written, which offices they held.

Loaded from `officials.yaml` (config/officials.yaml unless a home carries its
own) and validated at load, so an analyst who adds a person or an alias gets
a message naming the line's official and field, not a wrong chart.

Matching rules the fields feed (etl/officials/matcher.py):
- `full_names` always count; `surnames` count alone unless `ambiguous_surname`
  is set, in which case only in an article that also names the person in full
  or by a title from `titles`;
- Latin and Cyrillic forms match as written or in capitals, so "trump card"
  never matches "Trump"; Cyrillic case forms are listed explicitly;
- `not_mentions` are phrases that contain a form but name someone or
  something else ("Melania Trump", "Austin, Texas");
- a role's `references` are phrases that name the office, not the person
  ("Ukraine's defence minister"); they resolve to whoever held it on the
  article's publication date.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from etl.reference_files import load_validated

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "officials.yaml"


class OfficialsError(ValueError):
    """officials.yaml cannot be used; the message names the file, official and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _clean_forms(values: list[str]) -> list[str]:
    forms = [" ".join(v.split()) for v in values]
    if any(not f for f in forms):
        raise ValueError("an empty name form")
    return list(dict.fromkeys(forms))


class Role(_Strict):
    """An office held for a period; `valid_to` is exclusive, None while still held."""

    role: str = Field(min_length=1)
    organisation: str = Field(min_length=1)
    valid_from: date
    valid_to: date | None = None
    references: list[str] = Field(default_factory=list)

    @field_validator("references")
    @classmethod
    def _forms(cls, values: list[str]) -> list[str]:
        return _clean_forms(values)

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        if self.valid_to is not None and self.valid_to <= self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is not after valid_from {self.valid_from}")
        return self

    def held_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class Official(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    country: str = Field(min_length=1)
    full_names: list[str] = Field(min_length=1)
    surnames: list[str] = Field(default_factory=list)
    ambiguous_surname: bool = False
    titles: list[str] = Field(default_factory=list)
    not_mentions: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)

    @field_validator("full_names", "surnames", "titles", "not_mentions")
    @classmethod
    def _forms(cls, values: list[str]) -> list[str]:
        return _clean_forms(values)

    @property
    def aliases(self) -> list[str]:
        """Every written form that names the person."""
        return list(dict.fromkeys([*self.full_names, *self.titles, *self.surnames]))


class OfficialsReference(_Strict):
    officials: list[Official] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> OfficialsReference:
        repeated = [i for i, n in Counter(o.id for o in self.officials).items() if n > 1]
        if repeated:
            raise ValueError(f"official ids must be unique; repeated: {', '.join(repeated)}")
        owners: dict[str, str] = {}
        for official in self.officials:
            for form in [*official.full_names, *official.titles]:
                other = owners.setdefault(form.casefold(), official.id)
                if other != official.id:
                    raise ValueError(
                        f"{form!r} is a full name or title of both {other} and {official.id}"
                    )
        return self

    @cached_property
    def by_id(self) -> dict[str, Official]:
        return {o.id: o for o in self.officials}


def load_officials(path: Path | None = None) -> OfficialsReference:
    """The validated reference; OfficialsError naming the official and field when it is wrong."""
    return load_validated(path or DEFAULT_PATH, OfficialsReference, OfficialsError)
