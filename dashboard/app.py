"""wirewatch dashboard entry point: page frame, shared filters and navigation."""

from __future__ import annotations

import streamlit as st

from dashboard import filters, queries

st.set_page_config(page_title="wirewatch", page_icon=":newspaper:", layout="wide")

navigation = st.navigation(
    [st.Page("pages/overview.py", title="Overview", icon=":material/monitoring:", default=True)]
)
version = queries.warehouse_version()
st.session_state["filters"] = filters.sidebar(version)
st.session_state["version"] = version
navigation.run()
