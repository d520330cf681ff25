"""CSV export of timelines, documents and search reports (UTF-8 with BOM), with readers that round-trip them.

The BOM makes Excel and WPS read the file as UTF-8 instead of the local ANSI
code page, which would garble the Chinese. A cell that a spreadsheet would run
as a formula (starting with = + - @, a tab or CR) gets a leading apostrophe;
the readers here remove it again, so what was exported reads back unchanged.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import formatting as fmt
from .errors import ExportError
from .files import atomic_output
from .i18n import Export

ENCODING = "utf-8-sig"
AMOUNT_SEP = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

TIMELINE_COLUMNS = ["entry_id", "date", "text", "amounts", "amounts_yuan", "document_id", "document_title"]
DOCUMENT_COLUMNS = [
    "document_id",
    "document_kind",
    "document_title",
    "source",
    "row_type",
    "section",
    "number",
    "id",
    "date",
    "text",
    "amounts",
    "amounts_yuan",
    "author",
    "target",
]
REPORT_COLUMNS = [
    "query",
    "ran_at",
    "total",
    "rank",
    "id",
    "kind",
    "title",
    "date",
    "document_id",
    "source",
    "score",
    "snippet",
    "highlights",
    "marked_snippet",
]


def header_labels() -> dict[str, str]:
    """Each column's header in the UI language, as the PDF's headings are.

    Without a translator (the command line, an English UI) the header is the
    column's key itself, so scripts reading the English files keep working.
    """
    return {
        "entry_id": Export.tr("entry_id"),
        "date": Export.tr("date"),
        "text": Export.tr("text"),
        "amounts": Export.tr("amounts"),
        "amounts_yuan": Export.tr("amounts_yuan"),
        "document_id": Export.tr("document_id"),
        "document_title": Export.tr("document_title"),
        "document_kind": Export.tr("document_kind"),
        "source": Export.tr("source"),
        "row_type": Export.tr("row_type"),
        "section": Export.tr("section"),
        "number": Export.tr("number"),
        "id": Export.tr("id"),
        "author": Export.tr("author"),
        "target": Export.tr("target"),
        "query": Export.tr("query"),
        "ran_at": Export.tr("ran_at"),
        "total": Export.tr("total"),
        "rank": Export.tr("rank"),
        "kind": Export.tr("kind"),
        "title": Export.tr("title"),
        "score": Export.tr("score"),
        "snippet": Export.tr("snippet"),
        "highlights": Export.tr("highlights"),
        "marked_snippet": Export.tr("marked_snippet"),
    }


def _column_keys(header: Sequence[str]) -> list[str]:
    """Header cells back to column keys: a key itself, or its label in the UI language."""
    keys = {label: key for key, label in header_labels().items()}
    return [cell if cell in keys.values() else keys.get(cell, cell) for cell in header]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    s = fmt.text(value)
    # The apostrophe also guards a value that starts with one, so reading back
    # can always strip exactly one.
    if s.startswith(_FORMULA_START) or s.startswith("'"):
        return "'" + s
    return s


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def _write(out: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], overwrite: bool) -> int:
    count = 0
    with atomic_output(Path(out), overwrite) as tmp, open(tmp, "w", encoding=ENCODING, newline="") as f:
        writer = csv.writer(f)
        labels = header_labels()
        writer.writerow([labels.get(c, c) for c in columns])
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
            count += 1
    return count


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of an exported CSV as dicts of strings (BOM and formula guards removed)."""
    try:
        with open(path, encoding=ENCODING, newline="") as f:
            rows = csv.reader(f)
            header = _column_keys(next(rows, []))
            return [{k: _uncell(v or "") for k, v in zip(header, row, strict=False)} for row in rows if row]
    except OSError as exc:
        raise ExportError(
            Export.tr("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc


# -- values -----------------------------------------------------------------------


def _yuan_text(value: Any) -> str:
    d = fmt.to_decimal(value)
    if d is None:
        return ""
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


def _amount_cells(amounts: Any) -> dict[str, str]:
    amounts = list(amounts or ())
    return {
        "amounts": AMOUNT_SEP.join(fmt.one_line(a.get("text")) for a in amounts),
        "amounts_yuan": AMOUNT_SEP.join(_yuan_text(a.get("yuan")) for a in amounts),
    }


def _parse_number(value: str) -> int | Decimal | None:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        d = fmt.to_decimal(value)
        return d


def _parse_id(value: str) -> int | str | None:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        return value


def _parse_amounts(texts: str, yuans: str) -> list[dict[str, Any]]:
    if not texts and not yuans:
        return []
    t, y = texts.split(AMOUNT_SEP), yuans.split(AMOUNT_SEP)
    n = max(len(t), len(y))
    t += [""] * (n - len(t))
    y += [""] * (n - len(y))
    return [{"text": a, "yuan": _parse_number(b)} for a, b in zip(t, y, strict=True)]


# -- timeline ---------------------------------------------------------------------


def _timeline_row(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "entry_id": entry.get("id"),
        "date": entry.get("date"),
        "text": entry.get("text"),
        **_amount_cells(entry.get("amounts")),
        "document_id": entry.get("document_id"),
        "document_title": entry.get("document_title"),
    }


def export_timeline_csv(entries: Iterable[Mapping[str, Any]], out: Path, *, overwrite: bool = False) -> int:
    """One row per entry: id, date, text, amounts (printed), amounts_yuan, document id and title; returns the rows."""
    return _write(out, TIMELINE_COLUMNS, (_timeline_row(e) for e in entries), overwrite)


def read_timeline_csv(path: Path) -> list[dict[str, Any]]:
    """Entries as exported by export_timeline_csv, in the input dict shape."""
    return [
        {
            "id": _parse_id(r.get("entry_id", "")),
            "date": r.get("date") or None,
            "text": r.get("text", ""),
            "amounts": _parse_amounts(r.get("amounts", ""), r.get("amounts_yuan", "")),
            "document_id": _parse_id(r.get("document_id", "")),
            "document_title": r.get("document_title") or None,
        }
        for r in read_csv(path)
    ]


# -- documents --------------------------------------------------------------------


def document_rows(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The CSV rows of one document: title, subtitle, paragraphs, byline, entries, annotations."""
    base = {
        "document_id": document.get("id"),
        "document_kind": document.get("kind"),
        "document_title": document.get("title"),
        "source": document.get("source"),
    }
    doc_date = (document.get("masthead") or {}).get("date")
    rows = [dict(base, row_type="title", date=doc_date, text=document.get("title"))]
    if document.get("subtitle"):
        rows.append(dict(base, row_type="subtitle", text=document["subtitle"]))
    number = 0
    for section in document.get("sections") or ():
        for paragraph in section.get("paragraphs") or ():
            if isinstance(paragraph, Mapping):
                paragraph = paragraph.get("text")
            number += 1
            rows.append(dict(base, row_type="paragraph", section=section.get("heading"), number=number, text=paragraph))
    if document.get("byline"):
        rows.append(dict(base, row_type="byline", text=document["byline"]))
    for n, entry in enumerate(document.get("timeline") or (), start=1):
        rows.append(
            dict(
                base,
                row_type="entry",
                number=n,
                id=entry.get("id"),
                date=entry.get("date"),
                text=entry.get("text"),
                **_amount_cells(entry.get("amounts")),
            )
        )
    for n, note in enumerate(document.get("annotations") or (), start=1):
        rows.append(
            dict(
                base,
                row_type="annotation",
                number=n,
                id=note.get("id"),
                date=note.get("created_at"),
                text=note.get("text"),
                author=note.get("author"),
                target=note.get("target"),
            )
        )
    return rows


def export_documents_csv(documents: Iterable[Mapping[str, Any]], out: Path, *, overwrite: bool = False) -> int:
    """One row per title/subtitle/paragraph/byline/timeline entry/annotation, each with its document's id and title.

    `row_type` says which; `section` holds the paragraph's section heading;
    `date` is the page date for title rows, the entry date, or the annotation time.
    Returns the row count.
    """
    return _write(out, DOCUMENT_COLUMNS, (row for d in documents for row in document_rows(d)), overwrite)


def read_documents_csv(path: Path) -> list[dict[str, Any]]:
    """Documents rebuilt from export_documents_csv (masthead reduced to its date)."""
    documents: dict[str, dict[str, Any]] = {}
    for r in read_csv(path):
        key = r.get("document_id", "")
        doc = documents.get(key)
        if doc is None:
            doc = documents[key] = {
                "id": _parse_id(key),
                "kind": r.get("document_kind") or None,
                "title": r.get("document_title", ""),
                "subtitle": None,
                "byline": None,
                "source": r.get("source") or None,
                "masthead": {"date": None},
                "sections": [],
                "timeline": [],
                "annotations": [],
            }
        kind = r.get("row_type")
        if kind == "title":
            doc["masthead"]["date"] = r.get("date") or None
        elif kind == "subtitle":
            doc["subtitle"] = r.get("text")
        elif kind == "byline":
            doc["byline"] = r.get("text")
        elif kind == "paragraph":
            heading = r.get("section") or None
            if not doc["sections"] or doc["sections"][-1]["heading"] != heading:
                doc["sections"].append({"heading": heading, "paragraphs": []})
            doc["sections"][-1]["paragraphs"].append(r.get("text", ""))
        elif kind == "entry":
            doc["timeline"].append(
                {
                    "id": _parse_id(r.get("id", "")),
                    "date": r.get("date") or None,
                    "text": r.get("text", ""),
                    "amounts": _parse_amounts(r.get("amounts", ""), r.get("amounts_yuan", "")),
                    "document_id": doc["id"],
                    "document_title": doc["title"],
                }
            )
        elif kind == "annotation":
            doc["annotations"].append(
                {
                    "id": _parse_id(r.get("id", "")),
                    "author": r.get("author") or None,
                    "created_at": r.get("date") or None,
                    "text": r.get("text", ""),
                    "target": r.get("target") or None,
                }
            )
    return list(documents.values())


# -- search report ----------------------------------------------------------------


def _marked(snippet: str, spans: list[tuple[int, int]]) -> str:
    out, done = [], 0
    for s, e in spans:
        out += [snippet[done:s], "【", snippet[s:e], "】"]
        done = e
    out.append(snippet[done:])
    return "".join(out)


def _report_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    head = {"query": report.get("query"), "ran_at": report.get("ran_at"), "total": report.get("total")}
    hits = list(report.get("hits") or ())
    if not hits:
        return [head]  # keeps the query and time even when nothing was found
    rows = []
    for rank, hit in enumerate(hits, start=1):
        snippet = "" if hit.get("snippet") is None else str(hit.get("snippet"))
        spans = fmt.highlight_spans(snippet, hit.get("highlights"))
        rows.append(
            dict(
                head,
                rank=rank,
                id=hit.get("id"),
                kind=hit.get("kind"),
                title=hit.get("title"),
                date=hit.get("date"),
                document_id=hit.get("document_id"),
                source=hit.get("source"),
                score=hit.get("score"),
                snippet=snippet,
                highlights=" ".join(f"{s}-{e}" for s, e in spans),
                marked_snippet=_marked(snippet, spans),
            )
        )
    return rows


def export_search_report_csv(report: Mapping[str, Any], out: Path, *, overwrite: bool = False) -> int:
    """One row per hit (query, time and total repeated on each; `marked_snippet` brackets matches 【like this】)."""
    return _write(out, REPORT_COLUMNS, _report_rows(report), overwrite)


def read_search_report_csv(path: Path) -> dict[str, Any]:
    rows = read_csv(path)
    first = rows[0] if rows else {}
    total = _parse_number(first.get("total", ""))
    report: dict[str, Any] = {
        "query": first.get("query", ""),
        "ran_at": first.get("ran_at") or None,
        "total": total,
        "hits": [],
    }
    for r in rows:
        if not r.get("rank"):
            continue
        spans = [[int(a), int(b)] for a, b in (p.split("-") for p in r.get("highlights", "").split() if "-" in p)]
        score = r.get("score", "")
        report["hits"].append(
            {
                "id": _parse_id(r.get("id", "")),
                "kind": r.get("kind") or None,
                "title": r.get("title", ""),
                "date": r.get("date") or None,
                "document_id": _parse_id(r.get("document_id", "")),
                "source": r.get("source") or None,
                "snippet": r.get("snippet", ""),
                "highlights": spans,
                "score": float(score) if score else None,
            }
        )
    return report
