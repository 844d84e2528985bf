"""The Streamlit dashboard: app.py routes, views/ draw, queries/ holds all SQL."""
