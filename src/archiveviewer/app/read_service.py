"""Read use cases shared by the CLI, the window and export: one place that opens a session to read."""

from __future__ import annotations

from archiveviewer.app import queries
from archiveviewer.app.archive import Archive


class ReadService:
    """The archive's read side: the timeline, documents, counts. Each call is one short read transaction."""

    def __init__(self, archive: Archive):
        self.archive = archive

    def timeline(self, entry_ids: list[int] | None = None, document_ids: list[int] | None = None) -> list[dict]:
        """Every timeline entry (or the given ones, and/or those of the given documents) in date order,
        as `queries.entry_dict`s."""
        with self.archive.Session() as session:
            return queries.timeline(session, entry_ids, document_ids)

    def document(self, document_id: int) -> dict:
        """One document with its structure (`show --json`); raises `queries.NotFound`."""
        with self.archive.Session() as session:
            return queries.document_dict(session, document_id)

    def paragraph(self, paragraph_id: int) -> dict:
        """One paragraph: text, original_text, version, document_id; raises `queries.NotFound`."""
        with self.archive.Session() as session:
            return queries.paragraph_dict(session, paragraph_id)

    def documents(self) -> list[dict]:
        """A line per document: id, kind, title, date, source, entry count."""
        with self.archive.Session() as session:
            return queries.documents(session)

    def full_documents(self, ids: list[int] | None = None) -> list[dict]:
        """The given documents (default: all, by date) in full, in one read transaction."""
        with self.archive.Session() as session:
            if ids is None:
                ids = [row["id"] for row in queries.documents(session)]
            return [queries.document_dict(session, i) for i in ids]

    def stats(self) -> dict:
        """Counts for the status bar."""
        with self.archive.Session() as session:
            return queries.stats(session)
