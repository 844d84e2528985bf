"""Topics and stories: which topics each article is in, and which story it belongs to.

Topics are assigned to the articles that changed since the last build; a
change to topics.yaml re-files every article and rebuilds the topic marts.
Stories are re-grouped from the earliest changed publication day onwards,
starting from the stories active just before it (etl/topics/stories.py), and
an article whose story changes is logged in ops.changed_articles so the marts
recount its day.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
from dagster import (
    AssetExecutionContext,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

from assets.metadata import table_metadata
from assets.resources import WAREHOUSE_POOL, WarehouseResource
from assets.tables import (
    advance_watermark,
    append_rows,
    changed_since,
    clear_derived,
    record_reference,
    reference_changed,
    replace_rows,
    stream_batches,
)
from etl.parallel import map_chunks
from etl.reference_files import fingerprint
from etl.topics.stories import WINDOW, StoryGrouper, story_articles
from etl.topics.taxonomy import DEFAULT_PATH, Taxonomy, assign_articles, load_topics
from wirewatch.home import Home

TOPIC_MARTS = ("marts.daily_topic_volume", "marts.daily_topic_stories", "marts.topic_official")


def _spec(name: str, description: str, deps: list[list[str]]) -> AssetSpec:
    return AssetSpec(
        ["core", name], deps=deps, group_name="core", kinds={"duckdb"}, description=description
    )


ARTICLES = [["core", "articles"]]
TOPICS = _spec("topics", "The topic taxonomy (topics.yaml).", ARTICLES)
ARTICLE_TOPICS = _spec(
    "article_topics", "Topics of each article, with score and matches.", ARTICLES
)
# Stories run after the other consumers of the change log, whose rows they add to.
AFTER = [*ARTICLES, ["core", "mentions"], ["core", "article_topics"], ["core", "near_duplicates"]]
STORIES = _spec("stories", "Articles about the same event, grouped.", AFTER)
STORY_ARTICLES = _spec("story_articles", "The story of each article.", AFTER)

TEXTS = """
SELECT article_id, headline, lead, body, tags, outlet, published_at FROM core.articles
"""


def topics_path(home: Home) -> Path:
    return home.topics_yaml if home.topics_yaml.exists() else DEFAULT_PATH


def _write_taxonomy(con: duckdb.DuckDBPyConnection, taxonomy: Taxonomy) -> None:
    rows = pl.DataFrame(
        [
            {
                "topic_id": t.id,
                "name": t.name,
                "description": t.description,
                "query": t.query,
                "tags": t.tags,
                "min_score": t.min_score,
            }
            for t in taxonomy.topics
        ],
        schema={
            "topic_id": pl.String,
            "name": pl.String,
            "description": pl.String,
            "query": pl.String,
            "tags": pl.List(pl.String),
            "min_score": pl.Int32,
        },
    )
    replace_rows(con, "core.topics", rows)


@multi_asset(specs=[TOPICS, ARTICLE_TOPICS], name="topics_build", pool=WAREHOUSE_POOL)
def topics_build(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Load topics.yaml, then file the articles that changed (all of them if it changed)."""
    path = topics_path(warehouse.paths)
    taxonomy = load_topics(path)
    version = fingerprint(taxonomy)
    with warehouse.connect() as con:
        con.execute("BEGIN TRANSACTION")
        _write_taxonomy(con, taxonomy)
        everything = reference_changed(con, "topics", version)
        changed = changed_since("core.article_topics")
        query = TEXTS if everything else f"{TEXTS} WHERE article_id IN ({changed})"
        rows, articles = [], 0
        for read, filed in map_chunks(assign_articles, stream_batches(con, query), taxonomy):
            articles += read
            rows += filed
        frame = pl.DataFrame(
            rows,
            schema={
                "article_id": pl.String,
                "topic_id": pl.String,
                "score": pl.Int32,
                "matched": pl.List(pl.String),
            },
            orient="row",
        )
        clear_derived(con, ("core.article_topics",), "core.article_topics", everything, TOPIC_MARTS)
        append_rows(con, "core.article_topics", frame, in_order_of="article_id")
        advance_watermark(con, "core.article_topics")
        record_reference(con, "topics", version)
        con.execute("COMMIT")
        context.log.info(f"filed {articles:,} articles: {len(frame):,} topic assignments")
        yield MaterializeResult(
            asset_key=TOPICS.key,
            metadata=table_metadata(con, "core.topics") | {"source": MetadataValue.path(str(path))},
        )
        yield MaterializeResult(
            asset_key=ARTICLE_TOPICS.key,
            metadata=table_metadata(con, "core.article_topics")
            | {
                "articles_filed": MetadataValue.int(articles),
                "refiled_everything": MetadataValue.bool(everything),
            },
        )


