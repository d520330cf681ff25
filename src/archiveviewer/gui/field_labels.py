"""The names of the fields of entries and documents as the window shows them: in undo labels, the conflict
dialogs and the history (one list, so a field is called the same everywhere)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def field_label(field: str | None) -> str:
    """`field` (a column of an entry or document, or a history event) in the interface language."""

    return {
        "created": QCoreApplication.translate("FieldLabel", "created"),
        "deleted": QCoreApplication.translate("FieldLabel", "deleted"),
        "tag": QCoreApplication.translate("FieldLabel", "tag"),
        "date": QCoreApplication.translate("FieldLabel", "date"),
        "published": QCoreApplication.translate("FieldLabel", "date"),
        "text": QCoreApplication.translate("FieldLabel", "text"),
        "title": QCoreApplication.translate("FieldLabel", "title"),
        "subtitle": QCoreApplication.translate("FieldLabel", "subtitle"),
        "kind": QCoreApplication.translate("FieldLabel", "kind"),
        "paper": QCoreApplication.translate("FieldLabel", "paper"),
        "page": QCoreApplication.translate("FieldLabel", "page"),
        "byline": QCoreApplication.translate("FieldLabel", "byline"),
    }.get(field or "", field or "")
