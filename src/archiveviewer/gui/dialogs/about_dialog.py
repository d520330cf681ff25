"""About ArchiveViewer: version, and the licences of the bundled font and libraries."""

from __future__ import annotations

import html

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from archiveviewer import __version__


def _version(dist: str) -> str:
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # noqa: BLE001 - a frozen build may lack the metadata
        return ""


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About ArchiveViewer"))
        title = QLabel(f"<h2>ArchiveViewer {html.escape(__version__)}</h2>")
        summary = QLabel(self.tr("An offline viewer for digitized Chinese newspaper archives."))
        summary.setWordWrap(True)
        self.licences = QTextBrowser()
        self.licences.setOpenLinks(False)
        self.licences.setAccessibleName(self.tr("Licences"))
        self.licences.setHtml(self.licences_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        self.resize(560, 460)

    def components(self) -> list[tuple[str, str, str]]:
        return [
            ("Qt", qVersion(), self.tr("LGPLv3")),
            ("PySide6", pyside_version, self.tr("LGPLv3")),
            ("SQLAlchemy", _version("SQLAlchemy"), self.tr("MIT")),
            ("Alembic", _version("alembic"), self.tr("MIT")),
            ("Whoosh", _version("Whoosh-Reloaded") or _version("Whoosh"), self.tr("BSD")),
            ("OpenCC", _version("OpenCC"), self.tr("Apache-2.0")),
            ("platformdirs", _version("platformdirs"), self.tr("MIT")),
            ("charset-normalizer", _version("charset-normalizer"), self.tr("MIT")),
            ("pypdf", _version("pypdf"), self.tr("BSD")),
            (
                self.tr("WenQuanYi Micro Hei (bundled font, GBK subset)"),
                "",
                self.tr("Apache-2.0 or GPLv3 with font embedding exception"),
            ),
        ]

    def licences_html(self) -> str:
        rows = "".join(
            f"<tr><td style='padding:2px 12px 2px 0;'>{html.escape(name)}</td>"
            f"<td style='padding:2px 12px 2px 0;'>{html.escape(ver)}</td><td>{html.escape(lic)}</td></tr>"
            for name, ver, lic in self.components()
        )
        own = html.escape(self.tr("ArchiveViewer is licensed under the Apache License 2.0."))
        built = html.escape(self.tr("It is built with these components:"))
        component = html.escape(self.tr("Component"))
        version = html.escape(self.tr("Version"))
        licence = html.escape(self.tr("Licence"))
        texts = html.escape(self.tr("The licence texts are in the resources/fonts folder and in each library."))
        return (
            f"<p>{own}</p><p>{built}</p>"
            f"<table><tr><th align='left'>{component}</th><th align='left'>{version}</th>"
            f"<th align='left'>{licence}</th></tr>{rows}</table><p>{texts}</p>"
        )
