"""One module per input format, plus `detect` which tells them apart by content."""
