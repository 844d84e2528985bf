"""Precision, recall and F1 of official mentions against labelled counts.

Three scores, as analysts use the numbers:
- article level: is the official named in the article at all (name mentions);
- mention level: how many times (per article, matched count against labelled);
- role references (`method = 'role'`), at mention level, reported apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from etl.evaluation.items import LabelledSet
from etl.officials.matcher import OfficialMatcher


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: int, labelled: int) -> None:
        self.tp += min(predicted, labelled)
        self.fp += max(0, predicted - labelled)
        self.fn += max(0, labelled - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class MentionScores:
    items: int
    article: Tally = field(default_factory=Tally)
    mention: Tally = field(default_factory=Tally)
    role: Tally = field(default_factory=Tally)
    per_official: dict[str, Tally] = field(default_factory=dict)
    errors: list[tuple[int, str, int, int, str]] = field(default_factory=list)


def score_mentions(matcher: OfficialMatcher, dev_set: LabelledSet) -> MentionScores:
    """Scores over the labelled items; `errors` lists (item, official, found, labelled, kind)."""
    scores = MentionScores(items=len(dev_set.items))
    for item in dev_set.items:
        found = [
            m
            for m in matcher.mentions(item.fields, item.published)
            if dev_set.labelled is None or m.official_id in dev_set.labelled
        ]
        names = Counter(m.official_id for m in found if m.method == "name")
        roles = Counter(m.official_id for m in found if m.method == "role")
        labelled_names = Counter(item.labels.get("mentions", {}))
        labelled_roles = Counter(item.labels.get("roles", {}))
        for official in names.keys() | labelled_names.keys():
            predicted, labelled = names[official], labelled_names[official]
            scores.article.add(int(predicted > 0), int(labelled > 0))
            scores.mention.add(predicted, labelled)
            scores.per_official.setdefault(official, Tally()).add(predicted, labelled)
            if predicted != labelled:
                scores.errors.append((item.number, official, predicted, labelled, "name"))
        for official in roles.keys() | labelled_roles.keys():
            predicted, labelled = roles[official], labelled_roles[official]
            scores.role.add(predicted, labelled)
            if predicted != labelled:
                scores.errors.append((item.number, official, predicted, labelled, "role"))
    return scores


def report(scores: MentionScores, changed: list[int]) -> str:
    """A plain-text table of the scores, the per-official rows and the misses."""
    lines = [
        f"items scored: {scores.items}"
        + (f" (text changed, skipped: {changed})" if changed else "")
    ]
    lines.append(
        f"{'level':<28}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"
    )
    for label, tally in (
        ("names, article level", scores.article),
        ("names, mention level", scores.mention),
        ("role references", scores.role),
    ):
        lines.append(
            f"{label:<28}{tally.precision:>10.3f}{tally.recall:>10.3f}{tally.f1:>8.3f}"
            f"{tally.tp:>6}{tally.fp:>6}{tally.fn:>6}"
        )
    lines.append("")
    lines.append("per official (mention level)")
    for official, tally in sorted(
        scores.per_official.items(), key=lambda kv: -(kv[1].tp + kv[1].fn)
    ):
        lines.append(
            f"  {official:<26}{tally.precision:>10.3f}{tally.recall:>10.3f}{tally.f1:>8.3f}"
            f"{tally.tp:>6}{tally.fp:>6}{tally.fn:>6}"
        )
    if scores.errors:
        lines.append("")
        lines.append("differences (item, official, found, labelled, kind)")
        lines += [f"  {e[0]:>4} {e[1]:<20}{e[2]:>4}{e[3]:>4}  {e[4]}" for e in scores.errors]
    return "\n".join(lines)
