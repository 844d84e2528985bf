"""Synthetic page dumps in the Interfax-Ukraine layout, deterministic and streaming.

`generate_pages` yields one page at a time in publication order, so a million
pages cost no more memory than ten. The same seed always gives the same bytes.
Lists on each page (MORE ABOUT, HOT NEWS, LATEST) point at pages generated
earlier by the same outlet, as on a real site.
"""

from __future__ import annotations

import random
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from etl.demo.cast import holder
from etl.demo.storylines import (
    CITIES,
    COUNTRIES,
    DATELINES,
    REGIONS,
    TOPICS,
    WEEKDAYS,
    topic_weights,
)


@dataclass(frozen=True)
class Outlet:
    name: str
    weight: float
    sections: tuple[str, ...]
    newline: str = "\n"
    bom: bool = False


OUTLETS = (
    Outlet("Kyiv Wire", 0.40, ("Facts", "Politics", "War", "Economics")),
    Outlet("Dnipro Ledger", 0.25, ("News", "Front", "Economy"), newline="\r\n"),
    Outlet("Black Sea Monitor", 0.20, ("Ukraine", "World", "Business"), bom=True),
    Outlet("Carpathian Herald", 0.15, ("Politics", "Society", "Energy")),
)


@dataclass(frozen=True)
class DemoSettings:
    articles: int = 3600
    start: date = date(2024, 6, 1)
    end: date = date(2025, 12, 31)
    seed: int = 20250523
    broken: int = 2  # malformed pages, to show the quarantine at work


@dataclass(frozen=True)
class DemoPage:
    relpath: str
    text: str

    def encoded(self) -> bytes:
        return self.text.encode("utf-8")


_PLACEHOLDER = re.compile(r"\{(?:([SF]):(\w+)|(\w+))\}")
_Listed = tuple[datetime, str]


def _daily_counts(settings: DemoSettings) -> list[tuple[date, int]]:
    """Split the article total across days in proportion to that day's news intensity."""
    days = [settings.start + timedelta(d) for d in range((settings.end - settings.start).days + 1)]
    weights = [sum(topic_weights(d).values()) * (0.7 if d.weekday() >= 5 else 1.0) for d in days]
    scale = settings.articles / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(days)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: settings.articles - sum(counts)]:
        counts[i] += 1
    return list(zip(days, counts))


class _Writer:
    """Fills templates and lays pages out; holds the per-outlet memory of past headlines."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.recent: dict[str, deque[_Listed]] = {o.name: deque(maxlen=40) for o in OUTLETS}
        self.by_tag: dict[tuple[str, str], deque[_Listed]] = {}
        self.wire: deque[tuple[datetime, str, str, list[str], list[str]]] = deque(maxlen=30)

    def republished(
        self, outlet: Outlet, when: datetime
    ) -> tuple[str, list[str], list[str]] | None:
        """Now and then, another outlet's story of the last two days run again, credited."""
        others = [
            story
            for story in self.wire
            if story[1] != outlet.name and story[3] and when - story[0] <= timedelta(days=2)
        ]
        if not others or self.rng.random() >= 0.04:
            return None
        _, source, headline, paragraphs, tags = self.rng.choice(others)
        return headline, [*paragraphs, f"This report was first published by {source}."], tags

    def fill(self, template: str, day: date, mentioned: list[str]) -> str:
        def replace(match: re.Match[str]) -> str:
            kind, role, plain = match.groups()
            if role:
                full, surname, title = holder(role, day)
                mentioned.append(surname)
                return surname if kind == "S" else f"{title} {full}"
            rng = self.rng
            return {
                "n": lambda: str(rng.choice([rng.randint(2, 19), rng.randint(20, 400)])),
                "city": lambda: rng.choice(CITIES),
                "region": lambda: rng.choice(REGIONS),
                "country": lambda: rng.choice(COUNTRIES),
                "weekday": lambda: WEEKDAYS[day.weekday()],
            }[plain]()

        return _PLACEHOLDER.sub(replace, template)

    def article(
        self, outlet: Outlet, topic: str, when: datetime
    ) -> tuple[str, list[str], list[str]]:
        """Headline, paragraphs and tags of one article."""
        rng, spec, day = self.rng, TOPICS[topic], when.date()
        mentioned: list[str] = []
        headline = self.fill(rng.choice(spec["headlines"]), day, mentioned)
        if rng.random() < 0.02:
            return headline, [], self._tags(spec, mentioned)
        sentences = rng.sample(spec["sentences"], k=min(len(spec["sentences"]), rng.randint(2, 4)))
        paragraphs = [self.fill(s, day, mentioned) for s in sentences]
        paragraphs.insert(1, self.fill(rng.choice(DATELINES), day, mentioned))
        speaker = mentioned[0] if mentioned else None
        quote = rng.choice(spec["quotes"])
        if speaker:
            paragraphs.insert(1, f'"{quote}," {speaker} said.')
        else:
            paragraphs.insert(1, f'"{quote}," the statement said.')
        if rng.random() < 0.3:
            paragraphs.append(
                f'"{rng.choice(spec["quotes"])}," {"he" if speaker else "it"} wrote on Telegram.'
            )
        return headline, paragraphs, self._tags(spec, mentioned)

    def _tags(self, spec: dict[str, list[str]], mentioned: list[str]) -> list[str]:
        if self.rng.random() < 0.03:
            return []
        names = [m.lower().replace(" ", "_") for m in mentioned]
        return list(dict.fromkeys(names[:2] + spec["tags"][:1]))

    def layout(
        self,
        outlet: Outlet,
        section: str,
        when: datetime,
        headline: str,
        paragraphs: list[str],
        tags: list[str],
    ) -> str:
        rng = self.rng
        words = sum(len(p.split()) for p in paragraphs)
        lines = [outlet.name, section, f"{when:%H:%M %d.%m.%Y}", "", headline, ""]
        lines += [f"{max(1, round(words / 200))} min read", headline, ""]
        for i, paragraph in enumerate(paragraphs):
            lines += [paragraph, ""]
            if i == 0 and rng.random() < 0.4:
                lines += ["AD", ""]
        if tags:
            lines += ["Tags: " + " ".join(f"#{t}" for t in tags), ""]
        related = list(self.by_tag.get((outlet.name, tags[0]), ()))[::-1][:10] if tags else []
        if related and rng.random() < 0.9:
            lines += ["MORE ABOUT", ""]
            for listed_at, listed in related:
                lines += [f"{listed_at:%H:%M %d.%m.%Y}", listed, "", listed, ""]
        recent = list(self.recent[outlet.name])[::-1]
        if len(recent) >= 5:
            lines += ["HOT NEWS", ""]
            for _, listed in sorted(rng.sample(recent, 5), reverse=True):
                lines += [listed, ""]
            lines += ["LATEST", ""]
            for _, listed in recent[:10]:
                lines += [listed, ""]
        lines += ["AD", "AD"]
        return ("\ufeff" if outlet.bom else "") + outlet.newline.join(lines) + outlet.newline

    def remember(self, outlet: Outlet, when: datetime, headline: str, tags: list[str]) -> None:
        self.recent[outlet.name].append((when, headline))
        for tag in tags:
            self.by_tag.setdefault((outlet.name, tag), deque(maxlen=10)).append((when, headline))


