"""Controllers: the behaviour behind the views (search, reading, timeline, import, index, library)."""