def _regroup_from(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """The earliest time whose stories may change: a day before the earliest changed day."""
    (day,) = con.execute(
        f"""SELECT min(day) FROM ops.changed_articles
            WHERE article_id IN ({changed_since("core.stories")})"""
    ).fetchone()
    if day is None:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(days=1)


def _regroup(con: duckdb.DuckDBPyConnection, since: datetime) -> pl.DataFrame:
    """Story assignments of the articles published since `since`, seeded by earlier stories."""
    grouper = StoryGrouper()
    seeds = con.execute(
        f"""
        WITH before AS (
            SELECT s.story_id, s.article_id, a.published_at FROM core.story_articles AS s
            JOIN core.articles AS a USING (article_id) WHERE a.published_at < $since
        ),
        active AS (
            SELECT story_id FROM before GROUP BY story_id
            HAVING max(published_at) >= $since - $window
        )
        -- Texts are read for the active stories' articles only, not for the history.
        SELECT b.story_id, a.* FROM before AS b JOIN ({TEXTS}) AS a USING (article_id)
        WHERE b.story_id IN (SELECT story_id FROM active)
        ORDER BY published_at, article_id
        """,
        {"since": since, "window": WINDOW},
    ).to_arrow_table()
    for story_id, article in zip(seeds["story_id"].to_pylist(), story_articles(seeds), strict=True):
        grouper.seed(story_id, [article])
    query = f"{TEXTS} WHERE published_at >= $since ORDER BY published_at, article_id"
    batches = stream_batches(con, query, {"since": since})
    articles = (a for read in map_chunks(story_articles, batches) for a in read)
    assigned = list(grouper.group(articles))
    return pl.DataFrame(
        assigned,
        schema={"article_id": pl.String, "story_id": pl.String, "similarity": pl.Float64},
        orient="row",
    ).select("story_id", "article_id", "similarity")


@multi_asset(specs=[STORIES, STORY_ARTICLES], name="stories_build", pool=WAREHOUSE_POOL)
def stories_build(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Re-group the articles from the earliest changed day onwards into stories."""
    with warehouse.connect() as con:
        con.execute("BEGIN TRANSACTION")
        since = _regroup_from(con)
        regrouped = 0
        if since is not None:
            fresh = _regroup(con, since)
            regrouped = len(fresh)
            con.register("fresh_stories", fresh)
            con.execute(
                """CREATE OR REPLACE TEMP TABLE old_stories AS
                   SELECT s.* FROM core.story_articles AS s
                   LEFT JOIN core.articles AS a USING (article_id)
                   WHERE a.article_id IS NULL OR a.published_at >= $since""",
                {"since": since},
            )
            con.execute("CREATE OR REPLACE TEMP TABLE new_stories AS SELECT * FROM fresh_stories")
            con.unregister("fresh_stories")
            con.execute(
                "DELETE FROM core.story_articles WHERE article_id IN "
                "(SELECT article_id FROM old_stories)"
            )
            con.execute("INSERT INTO core.story_articles SELECT * FROM new_stories")
            con.execute("""
                CREATE OR REPLACE TEMP TABLE touched_stories AS
                SELECT story_id FROM old_stories UNION SELECT story_id FROM new_stories
            """)
            con.execute(
                "DELETE FROM core.stories WHERE story_id IN (SELECT story_id FROM touched_stories)"
            )
            con.execute("""
                INSERT INTO core.stories
                SELECT s.story_id, arg_min(a.headline, (a.published_at, a.article_id)),
                       min(a.published_at), max(a.published_at), count(*), count(DISTINCT a.outlet)
                FROM core.story_articles AS s JOIN core.articles AS a USING (article_id)
                WHERE s.story_id IN (SELECT story_id FROM touched_stories)
                GROUP BY s.story_id
            """)
            # Articles that changed story: their days' story counts change.
            con.execute("""
                INSERT INTO ops.changed_articles
                SELECT (SELECT coalesce(max(build_seq), 0) FROM ops.watermarks
                        WHERE consumer = 'core.articles'),
                       n.article_id, CAST(timezone('Europe/Kyiv', a.published_at) AS DATE)
                FROM new_stories AS n
                JOIN core.articles AS a USING (article_id)
                LEFT JOIN old_stories AS o USING (article_id)
                WHERE o.story_id IS DISTINCT FROM n.story_id
            """)
        advance_watermark(con, "core.stories")
        con.execute("COMMIT")
        context.log.info(f"re-grouped {regrouped:,} articles since {since}")
        yield MaterializeResult(
            asset_key=STORIES.key,
            metadata=table_metadata(con, "core.stories")
            | {"articles_regrouped": MetadataValue.int(regrouped)},
        )
        yield MaterializeResult(
            asset_key=STORY_ARTICLES.key, metadata=table_metadata(con, "core.story_articles")
        )
