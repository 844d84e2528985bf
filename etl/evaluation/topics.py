"""Topic assignment scored against labelled topics: micro and macro F1, per topic.

Scored on the items labelled war-related (the taxonomy is for war news) and,
for reference, on all items.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.evaluation.items import LabelledSet
from etl.evaluation.mentions import Tally
from etl.topics.taxonomy import Taxonomy, assign


@dataclass
class TopicScores:
    items: int
    micro: Tally = field(default_factory=Tally)
    per_topic: dict[str, Tally] = field(default_factory=dict)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # item, topic, fp/fn

    @property
    def macro_f1(self) -> float:
        return (
            sum(t.f1 for t in self.per_topic.values()) / len(self.per_topic)
            if self.per_topic
            else 0.0
        )


def score_topics(taxonomy: Taxonomy, dev_set: LabelledSet, war_only: bool = True) -> TopicScores:
    topics = [t.id for t in taxonomy.topics if dev_set.labelled is None or t.id in dev_set.labelled]
    chosen = [i for i in dev_set.items if i.labels.get("war_related", True) or not war_only]
    scores = TopicScores(items=len(chosen), per_topic={t: Tally() for t in topics})
    for item in chosen:
        predicted = {a.topic_id for a in assign(taxonomy, item.fields)} & set(topics)
        labelled = set(item.labels.get("topics", [])) & set(topics)
        for topic in topics:
            p, g = int(topic in predicted), int(topic in labelled)
            scores.micro.add(p, g)
            scores.per_topic[topic].add(p, g)
            if p != g:
                scores.errors.append((item.number, topic, "extra" if p else "missed"))
    return scores


def report(war: TopicScores, everything: TopicScores, changed: list[int]) -> str:
    lines = [f"items: {war.items} war-related, {everything.items} in all"]
    if changed:
        lines[0] += f" (text changed, skipped: {changed})"
    lines.append(f"{'':<22}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for label, scores in (("war-related, micro", war), ("all items, micro", everything)):
        t = scores.micro
        lines.append(
            f"{label:<22}{t.precision:>10.3f}{t.recall:>10.3f}{t.f1:>8.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}"
        )
    lines.append(f"{'war-related, macro F1':<22}{'':>20}{war.macro_f1:>8.3f}")
    lines.append("")
    lines.append("per topic (war-related)")
    for topic, t in war.per_topic.items():
        lines.append(
            f"  {topic:<20}{t.precision:>10.3f}{t.recall:>10.3f}{t.f1:>8.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}"
        )
    if war.errors:
        lines.append("")
        lines.append("differences (item, topic)")
        lines += [f"  {n:>4} {topic:<20}{kind}" for n, topic, kind in war.errors]
    return "\n".join(lines)
