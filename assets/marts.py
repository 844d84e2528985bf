"""Marts: the aggregates the dashboard and analysts chart, by Kyiv calendar day.

Rows are per day in Europe/Kyiv; Dagster partitions are Kyiv calendar
months. Dagster records two events per partition and asset in its SQLite
event log, about 11 ms each on this machine: daily partitions made a first
load of 19 months of demo news cost 80 s of bookkeeping for six marts, and
16 years of shared corpora several minutes. Monthly partitions keep that to
a second or two, and a new day still touches one partition.

A run covers a range of months and rewrites days in one transaction, so
re-running a partition over the same core gives the same rows. Two kinds of
run:

- after a core build, `wirewatch run` covers the months whose articles
  changed (`ops.changed_articles`) and tags the run
  `wirewatch/changed-days-only`, so only the changed days inside the range
  are rewritten: the cost follows the new data, not the width of the range;
- a backfill (`wirewatch backfill --from --to`, or the Dagster UI) rewrites
  every day of its range (of the given days, or of whole months from the UI).

Each mart remembers in `ops.watermarks` how far it has applied the change log;
it moves forward only when no unapplied change lies outside the range.
"""

import warnings
from datetime import date, timedelta

import duckdb
from dagster import (
    AssetExecutionContext,
    AssetsDefinition,
    BackfillPolicy,
    BetaWarning,
    MaterializeResult,
    MonthlyPartitionsDefinition,
    asset,
)
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
)

from assets.metadata import table_metadata
from assets.resources import WAREHOUSE_POOL, WarehouseResource
from warehouse.schema import transform_sql

# Publication times before 1990 are quarantined; a time up to a day after
# receipt is accepted, so next month (Kyiv) must already be a partition.
KYIV_MONTHS = MonthlyPartitionsDefinition(
    start_date="1990-01-01", timezone="Europe/Kyiv", end_offset=2
)
CHANGED_DAYS_ONLY = "wirewatch/changed-days-only"
# A backfill of given days narrows its months to them.
FIRST_DAY, LAST_DAY = "wirewatch/first-day", "wirewatch/last-day"
# Single-run backfills are what a range of days needs; Dagster still calls the option beta.
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=BetaWarning)
MART_TABLES = (
    "marts.daily_volume",
    "marts.daily_official_mentions",
    "marts.official_cooccurrence",
    "marts.daily_topic_volume",
    "marts.daily_topic_stories",
    "marts.topic_official",
    "marts.emerging_terms",
)  # the order of MARTS below

# A mart without a watermark (new, or reset because a reference changed) needs every day.
CHANGED_DAYS = """
SELECT DISTINCT day FROM ops.changed_articles
WHERE day IS NOT NULL
  AND build_seq > (SELECT coalesce(max(build_seq), 0) FROM ops.watermarks WHERE consumer = $table)
UNION
SELECT DISTINCT CAST(timezone('Europe/Kyiv', published_at) AS DATE) FROM core.articles
WHERE NOT EXISTS (SELECT 1 FROM ops.watermarks WHERE consumer = $table)
"""
LISTED_DAYS = """
INSERT INTO refresh_days SELECT unnest($days::DATE[])
"""
EVERY_DAY_IN_RANGE = """
INSERT INTO refresh_days SELECT unnest(range($first::DATE, $end::DATE, INTERVAL 1 DAY))::DATE
"""


def pending_days(con: duckdb.DuckDBPyConnection, table: str) -> list[date]:
    """The Kyiv days whose articles changed since `table` last applied the change log."""
    return sorted(day for (day,) in con.execute(CHANGED_DAYS, {"table": table}).fetchall())


def changed_days(con: duckdb.DuckDBPyConnection) -> list[date]:
    """Every Kyiv day some mart has still to rewrite, in order."""
    return sorted({day for table in MART_TABLES for day in pending_days(con, table)})


def refresh_tags(days: list[date]) -> dict[str, str]:
    """Tags of a `refresh_marts` run over the months holding `days`, rewriting only changed days.

    Empty when no day changed: such a run only publishes.
    """
    if not days:
        return {}
    return month_range_tags(days[0], days[-1]) | {CHANGED_DAYS_ONLY: "true"}


