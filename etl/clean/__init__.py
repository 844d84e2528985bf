"""Text and time normalisation shared by every source adapter."""
