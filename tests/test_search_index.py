"""The full-text index updated in place equals the index built from scratch.

A run re-indexes only the articles that changed; the words, their document
frequencies, each article's length and word counts, and therefore every BM25
score, must come out as if the whole index had been rebuilt.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dagster import AssetKey

import assets.search
from etl.demo.generator import DemoSettings, write_corpus
from warehouse.connect import open_published
from warehouse.search import INDEX_SCHEMA, SCORES
from wirewatch.home import Home
from wirewatch.pipeline import instance_for, run_pipeline

# The index as content, without its internal document and word numbers.
CONTENT = {
    "postings": f"""SELECT w.term, d.name, p.tf FROM {INDEX_SCHEMA}.postings AS p
        JOIN {INDEX_SCHEMA}.docs AS d USING (docid) JOIN {INDEX_SCHEMA}.dict AS w USING (termid)""",
    "terms": f"""SELECT w.term, d.name, t.fieldid, count(*) FROM {INDEX_SCHEMA}.terms AS t
        JOIN {INDEX_SCHEMA}.docs AS d USING (docid) JOIN {INDEX_SCHEMA}.dict AS w USING (termid)
        GROUP BY ALL""",
    "docs": f"SELECT name, len FROM {INDEX_SCHEMA}.docs",
    "dict": f"SELECT term, df FROM {INDEX_SCHEMA}.dict",
    "stats": f"SELECT num_docs, round(avgdl, 9) FROM {INDEX_SCHEMA}.stats",
}
QUERIES = ["missile", "drone attack", "prisoner exchange", "sybiha", "grid"]


def content(home: Home) -> dict[str, list]:
    con = open_published(home)
    try:
        found = {name: sorted(con.sql(sql).fetchall()) for name, sql in CONTENT.items()}
        for query in QUERIES:
            found[query] = sorted(
                (article_id, round(score, 9))
                for article_id, score in con.execute(
                    f"WITH {SCORES} SELECT article_id, score FROM scores", {"query": query}
                ).fetchall()
            )
    finally:
        con.close()
    return found


def last_index_run(home: Home) -> dict:
    with instance_for(home) as instance:
        event = instance.get_latest_materialization_event(AssetKey(["core", "search_index"]))
    return {key: value.value for key, value in event.asset_materialization.metadata.items()}


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root / "all", DemoSettings(articles=400, broken=0))
    older, newer = root / "older", root / "newer"
    for page in sorted((root / "all").rglob("*.txt")):
        target = (older if page.parent.name < "2025-03" else newer) / page.relative_to(root / "all")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    return older, newer


def test_updated_index_equals_a_rebuild(
    halves, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assets.search, "REBUILD_SHARE", 10.0)
    updated = Home.resolve(tmp_path / "updated")
    run_pipeline(updated, [str(halves[0])])
    first = content(updated)
    run_pipeline(updated, [str(halves[1])])
    run = last_index_run(updated)
    assert run["rebuilt"] is False
    assert run["articles_reindexed"] > 0

    rebuilt = Home.resolve(tmp_path / "rebuilt")
    run_pipeline(rebuilt, [str(halves[0]), str(halves[1])])
    assert last_index_run(rebuilt)["rebuilt"] is True

    after = content(updated)
    assert after != first
    assert all(after[query] for query in QUERIES)
    assert after == content(rebuilt)


def test_a_run_with_no_changes_leaves_the_index_alone(halves, tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    run_pipeline(home, [str(halves[0])])
    before = content(home)
    run_pipeline(home, [str(halves[0])])
    run = last_index_run(home)
    assert (run["rebuilt"], run["articles_reindexed"]) == (False, 0)
    assert content(home) == before


@pytest.mark.parametrize("query", QUERIES + ["missile zzzqqq"])
def test_scores_are_those_of_duckdbs_own_bm25(demo_home: Home, query: str) -> None:
    """SCORES sums the postings itself; it must rank exactly as match_bm25 (every word required)."""
    con = open_published(demo_home)
    try:
        ours = dict(
            con.execute(
                f"WITH {SCORES} SELECT article_id, score FROM scores", {"query": query}
            ).fetchall()
        )
        theirs = dict(
            con.execute(
                f"""SELECT article_id, score FROM (
                        SELECT article_id, {INDEX_SCHEMA}.match_bm25(
                            article_id, $query, conjunctive := 1) AS score
                        FROM core.articles)
                    WHERE score IS NOT NULL""",
                {"query": query},
            ).fetchall()
        )
    finally:
        con.close()
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[a] - theirs[a]) < 1e-9 for a in theirs)
    if query in QUERIES[:3]:
        assert theirs