def month_range_tags(first: date, last: date) -> dict[str, str]:
    """Tags for one run over the month partitions holding the days `first` to `last`."""
    return {
        ASSET_PARTITION_RANGE_START_TAG: first.replace(day=1).isoformat(),
        ASSET_PARTITION_RANGE_END_TAG: last.replace(day=1).isoformat(),
    }


def refresh_days(
    context: AssetExecutionContext, warehouse: WarehouseResource, table: str
) -> MaterializeResult:
    """Rewrite the run's days of `table` with its transform, then move its watermark."""
    window = context.partition_time_window
    first, end = window.start.date(), window.end.date()
    tags = context.run.tags
    if FIRST_DAY in tags:
        first = max(first, date.fromisoformat(tags[FIRST_DAY]))
    if LAST_DAY in tags:
        end = min(end, date.fromisoformat(tags[LAST_DAY]) + timedelta(days=1))
    changed_only = context.run.tags.get(CHANGED_DAYS_ONLY) == "true"
    layer, name = table.split(".")
    with warehouse.connect() as con:
        con.execute("BEGIN TRANSACTION")
        pending = pending_days(con, table)
        con.execute("CREATE OR REPLACE TEMP TABLE refresh_days (day DATE PRIMARY KEY)")
        if changed_only:
            # The days found above, not the query again: with a date range, DuckDB
            # filtered every article's Kyiv day before seeing that the mart has a
            # watermark (0.12 s per mart at a million articles).
            in_range = [day for day in pending if first <= day < end]
            con.execute(LISTED_DAYS, {"days": in_range})
        else:
            con.execute(EVERY_DAY_IN_RANGE, {"first": first, "end": end})
        (days,) = con.execute("SELECT count(*) FROM refresh_days").fetchone()
        con.execute(transform_sql(layer, name))
        if all(first <= d < end for d in pending):
            con.execute(
                """INSERT OR REPLACE INTO ops.watermarks
                   SELECT $table, coalesce(max(build_seq), 0) FROM ops.watermarks
                   WHERE consumer = 'core.articles'""",
                {"table": table},
            )
        con.execute("COMMIT")
        metadata = table_metadata(con, table)
    context.log.info(f"{table}: rewrote {days:,} days between {first} and {end}")
    return MaterializeResult(metadata=metadata | {"days_rewritten": days})


# Each mart: its table, what it is built from, and what it holds.
MARTS = {
    "marts.daily_volume": (["core.articles"], "Articles per Kyiv calendar day and outlet."),
    "marts.daily_official_mentions": (
        ["core.articles", "core.mentions"],
        "Articles and references per Kyiv day, official and outlet.",
    ),
    "marts.official_cooccurrence": (
        ["core.articles", "core.mentions"],
        "Pairs of officials referred to in the same article, per Kyiv day.",
    ),
    "marts.daily_topic_volume": (
        ["core.articles", "core.article_topics", "core.story_articles"],
        "Articles and stories per Kyiv day, topic and outlet.",
    ),
    "marts.daily_topic_stories": (
        ["core.articles", "core.article_topics", "core.story_articles"],
        "Stories per Kyiv day, topic and outlet, for counting stories over any period.",
    ),
    "marts.topic_official": (
        ["core.articles", "core.article_topics", "core.mentions"],
        "Articles per Kyiv day, topic and official referred to.",
    ),
    "marts.emerging_terms": (
        ["core.articles"],
        "Terms rising in the weeks of the run's days (and the four weeks after) against their past.",
    ),
}


def mart_asset(table: str, sources: list[str], description: str) -> AssetsDefinition:
    """The month-partitioned asset that rewrites `table`'s days with its transform."""

    @asset(
        pool=WAREHOUSE_POOL,
        key=table.split("."),
        deps=[source.split(".") for source in sources],
        group_name="marts",
        kinds={"duckdb"},
        description=description,
        partitions_def=KYIV_MONTHS,
        backfill_policy=BackfillPolicy.single_run(),
    )
    def mart(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
        return refresh_days(context, warehouse, table)

    return mart


MART_ASSETS = [mart_asset(table, *spec) for table, spec in MARTS.items()]
