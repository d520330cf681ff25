"""Translation context for every user-visible export string: write `Export.tr("…")` so lupdate files it under "Export"."""

from __future__ import annotations

from PySide6.QtCore import QObject


class Export(QObject):
    """Never instantiated; its class name is the translation context that lupdate and QObject.tr share.

    Placeholders are `{name}` fields filled with str.format after translation.
    """
