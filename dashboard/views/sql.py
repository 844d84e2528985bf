"""SQL: ad-hoc read-only queries on the published warehouse, with its documented catalogue.

Queries go through warehouse.sandbox: one read-only statement at a time on a
connection that cannot reach files, the network or its own settings, stopped
at the time limit, and read only up to the row limit.
"""

from __future__ import annotations

import streamlit as st

from dashboard import database, widgets
from dashboard.queries import catalogue
from warehouse.sandbox import QueryRefused, run_query

EXAMPLE = """SELECT o.name, sum(m.articles) AS articles
FROM marts.daily_official_mentions AS m JOIN core.officials AS o USING (official_id)
GROUP BY ALL ORDER BY articles DESC LIMIT 10"""

st.title("SQL")
current, _ = widgets.page_context()
st.caption(
    "Read-only DuckDB SQL on the published warehouse: one query at a time; files, the network, "
    "extensions and settings are out of reach. Full-text search: "
    "`fts_core_articles.match_bm25(article_id, 'words')`."
)

with st.form("query"):
    sql = st.text_area("Query", value=EXAMPLE, height=160, key="sql", bind="query-params")
    left, right, _ = st.columns([1, 1, 2])
    max_rows = left.number_input(
        "Row limit", min_value=1, max_value=100_000, value=1_000, step=1_000, key="max_rows"
    )
    timeout_s = right.number_input(
        "Time limit (seconds)", min_value=1, max_value=120, value=10, key="timeout_s"
    )
    submitted = st.form_submit_button("Run", type="primary", icon=":material/play_arrow:")

if submitted:
    with database.cursor(current) as con:
        try:
            result = run_query(con, sql, timeout_s=float(timeout_s), max_rows=int(max_rows))
            st.session_state["sql_result"] = (sql, result, None)
        except QueryRefused as refused:
            st.session_state["sql_result"] = (sql, None, str(refused))

ran = st.session_state.get("sql_result")
if ran:
    ran_sql, result, error = ran
    if error:
        st.error(f"Refused: {error}")
    else:
        truncated = result.height > max_rows
        shown = result.head(int(max_rows))
        note = (
            f"first {shown.height:,} rows (more were available)"
            if truncated
            else f"{shown.height:,} rows"
        )
        st.caption(f"Result: {note}.")
        st.dataframe(shown, hide_index=True)
        widgets.csv_button(shown, "query_result", "Download the result (CSV)")

st.subheader("Catalogue")
tables = catalogue.tables(current)
st.dataframe(
    tables,
    hide_index=True,
    column_config={"description": st.column_config.TextColumn("Description", width="large")},
)
table = st.selectbox("Columns of", tables["table"].to_list(), key="catalogue_table")
if table:
    st.dataframe(
        catalogue.columns(current, table),
        hide_index=True,
        column_config={"description": st.column_config.TextColumn("Description", width="large")},
    )
