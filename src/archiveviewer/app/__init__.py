"""Use cases (import, search, edit, annotate, export); owns each unit of work. No Qt."""
