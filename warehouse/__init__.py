"""The DuckDB warehouse: schema as SQL files, the one way to open it, and publishing."""
