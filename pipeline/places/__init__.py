"""Place linking: every place mention to its administrative division (issue 15)."""
