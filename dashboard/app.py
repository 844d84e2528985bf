"""wirewatch dashboard entry point: page frame, shared filters and navigation.

Run with `wirewatch dashboard` (or `streamlit run dashboard/app.py`). Each page is
one module under views/ (not pages/: Streamlit would run a pages/ folder's scripts
on their own when a session opens on a page's URL before the entry point has run).
The sidebar's filters live in the URL, so any view can be shared as a link.
"""

from __future__ import annotations

import streamlit as st

from dashboard import database, filters

st.set_page_config(page_title="wirewatch", page_icon=":material/newspaper:", layout="wide")

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/monitoring:", default=True),
    st.Page("views/officials.py", title="Officials", icon=":material/groups:"),
    st.Page("views/topics.py", title="Topics", icon=":material/category:"),
    st.Page("views/articles.py", title="Articles", icon=":material/article:"),
    st.Page("views/sql.py", title="SQL", icon=":material/terminal:"),
    st.Page("views/pipeline.py", title="Pipeline", icon=":material/settings_input_component:"),
]

navigation = st.navigation(PAGES)
current = database.version()
with database.reading(current):
    st.session_state["version"] = current
    st.session_state["filters"] = filters.sidebar(current)
    navigation.run()
