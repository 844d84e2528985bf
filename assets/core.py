"""Core: one row per article and the links between articles, with their checks."""

from dagster import AssetCheckResult, AssetCheckSpec, MaterializeResult, MetadataValue, asset

from assets.metadata import table_metadata
from assets.resources import WarehouseResource
from warehouse.schema import transform_sql

ARTICLES = ["core", "articles"]
STAGING = [["staging", "articles"], ["staging", "listed_headlines"]]


def _check(con, name: str, failing_sql: str, description: str) -> AssetCheckResult:
    failing = con.execute(failing_sql).fetchone()[0]
    return AssetCheckResult(
        check_name=name,
        passed=failing == 0,
        metadata={"failing_rows": MetadataValue.int(int(failing))},
        description=description,
    )


@asset(
    key=ARTICLES,
    deps=STAGING,
    group_name="core",
    kinds={"duckdb"},
    check_specs=[
        AssetCheckSpec(
            "unique_article_id", asset=ARTICLES, description="No article_id appears twice."
        ),
        AssetCheckSpec(
            "headline_present",
            asset=ARTICLES,
            description="Every article has a non-empty headline.",
        ),
        AssetCheckSpec(
            "published_at_present_with_body",
            asset=ARTICLES,
            description="Every article whose text was seen has a publication time.",
        ),
    ],
)
def core_articles(warehouse: WarehouseResource) -> MaterializeResult:
    """Every article seen, whole or as a listed headline, one row each."""
    with warehouse.connect() as con:
        con.execute(transform_sql("core", "articles"))
        checks = [
            _check(
                con,
                "unique_article_id",
                "SELECT count(*) - count(DISTINCT article_id) FROM core.articles",
                "duplicate article ids",
            ),
            _check(
                con,
                "headline_present",
                "SELECT count(*) FROM core.articles WHERE coalesce(trim(headline), '') = ''",
                "articles without a headline",
            ),
            _check(
                con,
                "published_at_present_with_body",
                "SELECT count(*) FROM core.articles WHERE has_body AND published_at IS NULL",
                "articles with text but no time",
            ),
        ]
        metadata = table_metadata(con, "core.articles")
        metadata["with_body"] = MetadataValue.int(
            int(con.execute("SELECT count(*) FROM core.articles WHERE has_body").fetchone()[0])
        )
    return MaterializeResult(metadata=metadata, check_results=checks)


LINKS = ["core", "article_links"]


@asset(
    key=LINKS,
    deps=[ARTICLES, *STAGING],
    group_name="core",
    kinds={"duckdb"},
    check_specs=[
        AssetCheckSpec(
            "link_targets_exist",
            asset=LINKS,
            description="Both ends of every link are rows of core.articles.",
        )
    ],
)
def core_article_links(warehouse: WarehouseResource) -> MaterializeResult:
    """Links from each page to the articles its lists name."""
    with warehouse.connect() as con:
        con.execute(transform_sql("core", "article_links"))
        check = _check(
            con,
            "link_targets_exist",
            """SELECT count(*) FROM core.article_links AS l
               WHERE NOT EXISTS (SELECT 1 FROM core.articles a WHERE a.article_id = l.to_article_id)
                  OR NOT EXISTS (SELECT 1 FROM core.articles a WHERE a.article_id = l.from_article_id)""",
            "links to articles that do not exist",
        )
        metadata = table_metadata(con, "core.article_links")
    return MaterializeResult(metadata=metadata, check_results=[check])


def rebuild(warehouse: WarehouseResource, table: str) -> MaterializeResult:
    """Run the table's transform and report its size and a preview."""
    layer, name = table.split(".")
    with warehouse.connect() as con:
        con.execute(transform_sql(layer, name))
        return MaterializeResult(metadata=table_metadata(con, table))


@asset(
    key=["core", "article_versions"], deps=[ARTICLES, *STAGING], group_name="core", kinds={"duckdb"}
)
def core_article_versions(warehouse: WarehouseResource) -> MaterializeResult:
    """Every sighting of every article, so no version is lost when rows merge."""
    return rebuild(warehouse, "core.article_versions")


@asset(key=["core", "outlets"], deps=[ARTICLES], group_name="core", kinds={"duckdb"})
def core_outlets(warehouse: WarehouseResource) -> MaterializeResult:
    """Every outlet with its time zone, article counts and time span."""
    return rebuild(warehouse, "core.outlets")


@asset(key=["core", "article_tags"], deps=[ARTICLES], group_name="core", kinds={"duckdb"})
def core_article_tags(warehouse: WarehouseResource) -> MaterializeResult:
    """Article-tag pairs, for joins."""
    return rebuild(warehouse, "core.article_tags")


@asset(key=["core", "tags"], deps=[["core", "article_tags"]], group_name="core", kinds={"duckdb"})
def core_tags(warehouse: WarehouseResource) -> MaterializeResult:
    """Every tag with the number of articles carrying it."""
    return rebuild(warehouse, "core.tags")


@asset(key=["core", "near_duplicates"], deps=[ARTICLES], group_name="core", kinds={"duckdb"})
def core_near_duplicates(warehouse: WarehouseResource) -> MaterializeResult:
    """Pairs of articles with nearly the same text (MinHash over 5-word shingles)."""
    return rebuild(warehouse, "core.near_duplicates")
