"""File → Export…: what to export, in which format, where; print preview and print of the same pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.gui.background import BackgroundTask, run_in_background
from archiveviewer.gui.dialogs.task_progress_dialog import TaskProgressDialog
from archiveviewer.gui.i18n import fill

WHAT_DOCUMENT, WHAT_ALL_DOCUMENTS, WHAT_TIMELINE, WHAT_SELECTED_ENTRIES, WHAT_SEARCH = range(5)
FORMATS = ("pdf", "csv", "json")


@dataclass(frozen=True)
class ExportContext:
    """What the window can offer for export right now."""

    document_id: int | None = None
    document_title: str = ""
    query: str = ""
    entry_ids: tuple[int, ...] = ()


class ExportDialog(QDialog):
    exported = Signal(str)  # a status line for the window, e.g. "Exported to … (3 pages)"

    def __init__(self, export_service, context: ExportContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = export_service
        self.context = context
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(520)

        self.what = QComboBox()
        self.what.setAccessibleName(self.tr("What to export"))
        if context.document_id is not None:
            self.what.addItem(fill(self.tr("Current document: %1"), context.document_title), WHAT_DOCUMENT)
        self.what.addItem(self.tr("All documents"), WHAT_ALL_DOCUMENTS)
        self.what.addItem(self.tr("Timeline (all entries)"), WHAT_TIMELINE)
        if context.entry_ids:
            self.what.addItem(self.tr("Timeline (%n shown entries)", "", len(context.entry_ids)), WHAT_SELECTED_ENTRIES)
        if context.query:
            self.what.addItem(fill(self.tr("Search report: %1"), context.query), WHAT_SEARCH)

        self.format = QComboBox()
        self.format.setAccessibleName(self.tr("Format"))
        for label, fmt in (
            (self.tr("PDF document"), "pdf"),
            (self.tr("CSV table (UTF-8)"), "csv"),
            (self.tr("JSON data"), "json"),
        ):
            self.format.addItem(label, fmt)

        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Output file"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("&What:"), self.what)
        form.addRow(self.tr("&Format:"), self.format)
        form.addRow(self.tr("&Save to:"), path_row)

        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button = self.buttons.addButton(self.tr("Print Pre&view…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = self.buttons.addButton(self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.print_preview)
        self.print_button.clicked.connect(self.print_directly)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.what.currentIndexChanged.connect(self._suggest_path)
        self.format.currentIndexChanged.connect(self._suggest_path)
        self.format.currentIndexChanged.connect(self._update_print_buttons)
        self._suggest_path()
        self.task: BackgroundTask | None = None

    # -- choices

    def current_what(self) -> int:
        return self.what.currentData()

    def current_format(self) -> str:
        return self.format.currentData()

    def _base_name(self) -> str:
        what = self.current_what()
        if what == WHAT_DOCUMENT:
            return _safe_name(self.context.document_title) or "document"
        if what == WHAT_SEARCH:
            return "search-" + (_safe_name(self.context.query) or "report")
        if what in (WHAT_TIMELINE, WHAT_SELECTED_ENTRIES):
            return "timeline"
        return "documents"

    def _suggest_path(self) -> None:
        current = self.path.text().strip()
        folder = (
            Path(current).parent
            if current
            else Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        )
        self.path.setText(str(folder / f"{self._base_name()}.{self.current_format()}"))

    def _update_print_buttons(self) -> None:
        is_pdf = self.current_format() == "pdf"
        self.preview_button.setEnabled(is_pdf)
        self.print_button.setEnabled(is_pdf)

    def _browse(self) -> None:
        fmt = self.current_format()
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to"),
            self.path.text(),
            f"{fmt.upper()} (*.{fmt})",
            options=QFileDialog.Option.DontConfirmOverwrite,  # we ask ourselves, with the same words everywhere
        )
        if chosen:
            if not chosen.lower().endswith(f".{fmt}"):
                chosen += f".{fmt}"
            self.path.setText(chosen)

    # -- exporting

    def _job(self, out: Path, overwrite: bool, progress=None):
        """The export call for the current choice, to run in the background."""
        fmt, what, ctx, svc = self.current_format(), self.current_what(), self.context, self.service
        if what == WHAT_DOCUMENT:
            return lambda: svc.export_documents([ctx.document_id], out, fmt, overwrite=overwrite, progress=progress)
        if what == WHAT_ALL_DOCUMENTS:
            return lambda: svc.export_documents(None, out, fmt, overwrite=overwrite, progress=progress)
        if what == WHAT_TIMELINE:
            return lambda: svc.export_timeline(out, fmt, overwrite=overwrite, progress=progress)
        if what == WHAT_SELECTED_ENTRIES:
            return lambda: svc.export_timeline(
                out, fmt, entry_ids=list(ctx.entry_ids), overwrite=overwrite, progress=progress
            )
        return lambda: svc.export_search(ctx.query, out, fmt, overwrite=overwrite, progress=progress)

    def start_export(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.error.setText(self.tr("Choose a file to export to."))
            return
        out = Path(text).expanduser()
        overwrite = False
        if out.exists():
            answer = QMessageBox.question(
                self,
                self.tr("Replace file?"),
                fill(self.tr("%1 already exists. Replace it?"), str(out)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            overwrite = True
        self.error.clear()
        progress_dialog = TaskProgressDialog(self.tr("Exporting"), self)
        cancel = {"flag": False}
        progress_dialog.cancelRequested.connect(lambda: cancel.__setitem__("flag", True))

        def progress(done, total):
            # Called in the worker: only a flag is read here, no widget is touched.
            return not cancel["flag"]

        def done(pages):
            progress_dialog.finish()
            suffix = self.tr(" (%n page(s))", "", pages) if pages else ""
            self.exported.emit(fill(self.tr("Exported to %1"), str(out)) + suffix)
            self.accept()

        def failed(exc):
            progress_dialog.finish()
            self.export_button.setEnabled(True)
            from archiveviewer.app.presentation import ExportCancelled

            if isinstance(exc, ExportCancelled):
                self.error.setText(self.tr("Export cancelled; nothing was written."))
            else:
                self.error.setText(str(exc))

        self.export_button.setEnabled(False)
        progress_dialog.show()
        self.task = run_in_background(self._job(out, overwrite, progress), done, failed, context=self)

    # -- print preview / print: the same renderer paints on the printer

    def _render(self, printer) -> None:
        from archiveviewer.app import presentation as pdf_export  # the same renderer as the PDF export

        what, ctx, svc, name = self.current_what(), self.context, self.service, self.service.archive.name
        if what in (WHAT_DOCUMENT, WHAT_ALL_DOCUMENTS):
            ids = [ctx.document_id] if what == WHAT_DOCUMENT else None
            pdf_export.render_documents(svc.documents_data(ids), printer, name)
        elif what == WHAT_TIMELINE:
            pdf_export.render_timeline(svc.timeline_data(), printer, name)
        elif what == WHAT_SELECTED_ENTRIES:
            pdf_export.render_timeline(svc.timeline_data(list(ctx.entry_ids)), printer, name)
        else:
            pdf_export.render_search_report(svc.search_report(ctx.query), printer, name)

    def _printer(self):
        from PySide6.QtGui import QPageSize
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self._base_name())
        return printer

    def print_preview(self) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        # The dialog does not own the printer: keep it alive as long as the preview.
        self.preview_printer = self._printer()
        preview = QPrintPreviewDialog(self.preview_printer, self)
        preview.setWindowTitle(self.tr("Print Preview"))
        preview.paintRequested.connect(self._render)
        self.preview = preview
        preview.open()

    def print_directly(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        printer = self._printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._render(printer)


def _safe_name(text: str) -> str:
    """A file name from a title: no path separators or characters Windows refuses."""
    cleaned = "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in text).strip(" .")
    return cleaned[:60]
