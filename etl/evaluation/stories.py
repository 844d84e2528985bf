"""Story grouping scored against hand-made groups: pairwise precision and recall.

Every pair of items is either in the same story or not, by the labels and by
the grouper; precision is the share of pairs the grouper puts together that
belong together, recall the share of pairs that belong together it finds.
"""

from __future__ import annotations

from datetime import datetime, time
from itertools import combinations

from etl.evaluation.items import LabelledSet
from etl.evaluation.mentions import Tally
from etl.topics.stories import StoryArticle, StoryGrouper, content_words


def score_stories(dev_set: LabelledSet, grouper: StoryGrouper) -> tuple[Tally, int, int]:
    """(pairwise tally, stories labelled, stories found)."""
    items = sorted(dev_set.items, key=lambda i: (i.published, i.number))
    articles = [
        StoryArticle(
            str(item.number),
            datetime.combine(item.published, time(12)),
            content_words(
                item.fields["headline"], item.fields["lead"], item.fields["body"], item.outlet
            ),
        )
        for item in items
    ]
    found = {article: story for article, story, _ in grouper.group(articles)}
    labelled = {str(item.number): item.labels["story"] for item in items}
    tally = Tally()
    for a, b in combinations(labelled, 2):
        tally.add(int(found[a] == found[b]), int(labelled[a] == labelled[b]))
    return tally, len(set(labelled.values())), len(set(found.values()))
