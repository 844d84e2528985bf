"""A deterministic, streaming generator of synthetic page dumps for demos and benchmarks."""
