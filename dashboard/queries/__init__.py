"""Every query the dashboard runs, one module per page; pages never write SQL.

Each function takes the warehouse version first, so its cached result belongs to
one published file, and returns a Polars frame (or plain values). The shared
filter clauses below keep every page filtering the same way.
"""

# Rows of a mart keyed by Kyiv day and outlet, within the sidebar's dates and outlets.
MART_ROWS = "day BETWEEN $start AND $end AND (len($outlets) = 0 OR list_contains($outlets, outlet))"
# Articles (alias a) within the sidebar's dates (as UTC bounds of Kyiv days) and outlets.
ARTICLE_ROWS = (
    "a.published_at >= $from_ts AND a.published_at < $to_ts "
    "AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))"
)
# Articles (alias a) filed under one of the chosen topics, when topics are chosen.
IN_TOPICS = (
    "(len($topics) = 0 OR a.article_id IN "
    "(SELECT article_id FROM core.article_topics WHERE list_contains($topics, topic_id)))"
)
# Articles (alias a) mentioning one of the chosen officials, when officials are chosen.
MENTIONING = (
    "(len($officials) = 0 OR a.article_id IN "
    "(SELECT article_id FROM core.mentions WHERE list_contains($officials, official_id)))"
)
KYIV_DAY = "CAST(timezone('Europe/Kyiv', a.published_at) AS DATE)"
# A link analysts can follow: only http(s) URLs; anything else (javascript:, data:) is dropped.
LINKABLE_URL = "CASE WHEN regexp_matches(a.url, '^https?://') THEN a.url END"
SAFE_URL = f"{LINKABLE_URL} AS url"
