"""Qt's own dialog strings that PySide6's qtbase_zh_CN.qm lacks (Qt 6 changed them), translated in our catalogue.

Without these, Qt's file dialog in the Chinese UI still says "Look in:", "Files
of type:" and "Folder". Nothing calls `qt_strings()` at run time: lupdate reads
the calls below into our .ts, and since the app's translator is installed after
Qt's it is asked first, for these contexts too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def qt_strings() -> list[str]:
    """The strings, translated (tests compare them with what Qt's widgets show)."""
    return [
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
    ]
