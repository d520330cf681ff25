"""The original of what is being read: a scan's page image beside its OCR text, or the file it was imported from."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.gui.i18n import fill


class ScanView(QWidget):
    """Shows an `OriginalView` (app.library_service): image or PDF page left, its text right.

    `pageRequested(n)` asks the controller for page n of a PDF; the buttons ask it to open
    the original in the desktop's program or save a copy."""

    pageRequested = Signal(int)
    openOriginalRequested = Signal()
    saveOriginalRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("scanView")
        self.view = None
        self._pixmap: QPixmap | None = None
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        # A long file name is cut by the dock, never widens the window.
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status_label = QLabel()  # OCR confidence, or "text not searchable" with the hint
        self.status_label.setObjectName("scanStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName(self.tr("Page"))
        self.page_box.setPrefix(self.tr("Page "))
        self.page_box.setMinimum(1)
        self.page_box.valueChanged.connect(self.pageRequested)
        self.image_label = QLabel()
        self.image_label.setObjectName("scanImage")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image_label.setAccessibleName(self.tr("Scanned page"))
        self.image_area = QScrollArea()
        self.image_area.setWidget(self.image_label)
        self.image_area.setWidgetResizable(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("scanText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Recognised text"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.image_area)
        self.splitter.addWidget(self.text)
        self.splitter.setChildrenCollapsible(False)
        # A dock must not make a small window grow: the page and the text scroll instead.
        for w in (self.image_area, self.text):
            w.setMinimumHeight(24)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.splitterMoved.connect(lambda *_: self._fit())
        self.open_button = QPushButton(self.tr("&Open Original"))
        self.open_button.setToolTip(self.tr("Open the original file in the program your desktop uses for it"))
        self.save_button = QPushButton(self.tr("Save Original &As…"))
        self.save_button.setToolTip(self.tr("Save a copy of the original file"))
        self.open_button.clicked.connect(self.openOriginalRequested)
        self.save_button.clicked.connect(self.saveOriginalRequested)
        # One row for name, page and buttons: the dock stays one line high until a scan is shown.
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.page_box)
        top.addWidget(self.open_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self.splitter, 1)
        self.clear()

    def clear(self) -> None:
        self.view = None
        self.title_label.setText(self.tr("Select an article or a related document."))
        self.status_label.clear()
        self.status_label.hide()
        self.page_box.hide()
        self.splitter.hide()
        self.open_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def show_original(self, view, image: QImage | None, pages: int = 1, page: int = 1) -> None:
        """Show a file: scans (images, PDFs) with their page image beside the text; others by name."""
        self.view = view
        self.title_label.setText(f"{view.name} · {view.media_type}")
        self.open_button.setEnabled(True)
        self.save_button.setEnabled(True)
        scan = view.is_image or view.is_pdf
        self.splitter.setVisible(scan)
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(pages, 1))
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
        self.page_box.setVisible(view.is_pdf and pages > 1)
        self.show_status(view, page)
        if scan:
            self.text.setPlainText(view.text or "")
            half = max(self.splitter.width() // 2, 100)
            self.splitter.setSizes([half, half])  # the page and its text side by side, equally
            self.set_image(image)

    def set_image(self, image: QImage | None) -> None:
        self._pixmap = QPixmap.fromImage(image) if image is not None and not image.isNull() else None
        if self._pixmap is None:
            self.image_label.setPixmap(QPixmap())
            self.image_label.setText(self.tr("(the page cannot be shown)"))
        else:
            self.image_label.setText("")
            self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # Scaled to the column width: a 300-dpi scan is far wider than the dock.
        if self._pixmap is None:
            return
        width = max(self.image_area.viewport().width() - 4, 50)
        self.image_label.setPixmap(
            self._pixmap.scaledToWidth(min(width, self._pixmap.width()), Qt.TransformationMode.SmoothTransformation)
        )

    def show_status(self, view, page: int) -> None:
        """The line above the page: OCR confidence of this page, or why there is no text."""
        self.status_label.setText(self._status(view, page))
        self.status_label.setVisible(bool(self.status_label.text()))

    def _status(self, view, page: int) -> str:
        if view.text is None and view.hint:
            install = "tesseract-ocr, tesseract-ocr-chi-sim, tesseract-ocr-chi-tra"
            return (
                self.tr("Text not searchable: Tesseract OCR with the Chinese models is not installed.")
                + "\n"
                + fill(self.tr("Install %1, then import the file again."), install)
            )
        confidence = dict(view.ocr_confidence)
        if page in confidence:
            return fill(self.tr("Text recognised by OCR (confidence %1%)."), f"{confidence[page]:.0f}")
        if view.ocr_confidence:
            return self.tr("This page has a text layer; other pages were recognised by OCR.")
        return ""
