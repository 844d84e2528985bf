"""Topic queries, the shipped taxonomy, stories, and both through the pipeline."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from etl.evaluation.items import load_items
from etl.evaluation.stories import score_stories
from etl.evaluation.topics import score_topics
from etl.topics.query import ArticleWords, QueryError, parse_query
from etl.topics.stories import StoryArticle, StoryGrouper, content_words
from etl.topics.taxonomy import TopicsError, assign, load_topics
from tests.conftest import SHARED
from warehouse.connect import open_published
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline

CORPORA = SHARED / "corpora"
DATA = Path(__file__).parent / "data"
TOPIC_IDS = {
    "pow_exchange", "peace_talks", "military_aid", "frontline", "civilian_harm",
    "sanctions_economy", "energy", "corruption_justice", "domestic_politics", "nato_eu",
}  # fmt: skip


def matches(query: str, **fields: str) -> tuple[bool, set[str]]:
    holds, hits = parse_query(query).matches(ArticleWords.of(fields))
    return holds, {t.label for t in hits}


def test_phrases_prefixes_proximity_and_not() -> None:
    body = "Kyiv and Moscow swapped 150 prisoners of war on Friday, officials said."
    assert matches('"prisoners of war" AND swap*', body=body) == (
        True,
        {'"prisoners of war"', "swap*"},
    )
    assert matches('"moscow prisoners"~3', body=body)[0]
    assert not matches('"moscow prisoners"~1', body=body)[0]
    assert not matches('"prisoners of war" AND NOT friday', body=body)[0]
    assert matches("обмін AND полоненими", body="Відбувся обмін полоненими")[0]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("prisoner exchange", "write AND or OR between terms"),
        ("(prisoner OR", "cannot parse"),
        ("title:prisoner", "not supported"),
    ],
)
def test_unreadable_queries_are_refused(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_the_shipped_taxonomy_has_the_promised_topics() -> None:
    taxonomy = load_topics()
    assert {t.id for t in taxonomy.topics} == TOPIC_IDS


def test_an_assignment_says_what_matched_and_a_word_in_passing_is_not_enough() -> None:
    taxonomy = load_topics()
    swap = assign(
        taxonomy,
        {"headline": "Ukraine and Russia carry out prisoner exchange", "lead": "", "body": ""},
    )
    pow_topic = next(a for a in swap if a.topic_id == "pow_exchange")
    assert '"prisoner exchange"' in pow_topic.matched and pow_topic.score >= 3
    passing = assign(taxonomy, {"headline": "Budget talks", "body": "The grid held up."})
    assert "energy" not in {a.topic_id for a in passing}
    tagged = assign(taxonomy, {"headline": "Bulletin", "body": ""}, tags=["Energy"])
    assert [a.matched for a in tagged if a.topic_id == "energy"] == [("tag:energy",)]


def test_a_broken_taxonomy_is_refused_with_where_and_why(tmp_path: Path) -> None:
    path = tmp_path / "topics.yaml"
    path.write_text(
        "topics:\n  - {id: energy, name: Energy, query: 'grid blackout'}\n", encoding="utf-8"
    )
    with pytest.raises(TopicsError, match=r"topics\[0\] \(energy\)\.query: .*AND or OR"):
        load_topics(path)


def _article(article_id: str, hours: float, headline: str) -> StoryArticle:
    published = datetime(2025, 3, 1, tzinfo=UTC) + timedelta(hours=hours)
    return StoryArticle(article_id, published, content_words(headline, "", ""))


def test_articles_about_one_event_form_one_story_and_old_stories_close() -> None:
    articles = [
        _article("a", 0, "Missile strike on Kremenchuk shopping mall kills 18"),
        _article("b", 2, "Grain ship leaves Odesa port"),
        _article("c", 5, "Kremenchuk mall strike: death toll rises to 20"),
        _article("d", 200, "Kremenchuk mall strike anniversary marked"),
    ]
    stories = {a: s for a, s, _ in StoryGrouper().group(articles)}
    assert stories == {"a": "a", "b": "b", "c": "a", "d": "d"}


def test_regrouping_from_a_seed_gives_the_same_stories_as_one_pass() -> None:
    articles = [
        _article(str(i), i * 7, headline)
        for i, headline in enumerate(
            [
                "Kremenchuk mall strike kills 18",
                "Grain ship leaves Odesa",
                "Kremenchuk mall death toll rises",
                "Odesa grain corridor ship sails",
                "Prisoner exchange returns 90 Ukrainians",
                "Kremenchuk mall victims named",
            ]
        )
    ]
    whole = list(StoryGrouper().group(articles))
    head = {a: s for a, s, _ in whole[:3]}
    resumed = StoryGrouper()
    for article in articles[:3]:
        resumed.seed(head[article.article_id], [article])
    assert whole[3:] == list(resumed.group(articles[3:]))


@pytest.mark.skipif(not CORPORA.exists(), reason=f"shared corpora not on this machine ({CORPORA})")
def test_topic_and_story_scores_on_the_development_sets() -> None:
    topics = score_topics(load_topics(), load_items(DATA / "topics_dev.jsonl", CORPORA))
    assert topics.items >= 120 and topics.micro.f1 >= 0.80
    stories, labelled, found = score_stories(
        load_items(DATA / "stories_dev.jsonl", CORPORA), StoryGrouper()
    )
    assert labelled > 50 and found >= labelled
    assert stories.precision >= 0.5  # precision first: a merged story hides an event


PAGE = "Kyiv Wire\n{section}\n{time}\n\n{headline}\n\n{body}\n"


def test_topics_stories_and_their_marts_through_the_pipeline(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pages = [
        ("a.txt", "10:00 01.05.2024", "Ukraine and Russia carry out prisoner exchange",
         "Kyiv said 75 prisoners of war came home in the prisoner exchange. Umerov thanked the UAE."),
        ("b.txt", "15:00 01.05.2024", "Prisoner exchange: 75 Ukrainians return home",
         "The prisoner exchange was mediated by the UAE."),
        ("c.txt", "09:00 02.05.2024", "Blackouts across Kyiv after strikes on the power grid",
         "Ukrenergo said the power grid was hit and blackouts would last hours."),
    ]  # fmt: skip
    for name, time, headline, body in pages:
        (inbox / name).write_text(
            PAGE.format(section="News", time=time, headline=headline, body=body), encoding="utf-8"
        )
    home = Home.resolve(tmp_path / "home")
    run_pipeline(home, [str(inbox)])
    con = open_published(home)
    try:
        filed = con.sql("""
            SELECT a.headline, t.topic_id FROM core.article_topics t JOIN core.articles a USING (article_id)
            WHERE t.topic_id IN ('pow_exchange', 'energy') ORDER BY 1, 2
        """).fetchall()
        assert filed == [
            ("Blackouts across Kyiv after strikes on the power grid", "energy"),
            ("Prisoner exchange: 75 Ukrainians return home", "pow_exchange"),
            ("Ukraine and Russia carry out prisoner exchange", "pow_exchange"),
        ]
        stories = con.sql("SELECT headline, articles FROM core.stories ORDER BY 1").fetchall()
        assert stories == [
            ("Blackouts across Kyiv after strikes on the power grid", 1),
            ("Ukraine and Russia carry out prisoner exchange", 2),
        ]
        volume = con.sql("""
            SELECT day, articles, stories FROM marts.daily_topic_volume
            WHERE topic_id = 'pow_exchange'
        """).fetchall()
        assert volume == [(date(2024, 5, 1), 2, 1)]
        pair = con.sql("""
            SELECT topic_id, official_id, articles FROM marts.topic_official
            WHERE official_id = 'umerov'
        """).fetchall()
        assert ("pow_exchange", "umerov", 1) in pair
        queries = dict(con.sql("SELECT topic_id, query FROM core.topics").fetchall())
        assert set(queries) == TOPIC_IDS and '"prisoner exchange"' in queries["pow_exchange"]
    finally:
        con.close()


def test_a_changed_taxonomy_refiles_every_article(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(
        PAGE.format(section="News", time="10:00 01.05.2024", headline="Drone makers meet",
                    body="Drone makers met in Lviv to plan production."),
        encoding="utf-8",
    )  # fmt: skip
    home = Home.resolve(tmp_path / "home").prepare()
    run_pipeline(home, [str(inbox)])
    data = json.loads(load_topics().model_dump_json())
    data["topics"].append({"id": "drones", "name": "Drones", "query": '"drone makers"'})
    home.topics_yaml.write_text(json.dumps(data), encoding="utf-8")
    run_pipeline(home, [])
    con = open_published(home)
    try:
        assert con.sql(
            "SELECT topic_id, matched FROM core.article_topics WHERE topic_id = 'drones'"
        ).fetchall() == [("drones", ['"drone makers"'])]
        assert con.sql(
            "SELECT articles FROM marts.daily_topic_volume WHERE topic_id = 'drones'"
        ).fetchall() == [(1,)]
    finally:
        con.close()
