"""The Streamlit dashboard: app.py routes, pages/ draw, queries.py holds all SQL."""
