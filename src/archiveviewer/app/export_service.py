"""Export use case: gathers documents, timeline or a search report and hands them to an exporter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from archiveviewer.app.archive import Archive
from archiveviewer.app.read_service import ReadService
from archiveviewer.app.search_service import SearchService
from archiveviewer.export import csv_export, json_export, pdf_export

FORMATS = ("pdf", "csv", "json")


class ExportService:
    def __init__(self, archive: Archive):
        self.archive = archive

    # -- gathering

    def documents_data(self, ids: list[int] | None = None) -> list[dict]:
        return ReadService(self.archive).full_documents(ids)

    def timeline_data(self, entry_ids: list[int] | None = None) -> list[dict]:
        return ReadService(self.archive).timeline(entry_ids)

    def search_report(self, query: str) -> dict:
        result = SearchService(self.archive).search(query, limit=0)
        return {
            "query": query,
            "ran_at": dt.datetime.now().isoformat(timespec="seconds"),
            "total": result.total,
            "hits": [
                {
                    "id": h.key,
                    "kind": h.kind,
                    "title": h.title,
                    "date": h.date,
                    "document_id": h.document_id,
                    "source": h.source,
                    "snippet": h.snippet,
                    "highlights": [list(x) for x in h.highlights],
                    "score": round(h.score, 4),
                }
                for h in result.hits
            ],
        }

    # -- writing; each returns the PDF page count (0 for CSV/JSON)

    def _write(self, what: str, data, out: Path, fmt: str, overwrite: bool, progress) -> int:
        if fmt == "json":
            json_export.export_json(data, out, overwrite=overwrite)
            return 0
        if fmt == "csv":
            _CSV[what](data, out, overwrite=overwrite)
            return 0
        if fmt != "pdf":
            raise ValueError(f"unknown export format {fmt!r} (choose one of {', '.join(FORMATS)})")
        return _PDF[what](data, out, self.archive.name, progress=progress, overwrite=overwrite)

    def export_documents(
        self, ids: list[int] | None, out: Path, fmt: str, overwrite: bool = False, progress=None
    ) -> int:
        return self._write("documents", self.documents_data(ids), out, fmt, overwrite, progress)

    def export_timeline(
        self, out: Path, fmt: str, entry_ids: list[int] | None = None, overwrite: bool = False, progress=None
    ) -> int:
        return self._write("timeline", self.timeline_data(entry_ids), out, fmt, overwrite, progress)

    def export_search(self, query: str, out: Path, fmt: str, overwrite: bool = False, progress=None) -> int:
        return self._write("search", self.search_report(query), out, fmt, overwrite, progress)


_PDF: dict[str, Callable[..., int]] = {
    "documents": pdf_export.export_documents_pdf,
    "timeline": pdf_export.export_timeline_pdf,
    "search": pdf_export.export_search_report_pdf,
}
_CSV: dict[str, Callable[..., Any]] = {
    "documents": csv_export.export_documents_csv,
    "timeline": csv_export.export_timeline_csv,
    "search": csv_export.export_search_report_csv,
}
