"""Every dashboard page, run headless with AppTest against real published warehouses."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from warehouse.connect import open_published
from wirewatch.home import HOME_ENV, Home

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
PAGES = ["overview", "officials", "topics", "articles", "sql", "pipeline"]


def _charts(at: AppTest) -> list[tuple[dict, pl.DataFrame]]:
    """Every chart drawn: its Vega-Lite spec and the data Streamlit sent with it."""
    drawn = []
    for element in at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        frames = [pa.ipc.open_stream(d.data.data).read_all() for d in element.proto.datasets]
        drawn.append((spec, pl.DataFrame(pa.concat_tables(frames)) if frames else pl.DataFrame()))
    return drawn


def _title(spec: dict, channel: str) -> str:
    encoding = spec.get("encoding") or spec["layer"][0]["encoding"]
    return encoding[channel].get("title") or ""


def _app(monkeypatch: pytest.MonkeyPatch, home: Path, page: str = "overview", **params) -> AppTest:
    monkeypatch.setenv("WIREWATCH_HOME", str(home))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _scalar(home, sql: str, params: dict | None = None):
    con = open_published(home)
    try:
        return con.execute(sql, params or {}).fetchone()[0]
    finally:
        con.close()


def _downloads(at: AppTest) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


# Overview


def test_overview_figures_and_charts_match_the_warehouse(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root)
    metrics = {m.label: m.value for m in at.metric}
    total = _scalar(demo_home, "SELECT sum(articles) FROM marts.daily_volume")
    assert metrics["Articles"] == f"{total:,}"
    assert metrics["Outlets"] == str(_scalar(demo_home, "SELECT count(*) FROM core.outlets"))
    stories = _scalar(demo_home, "SELECT count(*) FROM core.stories")
    assert metrics["Stories"] == f"{stories:,}"
    (_, by_topic), (_, by_outlet), (_, totals) = _charts(at)
    filed = _scalar(demo_home, "SELECT sum(articles) FROM marts.daily_topic_volume")
    assert by_topic["articles"].sum() == filed
    assert by_outlet["articles"].sum() == total
    assert totals["articles"].sum() == total
    assert len(_downloads(at)) == 3, "every chart offers its data as CSV"


def test_filters_come_from_the_url(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, granularity="month", outlets="Kyiv Wire")
    spec, data = _charts(at)[1]
    assert set(data["outlet"]) == {"Kyiv Wire"}
    assert _title(spec, "x") == "Month"
    kyiv = _scalar(
        demo_home, "SELECT sum(articles) FROM marts.daily_volume WHERE outlet = 'Kyiv Wire'"
    )
    assert {m.label: m.value for m in at.metric}["Articles"] == f"{kyiv:,}"


def test_a_topic_chosen_in_the_url_narrows_the_chart(monkeypatch, demo_home) -> None:
    assert _charts(_app(monkeypatch, demo_home.root))[0][1]["topic"].n_unique() > 1
    at = _app(monkeypatch, demo_home.root, topics="Energy")
    assert set(_charts(at)[0][1]["topic"]) == {"Energy"}
    assert at.session_state["filters"].topics == ("energy",)


def test_a_filter_that_matches_nothing_says_so(monkeypatch, demo_home) -> None:
    nobody = _scalar(
        demo_home,
        """SELECT official_id FROM core.officials
           WHERE official_id NOT IN (SELECT official_id FROM core.mentions) ORDER BY 1 LIMIT 1""",
    )
    name = _scalar(
        demo_home, "SELECT name FROM core.officials WHERE official_id = $id", {"id": nobody}
    )
    at = _app(monkeypatch, demo_home.root, page="officials", officials=name)
    assert at.warning and "clear the officials filter" in at.warning[0].value
    assert len(_charts(at)) == 0


@pytest.mark.parametrize("page", PAGES)
def test_without_a_warehouse_every_page_explains_what_to_do(monkeypatch, tmp_path, page) -> None:
    at = _app(monkeypatch, tmp_path / "empty-home", page=page)
    assert any("wirewatch demo" in info.value for info in at.info)
    assert len(_charts(at)) == 0


# Officials


def _umerov_home_params() -> dict:
    return {"officials": ["Rustem Umerov", "Denys Shmyhal"], "dates": ["2025-06-01", "2025-08-31"]}


def test_officials_chart_role_timeline_and_normalised_measure(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, page="officials", **_umerov_home_params())
    (_, lines), (_, roles) = _charts(at)[:2]
    assert set(lines["official"]) == {"Rustem Umerov", "Denys Shmyhal"}
    mentioned = _scalar(
        demo_home,
        """SELECT sum(articles) FROM marts.daily_official_mentions
           WHERE official_id = 'umerov' AND day BETWEEN '2025-06-01' AND '2025-08-31'""",
    )
    assert lines.filter(pl.col("official_id") == "umerov")["articles"].sum() == mentioned
    role_names = set(roles["role"])
    assert {
        "Minister of Defence",
        "Secretary of the National Security and Defense Council",
    } <= role_names
    at = _app(
        monkeypatch,
        demo_home.root,
        page="officials",
        measure="Per 100 articles",
        **_umerov_home_params(),
    )
    spec, normalised = _charts(at)[0]
    assert _title(spec, "y") == "Articles per 100 articles"
    assert spec["encoding"]["y"]["field"] == "per_100_articles"
    assert 0 < normalised["per_100_articles"].max() <= 100


def test_officials_drill_down_lists_the_articles_behind_a_point(monkeypatch, demo_home) -> None:
    at = _app(
        monkeypatch, demo_home.root, page="officials", granularity="month", **_umerov_home_params()
    )
    at.selectbox(key="drill_official").set_value("umerov")
    at.selectbox(key="drill_period").set_value(date(2025, 7, 1)).run()
    assert not at.exception
    expected = _scalar(
        demo_home,
        """SELECT sum(articles) FROM marts.daily_official_mentions
           WHERE official_id = 'umerov' AND day BETWEEN '2025-07-01' AND '2025-07-31'""",
    )
    table = at.dataframe[0].value
    assert len(table) == expected
    assert "Download these articles (CSV)" in _downloads(at)


def test_co_mention_heatmap_is_symmetric(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, page="officials")
    pairs = next(data for spec, data in _charts(at) if spec.get("mark", {}).get("type") == "rect")
    forth = {(a, b, n) for a, b, n in pairs.select("official", "with_official", "articles").rows()}
    back = {(b, a, n) for a, b, n in forth}
    assert forth == back and pairs["articles"].sum() > 0


# Topics


def test_topics_page_counts_articles_and_stories(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, page="topics", granularity="month")
    articles = _charts(at)[0][1]["articles"].sum()
    assert articles == _scalar(demo_home, "SELECT count(*) FROM core.article_topics")
    at = _app(monkeypatch, demo_home.root, page="topics", granularity="month", count="Stories")
    spec, data = _charts(at)[0]
    assert spec["encoding"]["y"]["field"] == "stories"
    assert 0 < data["stories"].sum() <= articles
    # Each month counts a story once per topic, however many days and outlets carried it.
    assert data["stories"].sum() == _scalar(
        demo_home,
        """SELECT count(*) FROM (
               SELECT DISTINCT date_trunc('month', timezone('Europe/Kyiv', a.published_at)),
                      x.topic_id, s.story_id
               FROM core.article_topics AS x JOIN core.articles AS a USING (article_id)
               JOIN core.story_articles AS s USING (article_id))""",
    )
    definitions = at.dataframe[0].value
    assert len(definitions) == _scalar(demo_home, "SELECT count(*) FROM core.topics")
    assert "query" in definitions.columns
    assert len(_downloads(at)) == 4


def test_emerging_terms_for_the_chosen_week(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, page="topics")
    week = at.selectbox(key="emerging_week").value
    bars = next(data for spec, data in _charts(at) if _title(spec, "x").startswith("Surprise"))
    expected = _scalar(
        demo_home,
        "SELECT count(*) FROM marts.emerging_terms WHERE week = $w AND rank <= 10",
        {"w": week},
    )
    assert bars.height == expected


# Articles


def test_search_finds_english_word_forms_and_cyrillic(monkeypatch, mixed_home) -> None:
    at = _app(monkeypatch, mixed_home.root, page="articles", q="missile")
    assert at.dataframe[0].value["headline"].tolist() == [
        "Missiles strike energy facilities overnight"
    ]
    at.text_input(key="q").input("києву").run()
    assert at.dataframe[0].value["headline"].tolist() == [
        "Зеленський провів зустріч з Умєровим у Києві"
    ]
    at.text_input(key="q").input("nothing-like-this").run()
    assert at.warning and "every word" in at.warning[0].value


def test_search_respects_the_sidebar_filters(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, page="articles", q="drone", outlets="Kyiv Wire")
    found = at.dataframe[0].value
    assert len(found) > 0 and set(found["outlet"]) == {"Kyiv Wire"}


def test_an_article_opens_from_its_link_with_mentions_and_story(monkeypatch, demo_home) -> None:
    article_id = _scalar(
        demo_home,
        """SELECT article_id FROM core.mentions JOIN core.story_articles USING (article_id)
           GROUP BY ALL ORDER BY count(*) DESC, article_id LIMIT 1""",
    )
    at = _app(monkeypatch, demo_home.root, page="articles", article=article_id)
    headline = _scalar(
        demo_home, "SELECT headline FROM core.articles WHERE article_id = $a", {"a": article_id}
    )
    first_word = "".join(ch for ch in headline.split()[0] if ch.isalnum())
    assert any(first_word in sub.value for sub in at.subheader)
    shown = [sub.value for sub in at.subheader] + [md.value for md in at.markdown]
    assert any(":orange-background[" in text for text in shown), "mentions are highlighted"
    texts = [md.value for md in at.markdown]
    assert "**Mentions**" in texts and "**Story**" in texts


def test_hostile_article_text_is_shown_literally(monkeypatch, mixed_home) -> None:
    article_id = _scalar(
        mixed_home, "SELECT article_id FROM core.articles WHERE headline LIKE 'Sybiha%'"
    )
    at = _app(monkeypatch, mixed_home.root, page="articles", article=article_id)
    rendered = "\n".join(md.value for md in at.markdown)
    assert "\\<script\\>" in rendered and "<script>" not in rendered
    assert "\\[click me\\]\\(javascript\\:" in rendered
    assert all(not md.proto.allow_html for md in at.markdown)


# SQL


def test_sql_page_runs_a_query_with_a_row_limit(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, page="sql")
    at.text_area(key="sql").input("SELECT article_id FROM core.articles ORDER BY article_id")
    at.number_input(key="max_rows").set_value(25)
    at.button[0].click().run()
    assert not at.exception
    result = at.dataframe[0].value
    assert len(result) == 25
    assert any("more were available" in c.value for c in at.caption)
    assert "Download the result (CSV)" in _downloads(at)


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE x AS SELECT 1",
        "SELECT * FROM read_csv('/etc/passwd')",
        "ATTACH '/tmp/other.duckdb'",
        "SET threads = 1",
        "SELECT 1; SELECT 2",
    ],
)
def test_sql_page_refuses_what_is_not_a_read(monkeypatch, demo_home, statement) -> None:
    at = _app(monkeypatch, demo_home.root, page="sql")
    at.text_area(key="sql").input(statement)
    at.button[0].click().run()
    assert at.error and at.error[0].value.startswith("Refused:")


def test_sql_catalogue_comes_from_the_table_comments(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, page="sql")
    catalogue = at.dataframe[0].value
    row = catalogue[catalogue["table"] == "core.articles"].iloc[0]
    assert row["description"].startswith("One row per article")
    assert "fts_core_articles.dict" in set(catalogue["table"])
    at.selectbox(key="catalogue_table").set_value("marts.daily_volume").run()
    columns = at.dataframe[1].value
    assert list(columns["column"]) == ["day", "outlet", "articles", "with_body"]
    assert columns["description"].str.len().min() > 0


# Pipeline


def test_pipeline_page_shows_runs_counts_and_quarantine(monkeypatch, demo_home) -> None:
    at = _app(monkeypatch, demo_home.root, page="pipeline")
    runs, counts, reasons, quarantined = (frame.value for frame in at.dataframe[:4])
    assert len(runs) == _scalar(demo_home, "SELECT count(*) FROM ops.runs")
    articles = counts[counts["table"] == "core.articles"]["rows"].iloc[0]
    assert reasons["inputs"].sum() == 2
    assert articles == _scalar(demo_home, "SELECT count(*) FROM core.articles")
    assert len(quarantined) == _scalar(demo_home, "SELECT count(*) FROM ops.quarantine") == 2
    assert quarantined["reason"].str.len().min() > 0


def test_a_newly_published_warehouse_is_picked_up_without_a_restart(mixed_home, tmp_path) -> None:
    """Publishing renames a new file into place while the dashboard holds the old one open."""
    from dashboard import database

    home = Home.resolve(tmp_path / "home").prepare()
    shutil.copyfile(mixed_home.warehouse, home.warehouse)
    total = "SELECT sum(articles) AS n FROM marts.daily_volume"
    os.environ[HOME_ENV] = str(home.root)
    try:
        before = database.version()
        with database.reading(before):  # a page drawing while the new file arrives
            assert database.frame(before, total)["n"][0] == 3
            staged = home.root / "next.duckdb"
            shutil.copyfile(mixed_home.warehouse, staged)
            con = duckdb.connect(str(staged))
            con.execute("UPDATE marts.daily_volume SET articles = articles + 10")
            con.close()
            staged.replace(home.warehouse)
            after = database.version()
            assert after != before
            assert database.frame(after, total)["n"][0] == 33
            # The page still drawing from the old version keeps its consistent snapshot.
            assert database.frame(before, total)["n"][0] == 3
    finally:
        del os.environ[HOME_ENV]


def test_the_dashboard_lets_go_of_a_replaced_warehouse_once_its_last_query_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard import database
    from warehouse.connect import open_work
    from warehouse.publish import publish

    def publish_run(home: Home, run_id: str) -> None:
        con = open_work(home)
        con.execute("INSERT INTO ops.runs VALUES ($id, now(), 0, 0, 0, 0, 0, 0)", {"id": run_id})
        con.close()
        publish(home)

    home = Home.resolve(tmp_path).prepare()
    monkeypatch.setenv(HOME_ENV, str(home.root))
    publish_run(home, "first")
    first = database.version()
    with database.cursor(first) as drawing:  # a page still drawing from the first warehouse
        publish_run(home, "second")
        second = database.version()
        assert database.frame(second, "SELECT count(*) AS n FROM ops.runs")["n"][0] == 2
        assert drawing.execute("SELECT count(*) FROM ops.runs").fetchone()[0] == 1

    con = open_work(home)
    con.execute("INSERT INTO ops.runs VALUES ('third', now(), 0, 0, 0, 0, 0, 0)")
    con.close()
    # Updating the first warehouse's file in place needs every reader gone from it.
    assert publish(home).method == "changed blocks"
    assert database.frame(database.version(), "SELECT count(*) AS n FROM ops.runs")["n"][0] == 3


def test_a_storys_articles_are_all_its_members_in_publication_order(monkeypatch, demo_home) -> None:
    """The story's span bounds the scan of articles; it must never leave a member out."""
    from dashboard import database
    from dashboard.queries import articles

    monkeypatch.setenv(HOME_ENV, str(demo_home.root))
    current = database.version()
    con = open_published(demo_home)
    try:
        members = {}
        for story_id, article_id in con.execute(
            "SELECT story_id, article_id FROM core.story_articles"
        ).fetchall():
            members.setdefault(story_id, set()).add(article_id)
    finally:
        con.close()
    assert any(len(ids) > 1 for ids in members.values())
    for story_id, ids in members.items():
        shown = articles.story_articles.__wrapped__(current, story_id)
        assert set(shown["article_id"]) == ids
        assert shown["published_at"].is_sorted()
