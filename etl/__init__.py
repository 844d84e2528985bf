"""Pure wirewatch logic: parsers, cleaners and generators.

Nothing in this package imports Dagster or Streamlit, so every function can be
unit-tested on small inputs and reused by the pipeline, the CLI and benchmarks.
"""
