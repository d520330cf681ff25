"""The open archive's lifecycle: opening, creating and replacing it, its stats line, the recent-archives menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QMessageBox, QWidget

from archiveviewer.gui.background import run_in_background, wait_for_background
from archiveviewer.gui.controllers.import_controller import ImportController
from archiveviewer.gui.controllers.index_controller import IndexController
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.dialogs.messages import show_warning
from archiveviewer.gui.i18n import fill
from archiveviewer.gui.settings import Settings
from archiveviewer.gui.widgets.plain_text import menu_text


class ArchiveController(QObject):
    """One archive at a time. `servicesChanged(services or None)` before the window shows it."""

    servicesChanged = Signal(object)
    statusMessage = Signal(str, int)  # text, timeout in ms (0: until replaced)

    def __init__(
        self,
        settings: Settings,
        importer: ImportController,
        index: IndexController,
        location_label: QLabel,
        counts_label: QLabel,
        recent_menu: QMenu,
        window: QWidget,
    ):
        super().__init__(window)
        self._window = window
        self.settings = settings
        self.importer = importer
        self.index = index
        self.location_label = location_label
        self.counts_label = counts_label
        self.recent_menu = recent_menu
        self.services: Services | None = None
        self.owned = False
        self.update_recent_menu()

    @property
    def archive(self):
        return self.services.archive if self.services else None

    def set_archive(self, archive, owned: bool = True) -> None:
        """Show `archive`; an owned archive is closed when replaced or when the window closes."""
        if self.importer.running:
            show_warning(self._window, self.tr("Open Archive"), self.tr("Wait for the import to finish first."))
            if owned:
                archive.close()
            return
        self.close_archive()
        self.services = Services.for_archive(archive) if archive is not None else None
        self.owned = owned
        self.servicesChanged.emit(self.services)
        if archive is None:
            self.location_label.setText(self.tr("No archive open"))
            self.counts_label.setText("")
            return
        where = archive.location.describe()
        self.location_label.setText(fill(self.tr("Archive: %1"), where))
        self.location_label.setToolTip(where)
        if archive.location.folder is not None:
            folder = str(archive.location.folder)
            self.settings.last_archive = folder
            self.settings.add_recent_archive(folder)
            self.update_recent_menu()
        self.refresh_stats()

    def release_archive(self):
        """Stop using the archive without closing it; returns (archive, owned) or None."""
        if self.services is None:
            return None
        self.index.cancel()
        wait_for_background(10000)  # no worker may still hold the old archive
        archive, owned = self.services.archive, self.owned
        self.services = None
        return archive, owned

    def close_archive(self) -> None:
        """Release the archive and close it if this window opened it."""
        old = self.release_archive()
        if old is not None and old[1]:
            old[0].close()

    def refresh_stats(self) -> None:
        if self.services is None:
            return
        services = self.services
        read = services.read

        def work():
            return read.stats()

        def done(stats: dict) -> None:
            if services is not self.services:
                return
            self.counts_label.setText(
                fill(self.tr("%1 documents · %2 timeline entries"), f"{stats['documents']:,}", f"{stats['entries']:,}")
            )

        run_in_background(work, done, lambda exc: self.counts_label.setText(str(exc)), context=self)

    # -- menu commands

    def new_archive(self, folder: str | None = None) -> None:
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self._window, self.tr("New Archive: Choose an Empty Folder"))
            if not folder:
                return
        self.open_archive_folder(folder)

    def open_archive_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Open Archive Folder"))
        if not folder:
            return
        from archiveviewer.app.archive import DB_FILE

        if not (Path(folder) / DB_FILE).exists():
            answer = QMessageBox.question(
                self._window,
                self.tr("Open Archive"),
                fill(self.tr("There is no archive in %1. Create a new archive there?"), folder),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.open_archive_folder(folder)

    def open_archive_folder(self, folder: str) -> None:
        """Open (or create) the archive in `folder` in the background, then show it."""
        if self.importer.running:
            show_warning(self._window, self.tr("Open Archive"), self.tr("Wait for the import to finish first."))
            return
        self.statusMessage.emit(fill(self.tr("Opening %1…"), folder), 0)

        def work():
            from archiveviewer.app.bootstrap import open_archive

            return open_archive(folder, None)

        def failed(exc: BaseException) -> None:
            self.statusMessage.emit("", 0)
            show_warning(self._window, self.tr("Open Archive"), fill(self.tr("Cannot open the archive: %1"), str(exc)))

        def done(archive) -> None:
            self.statusMessage.emit("", 0)
            self.set_archive(archive, owned=True)

        run_in_background(work, done, failed, context=self)

    # -- recent archives

    def update_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.settings.recent_archives
        for i, folder in enumerate(recent):
            label = f"&{i + 1}  {menu_text(folder)}" if i < 9 else menu_text(folder)
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, f=folder: self.open_archive_folder(f))
        if recent:
            menu.addSeparator()
            clear = menu.addAction(self.tr("&Clear List"))
            clear.triggered.connect(self.clear_recent)
        else:
            empty = menu.addAction(self.tr("No recent archives"))
            empty.setEnabled(False)

    def clear_recent(self) -> None:
        self.settings.clear_recent_archives()
        self.update_recent_menu()
