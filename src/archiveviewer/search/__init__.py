"""Exact Chinese full-text search on Whoosh; the index is derived from the database."""
