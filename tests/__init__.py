"""wirewatch test suite."""
