"""Export use case: gathers documents, timeline or a search report and hands them to an exporter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from archiveviewer.app.archive import Archive
from archiveviewer.app.queries import document_dict, timeline
from archiveviewer.app.search_service import SearchService
from archiveviewer.export import csv_export, json_export, pdf_export
from archiveviewer.storage.models import Document

FORMATS = ("pdf", "csv", "json")


class ExportService:
    def __init__(self, archive: Archive):
        self.archive = archive

    # -- gathering

    def documents_data(self, ids: list[int] | None = None) -> list[dict]:
        with self.archive.Session() as s:
            if ids is None:
                ids = list(s.scalars(select(Document.id).order_by(Document.published, Document.id)))
            return [document_dict(s, i) for i in ids]

    def timeline_data(self, entry_ids: list[int] | None = None) -> list[dict]:
        with self.archive.Session() as s:
            return timeline(s, entry_ids)

    def search_report(self, query: str) -> dict:
        result = SearchService(self.archive).search(query, limit=0)
        return {
            "query": query,
            "ran_at": dt.datetime.now().isoformat(timespec="seconds"),
            "total": result.total,
            "hits": [
                {"id": h.key, "kind": h.kind, "title": h.title, "date": h.date, "document_id": h.document_id,
                 "source": h.source, "snippet": h.snippet, "highlights": [list(x) for x in h.highlights],
                 "score": round(h.score, 4)}
                for h in result.hits
            ],
        }

    # -- writing; each returns the PDF page count (0 for CSV/JSON)

    def export_documents(self, ids: list[int] | None, out: Path, fmt: str, overwrite: bool = False,
                         progress=None) -> int:
        docs = self.documents_data(ids)
        if fmt == "pdf":
            return pdf_export.export_documents_pdf(docs, out, self.archive.name, progress=progress,
                                                   overwrite=overwrite)
        if fmt == "csv":
            csv_export.export_documents_csv(docs, out, overwrite=overwrite)
        else:
            json_export.export_json(docs, out, overwrite=overwrite)
        return 0

    def export_timeline(self, out: Path, fmt: str, entry_ids: list[int] | None = None,
                        overwrite: bool = False, progress=None) -> int:
        entries = self.timeline_data(entry_ids)
        if fmt == "pdf":
            return pdf_export.export_timeline_pdf(entries, out, self.archive.name, progress=progress,
                                                  overwrite=overwrite)
        if fmt == "csv":
            csv_export.export_timeline_csv(entries, out, overwrite=overwrite)
        else:
            json_export.export_json(entries, out, overwrite=overwrite)
        return 0

    def export_search(self, query: str, out: Path, fmt: str, overwrite: bool = False, progress=None) -> int:
        report = self.search_report(query)
        if fmt == "pdf":
            return pdf_export.export_search_report_pdf(report, out, self.archive.name, progress=progress,
                                                       overwrite=overwrite)
        if fmt == "csv":
            csv_export.export_search_report_csv(report, out, overwrite=overwrite)
        else:
            json_export.export_json(report, out, overwrite=overwrite)
        return 0
