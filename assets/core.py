"""Core: one row per article, the links, sightings and tags, built incrementally.

The core build takes only the documents staged since the last build and
rewrites the articles they touch (warehouse/transforms/core/build.sql), so a
new day costs in proportion to that day. What changed is logged in
ops.changed_articles, from which downstream tables update themselves.
"""

from contextlib import nullcontext
from typing import NamedTuple

from dagster import (
    AssetCheckResult,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    asset,
    multi_asset,
)

from assets.metadata import table_metadata
from assets.resources import WAREHOUSE_POOL, WarehouseResource
from assets.tables import advance_watermark
from warehouse.connect import checkpoints_deferred
from warehouse.schema import transform_sql

# Documents per core build transaction: enough to amortise the scans of the
# history, few enough that a first load of a million pages fits in memory.
BATCH_DOCS = 100_000
# Changed articles shingled at once by the near-duplicate search: each holds up to
# 2,000 shingle hashes while its signature is worked out.
NEAR_DUPLICATE_BATCH = 50_000
# Candidate pairs scored at once: each brings the shingle lists of its two articles,
# so a batch holds no more of them than a sketch batch.
PAIRING_BATCH = 25_000

STAGING = [["staging", "articles"], ["staging", "listed_headlines"]]
ARTICLES = AssetSpec(
    ["core", "articles"],
    deps=STAGING,
    group_name="core",
    kinds={"duckdb"},
    description="Every article seen, whole or as a listed headline, one row each.",
)
LINKS = AssetSpec(
    ["core", "article_links"],
    deps=STAGING,
    group_name="core",
    kinds={"duckdb"},
    description="Links from each page to the articles its lists name.",
)
VERSIONS = AssetSpec(
    ["core", "article_versions"],
    deps=STAGING,
    group_name="core",
    kinds={"duckdb"},
    description="Every sighting of every article.",
)
ARTICLE_TAGS = AssetSpec(
    ["core", "article_tags"],
    deps=STAGING,
    group_name="core",
    kinds={"duckdb"},
    description="Article-tag pairs, for joins.",
)

# Each check reads the articles of the temp table checked_articles: those the run
# changed. A row that passed once stays valid until its article changes again, so a
# new day costs checks in proportion to the day, not to the history.
CHECKED_ARTICLES = """
CREATE OR REPLACE TEMP TABLE checked_articles AS
SELECT DISTINCT article_id FROM ops.changed_articles WHERE build_seq >= $seq
"""
CHECKS = [
    (
        "unique_article_id",
        ARTICLES,
        "No article_id appears twice.",
        """SELECT count(*) - count(DISTINCT article_id)
        FROM core.articles SEMI JOIN checked_articles USING (article_id)""",
    ),
    (
        "headline_present",
        ARTICLES,
        "Every article has a non-empty headline.",
        """SELECT count(*) FROM core.articles SEMI JOIN checked_articles USING (article_id)
        WHERE coalesce(trim(headline), '') = ''""",
    ),
    (
        "published_at_present",
        ARTICLES,
        "Every article has a publication time (timeless listings wait in staging).",
        """SELECT count(*) FROM core.articles SEMI JOIN checked_articles USING (article_id)
        WHERE published_at IS NULL""",
    ),
    (
        "link_targets_exist",
        LINKS,
        "Both ends of every link are rows of core.articles.",
        # Links from a checked article, and links to one that left core.
        """WITH gone AS (SELECT article_id FROM checked_articles ANTI JOIN core.articles USING (article_id))
        SELECT count(*) FROM (
            SELECT l.* FROM core.article_links AS l
            WHERE l.from_article_id IN (SELECT article_id FROM checked_articles)
              AND (l.from_article_id NOT IN (SELECT article_id FROM core.articles)
                   OR l.to_article_id NOT IN (SELECT article_id FROM core.articles))
            UNION
            SELECT l.* FROM core.article_links AS l
            WHERE l.to_article_id IN (SELECT article_id FROM gone)
        )""",
    ),
]


def next_build_seq(con) -> int:
    """The build_seq the next core build batch will log its changes under."""
    row = con.execute(
        "SELECT coalesce(max(build_seq), 0) + 1 FROM ops.watermarks WHERE consumer = 'core.articles'"
    ).fetchone()
    return int(row[0])


def rebuild(warehouse: WarehouseResource, table: str) -> MaterializeResult:
    """Run the table's transform and report its size and a preview."""
    layer, name = table.split(".")
    with warehouse.connect() as con:
        con.execute(transform_sql(layer, name))
        return MaterializeResult(metadata=table_metadata(con, table))


