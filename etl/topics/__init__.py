"""Topics: a readable Boolean taxonomy over article text, and stories of articles about one event."""
