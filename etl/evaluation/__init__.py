"""Scoring wirewatch's extractors against labelled development sets."""