@multi_asset(
    pool=WAREHOUSE_POOL,
    specs=[ARTICLES, LINKS, VERSIONS, ARTICLE_TAGS],
    check_specs=[
        AssetCheckSpec(name, asset=spec.key, description=text) for name, spec, text, _ in CHECKS
    ],
    name="core_build",
)
def core_build(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Build the documents staged since the last build into core, oldest first.

    Documents are built in batches of BATCH_DOCS, each in its own transaction,
    so memory stays bounded on a first load of a million pages; a run stopped
    between batches leaves the rest pending for the next run. With more than one
    batch, DuckDB checkpoints once the log has grown, not at every commit.
    """
    with warehouse.connect() as con:
        pending = con.execute("SELECT count(*) FROM staging.pending_docs").fetchone()[0]
        first_seq = next_build_seq(con)
        con.execute("SET VARIABLE core_batch_docs = $n", {"n": BATCH_DOCS})
        batches = 0
        with checkpoints_deferred(con) if pending > BATCH_DOCS else nullcontext():
            while (
                batches == 0
                or con.execute("SELECT count(*) FROM staging.pending_docs").fetchone()[0]
            ):
                con.execute("BEGIN TRANSACTION")
                con.execute(transform_sql("core", "build"))
                con.execute("COMMIT")
                batches += 1
                context.log.info(f"core build: batch {batches} done")
        changed = con.execute(
            "SELECT count(DISTINCT article_id) FROM ops.changed_articles WHERE build_seq >= $seq",
            {"seq": first_seq},
        ).fetchone()[0]
        for spec in (ARTICLES, LINKS, VERSIONS, ARTICLE_TAGS):
            metadata = table_metadata(con, ".".join(spec.key.path))
            if spec is ARTICLES:
                metadata["documents_built"] = MetadataValue.int(int(pending))
                metadata["articles_changed"] = MetadataValue.int(int(changed))
                metadata["batches"] = MetadataValue.int(batches)
            yield MaterializeResult(asset_key=spec.key, metadata=metadata)
        con.execute(CHECKED_ARTICLES, {"seq": first_seq})
        for name, spec, text, failing_sql in CHECKS:
            failing = con.execute(failing_sql).fetchone()[0]
            yield AssetCheckResult(
                asset_key=spec.key,
                check_name=name,
                passed=failing == 0,
                description=text,
                metadata={"failing_rows": MetadataValue.int(int(failing))},
            )


@asset(
    key=["core", "outlets"],
    deps=[ARTICLES.key],
    group_name="core",
    kinds={"duckdb"},
    pool=WAREHOUSE_POOL,
)
def core_outlets(warehouse: WarehouseResource) -> MaterializeResult:
    """Every outlet with its time zone, article counts and time span."""
    return rebuild(warehouse, "core.outlets")


@asset(
    key=["core", "tags"],
    deps=[ARTICLE_TAGS.key],
    group_name="core",
    kinds={"duckdb"},
    pool=WAREHOUSE_POOL,
)
def core_tags(warehouse: WarehouseResource) -> MaterializeResult:
    """Every tag with the number of articles carrying it."""
    return rebuild(warehouse, "core.tags")


@asset(
    key=["core", "near_duplicates"],
    deps=[ARTICLES.key],
    group_name="core",
    kinds={"duckdb"},
    pool=WAREHOUSE_POOL,
)
def core_near_duplicates(
    context: AssetExecutionContext, warehouse: WarehouseResource
) -> MaterializeResult:
    """Pairs of articles with nearly the same text, updated for the articles that changed.

    The changed articles are sketched in batches of NEAR_DUPLICATE_BATCH. The
    telling buckets are found once, over every signature, and the candidate pairs
    in one pass over them, so the pairs do not depend on the batches and the
    pairing grows with the buckets' members, not with the changed articles times
    the history. A pairing batch is PAIRING_BATCH of the candidates published
    within a week of each other (the others cannot be kept), scored together.
    """
    with warehouse.connect() as con:
        done = run_near_duplicate_steps(con, lambda con, step, sql: con.execute(sql))
        advance_watermark(con, "core.near_duplicates")
        context.log.info(
            f"near-duplicates: {done.changed:,} changed articles sketched in"
            f" {done.sketch_batches} batches; {done.candidates:,} candidate pairs, the"
            f" {done.within_week:,} published within a week of each other scored in"
            f" {done.pairing_batches} batches"
        )
        metadata = table_metadata(con, "core.near_duplicates") | {
            "articles_changed": MetadataValue.int(done.changed),
            "candidate_pairs": MetadataValue.int(done.candidates),
            "batches": MetadataValue.int(done.sketch_batches),
            "pairing_batches": MetadataValue.int(done.pairing_batches),
        }
        return MaterializeResult(metadata=metadata)


class NearDuplicateRun(NamedTuple):
    """What one run of the near-duplicates steps did."""

    changed: int
    candidates: int
    within_week: int
    sketch_batches: int
    pairing_batches: int


def run_near_duplicate_steps(con, run_script) -> NearDuplicateRun:
    """The steps of warehouse/transforms/core/near_duplicates/ in order and in batches,
    each step's SQL handed to `run_script(con, step, sql)` with its batch number set.

    Kept apart from the asset so that bench.profile_near_duplicates times the very
    sequence the pipeline runs.
    """

    def run(step: str, batch: int = 0) -> None:
        con.execute("SET VARIABLE near_duplicate_step = $n", {"n": batch})
        run_script(con, step, transform_sql("core", f"near_duplicates/{step}"))

    con.execute("SET VARIABLE near_duplicate_batch = $n", {"n": NEAR_DUPLICATE_BATCH})
    con.execute("SET VARIABLE pairing_batch = $n", {"n": PAIRING_BATCH})
    run("changed")
    (changed,) = con.execute("SELECT count(*) FROM changed").fetchone()
    if con.execute("SELECT count(*) FROM resketched").fetchone()[0]:
        con.execute(
            "DELETE FROM staging.article_bands "
            "WHERE article_id IN (SELECT article_id FROM resketched)"
        )
    sketch_batches = -(-changed // NEAR_DUPLICATE_BATCH)
    for batch in range(sketch_batches):
        run("sketch", batch)
    run("bands")
    run("candidates")
    candidates, within_week = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE within_week) FROM candidates"
    ).fetchone()
    pairing_batches = -(-within_week // PAIRING_BATCH)
    for batch in range(pairing_batches):
        run("score", batch)
    return NearDuplicateRun(
        int(changed), int(candidates), int(within_week), sketch_batches, pairing_batches
    )