def _broken_pages(settings: DemoSettings) -> Iterator[DemoPage]:
    samples = [
        "Kyiv Wire\nFacts\n14:05 31.02.2025\n\nA page whose printed date does not exist\n\nText.\n",
        "Dnipro Ledger\nNews\n",
        "Black Sea Monitor\nUkraine\n18:40 2025-06-01\n\nA page with its time in the wrong format\n",
    ]
    for i in range(settings.broken):
        yield DemoPage(f"broken/{i:03d}.txt", samples[i % len(samples)])


def generate_pages(settings: DemoSettings = DemoSettings()) -> Iterator[DemoPage]:
    """Yield `settings.articles` pages (plus `settings.broken` malformed ones), oldest first."""
    rng = random.Random(settings.seed)
    writer = _Writer(rng)
    outlet_weights = [o.weight for o in OUTLETS]
    sequence = 0
    for day, count in _daily_counts(settings):
        weights = topic_weights(day)
        topics, topic_w = list(weights), list(weights.values())
        minutes = sorted(rng.randint(7 * 60, 23 * 60 + 30) for _ in range(count))
        taken: set[tuple[str, datetime]] = set()
        for minute in minutes:
            outlet = rng.choices(OUTLETS, outlet_weights)[0]
            when = datetime(day.year, day.month, day.day) + timedelta(minutes=minute)
            while (outlet.name, when) in taken:
                when += timedelta(minutes=1)
            taken.add((outlet.name, when))
            topic = rng.choices(topics, topic_w)[0]
            story = writer.republished(outlet, when) or writer.article(outlet, topic, when)
            headline, paragraphs, tags = story
            writer.wire.append((when, outlet.name, headline, paragraphs, tags))
            section = rng.choice(outlet.sections)
            text = writer.layout(outlet, section, when, headline, paragraphs, tags)
            writer.remember(outlet, when, headline, tags)
            sequence += 1
            slug = outlet.name.lower().replace(" ", "-")
            yield DemoPage(f"{slug}/{when:%Y-%m}/{sequence:07d}.txt", text)
    yield from _broken_pages(settings)


def write_corpus(folder: Path, settings: DemoSettings = DemoSettings()) -> int:
    """Write the demo pages under `folder`; return how many files were written."""
    written = 0
    for page in generate_pages(settings):
        target = folder / page.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.encoded())
        written += 1
    return written
