"""Dagster definitions: one module per pipeline stage, each asset a thin call into etl/.

Asset modules do not use `from __future__ import annotations`: Dagster inspects the
live annotations of `context` and config parameters.
"""
