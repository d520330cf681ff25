"""Translation context of every user-visible export string: `Export.tr("…")`, filed by lupdate under "Export"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


class Export:
    """Never instantiated; its name is the translation context shared by lupdate and `tr`.

    Placeholders are `{name}` fields filled with str.format after translation.
    """

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("Export", text)
