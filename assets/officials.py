"""Officials: the reference tables, and the mentions and quotes found in articles.

Mentions are found for the articles that changed since the last build
(ops.changed_articles). When officials.yaml changes (an analyst adds a person
or an alias), every article is matched again and the marts that count
mentions are rebuilt from scratch, so no chart mixes two versions of the list.
"""

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl
from dagster import (
    AssetCheckResult,
    AssetCheckSpec,
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
from etl.officials.articles import MatchedArticles, match_articles
from etl.officials.matcher import OfficialMatcher
from etl.officials.reference import DEFAULT_PATH, OfficialsReference, load_officials
from etl.parallel import map_chunks
from etl.reference_files import fingerprint
from wirewatch.home import Home

# Marts that count mentions: rebuilt whole when the reference changes.
MENTION_MARTS = ("marts.daily_official_mentions", "marts.official_cooccurrence")


def _spec(name: str, description: str) -> AssetSpec:
    return AssetSpec(
        ["core", name],
        deps=[["core", "articles"]],
        group_name="core",
        kinds={"duckdb"},
        description=description,
    )


OFFICIALS = _spec("officials", "The key officials and their written forms (officials.yaml).")
ROLES = _spec("official_roles", "Offices held by each official, with dates.")
MENTIONS = _spec("mentions", "Every reference to an official in an article, by name or office.")
QUOTES = _spec("quotes", "What officials said, as articles attribute it.")

# Over the mentions the run wrote (the temp view new_mentions): an article's mentions
# are rewritten whenever its text changes, so older ones need no second look.
OFFSETS_MATCH = """
SELECT count(*) FROM core.mentions AS m JOIN core.articles AS a USING (article_id)
WHERE m.article_id IN (SELECT article_id FROM new_mentions)
  AND substr(CASE m.field WHEN 'headline' THEN a.headline WHEN 'lead' THEN a.lead ELSE a.body END,
             m."start" + 1, m."end" - m."start") <> m.matched_text
"""
KNOWN_OFFICIALS = """
SELECT count(*) FROM core.mentions WHERE official_id NOT IN (SELECT official_id FROM core.officials)
"""

ARTICLES = """
SELECT article_id, headline, lead, body, CAST(timezone('Europe/Kyiv', published_at) AS DATE) AS day
FROM core.articles
"""


def officials_path(home: Home) -> Path:
    return home.officials_yaml if home.officials_yaml.exists() else DEFAULT_PATH


def _write_reference(con: duckdb.DuckDBPyConnection, reference: OfficialsReference) -> None:
    officials = pl.DataFrame(
        [
            {
                "official_id": o.id,
                "name": o.name,
                "country": o.country,
                "aliases": o.aliases,
                "ambiguous_surname": o.ambiguous_surname,
            }
            for o in reference.officials
        ],
        schema={
            "official_id": pl.String,
            "name": pl.String,
            "country": pl.String,
            "aliases": pl.List(pl.String),
            "ambiguous_surname": pl.Boolean,
        },
    )
    roles = pl.DataFrame(
        [
            {
                "official_id": o.id,
                "role": r.role,
                "organisation": r.organisation,
                "valid_from": r.valid_from,
                "valid_to": r.valid_to,
            }
            for o in reference.officials
            for r in o.roles
        ],
        schema={
            "official_id": pl.String,
            "role": pl.String,
            "organisation": pl.String,
            "valid_from": pl.Date,
            "valid_to": pl.Date,
        },
    )
    replace_rows(con, "core.officials", officials)
    replace_rows(con, "core.official_roles", roles)


def _match(
    con: duckdb.DuckDBPyConnection, matcher: OfficialMatcher, everything: bool
) -> tuple[pl.DataFrame, pl.DataFrame, int, int]:
    """(mentions, quotes, articles read, characters read): every article, or those changed.

    Memory holds the matches, never the corpus; a first load's batches are
    matched in one process per core (etl/parallel.py).
    """
    changed = changed_since("core.mentions")
    query = ARTICLES if everything else f"{ARTICLES} WHERE article_id IN ({changed})"
    matched = MatchedArticles()
    for batch in map_chunks(match_articles, stream_batches(con, query), matcher):
        matched.mentions += batch.mentions
        matched.quotes += batch.quotes
        matched.articles += batch.articles
        matched.characters += batch.characters
    mentions = pl.DataFrame(
        matched.mentions,
        schema=["article_id", "official_id", "field", "start", "end", "matched_text", "method"],
        orient="row",
    )
    quotes = pl.DataFrame(
        matched.quotes,
        schema=["article_id", "official_id", "quote", "cue", "field", "start"],
        orient="row",
    )
    return mentions, quotes, matched.articles, matched.characters


@multi_asset(
    pool=WAREHOUSE_POOL,
    specs=[OFFICIALS, ROLES, MENTIONS, QUOTES],
    check_specs=[
        AssetCheckSpec(
            "offsets_match_text",
            asset=MENTIONS.key,
            description="Every mention's offsets cut its matched_text out of its field.",
        ),
        AssetCheckSpec(
            "mentions_of_known_officials",
            asset=MENTIONS.key,
            description="Every mention names an official of core.officials.",
        ),
    ],
    name="officials_build",
)
def officials_build(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Load officials.yaml, then find mentions and quotes in the articles that changed."""
    path = officials_path(warehouse.paths)
    reference = load_officials(path)
    matcher = OfficialMatcher(reference)
    version = fingerprint(reference)
    with warehouse.connect() as con:
        con.execute("BEGIN TRANSACTION")
        _write_reference(con, reference)
        everything = reference_changed(con, "officials", version)
        started = datetime.now(UTC)
        mentions, quotes, articles, characters = _match(con, matcher, everything)
        seconds = (datetime.now(UTC) - started).total_seconds()
        clear_derived(
            con, ("core.mentions", "core.quotes"), "core.mentions", everything, MENTION_MARTS
        )
        append_rows(con, "core.mentions", mentions, in_order_of="article_id")
        con.register("new_mentions", mentions.select("article_id").unique())
        append_rows(con, "core.quotes", quotes, in_order_of="article_id")
        advance_watermark(con, "core.mentions")
        record_reference(con, "officials", version)
        con.execute("COMMIT")
        offsets = con.execute(OFFSETS_MATCH).fetchone()[0]
        unknown = con.execute(KNOWN_OFFICIALS).fetchone()[0]
        speed = characters / seconds / 1e6 if seconds else 0.0
        context.log.info(
            f"matched {articles:,} articles ({characters / 1e6:.1f} M characters) "
            f"in {seconds:.1f} s: {len(mentions):,} mentions, {len(quotes):,} quotes"
        )
        yield MaterializeResult(
            asset_key=OFFICIALS.key,
            metadata=table_metadata(con, "core.officials")
            | {"source": MetadataValue.path(str(path)), "fingerprint": version[:12]},
        )
        yield MaterializeResult(
            asset_key=ROLES.key, metadata=table_metadata(con, "core.official_roles")
        )
        yield MaterializeResult(
            asset_key=MENTIONS.key,
            metadata=table_metadata(con, "core.mentions")
            | {
                "articles_matched": MetadataValue.int(articles),
                "rematched_everything": MetadataValue.bool(everything),
                "million_characters_per_second": MetadataValue.float(round(speed, 2)),
            },
        )
        yield MaterializeResult(asset_key=QUOTES.key, metadata=table_metadata(con, "core.quotes"))
        yield AssetCheckResult(
            asset_key=MENTIONS.key,
            check_name="offsets_match_text",
            passed=offsets == 0,
            metadata={"mismatches": MetadataValue.int(int(offsets))},
        )
        yield AssetCheckResult(
            asset_key=MENTIONS.key,
            check_name="mentions_of_known_officials",
            passed=unknown == 0,
            metadata={"unknown": MetadataValue.int(int(unknown))},
        )
