"""What the GUI needs from the lower layers besides the services: the bundled font, hit highlighting,
decoding a related text, printing, and the export errors (so gui/ imports app/ only)."""

from __future__ import annotations

from archiveviewer.export.errors import ExportCancelled, ExportError
from archiveviewer.export.fonts import register_app_font

__all__ = [
    "ExportCancelled",
    "ExportError",
    "decode_text",
    "highlight_spans",
    "register_app_font",
    "render_documents",
    "render_search_report",
    "render_timeline",
]


def highlight_spans(query: str, text: str) -> list[tuple[int, int]]:
    """Where `query` matches in `text` (imported on first use: it loads OpenCC)."""
    from archiveviewer.search.highlight import highlight_spans as spans

    return spans(query, text)


def decode_text(data: bytes, name: str) -> str:
    """A related document's bytes as text, decoded the way imports decode it."""
    from archiveviewer.ingest.decoding import decode_bytes

    return decode_bytes(data, name).text


def render_documents(data, printer, name: str) -> None:
    from archiveviewer.export import pdf_export

    pdf_export.render_documents(data, printer, name)


def render_timeline(data, printer, name: str) -> None:
    from archiveviewer.export import pdf_export

    pdf_export.render_timeline(data, printer, name)


def render_search_report(data, printer, name: str) -> None:
    from archiveviewer.export import pdf_export

    pdf_export.render_search_report(data, printer, name)
