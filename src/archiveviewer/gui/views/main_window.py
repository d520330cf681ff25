"""The main window: search bar, results, reader, timeline, docks for outline/related/notes, menus, status bar.

Layout and wiring only; the behaviour lives in the controllers it creates.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.gui.controllers.archive_controller import ArchiveController
from archiveviewer.gui.controllers.edit_controller import EditController
from archiveviewer.gui.controllers.edit_tables_controller import EditTablesController
from archiveviewer.gui.controllers.import_controller import ImportController
from archiveviewer.gui.controllers.index_controller import BROKEN, CHECKING, READY, REBUILDING, IndexController
from archiveviewer.gui.controllers.library_controller import LibraryController
from archiveviewer.gui.controllers.reader_controller import ReaderController
from archiveviewer.gui.controllers.search_controller import SearchController
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.models.annotations_model import AnnotationsModel
from archiveviewer.gui.models.document_table_model import DocumentTableModel
from archiveviewer.gui.models.entry_table_model import EntryTableModel
from archiveviewer.gui.models.related_documents_model import RelatedDocumentsModel
from archiveviewer.gui.models.search_results_model import SearchResultsModel
from archiveviewer.gui.settings import Settings
from archiveviewer.gui.shortcut_guard import ShortcutGuard
from archiveviewer.gui.views.annotations_panel import AnnotationsPanel
from archiveviewer.gui.views.documents_view import DocumentsView
from archiveviewer.gui.views.entries_view import EntriesView
from archiveviewer.gui.views.reader_view import Highlighter, ReaderView, lazy_highlighter
from archiveviewer.gui.views.related_panel import RelatedPanel
from archiveviewer.gui.views.results_view import ResultsView
from archiveviewer.gui.views.search_bar import SearchBar
from archiveviewer.gui.views.timeline_view import TimelineView
from archiveviewer.gui.widgets.scan_view import ScanView
from archiveviewer.resources import resources_dir

# Below this size the docks share one tabbed column (a 1024×700 or 800×600 window keeps room for reading).
COMPACT_WIDTH, COMPACT_HEIGHT = 1100, 720


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "archiveviewer.png"))


class MainWindow(QMainWindow):
    """One archive at a time. `export_requested` is the slot for the export dialog (File ▸ Export…)."""

    export_requested = Signal()
    languageChangeRequested = Signal(str)
    ready = Signal()  # the archive's timeline is shown and the index state is known

    def __init__(self, settings: Settings, highlighter: Highlighter | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self._ready_parts: set[str] = set()
        self.read_only_reason = ""  # why nothing can be changed, when the archive is read-only
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setWindowTitle("ArchiveViewer")

        # models
        self.results_model = SearchResultsModel(self)
        self.timeline_model = EntryTableModel(self)
        self.entries_model = EntryTableModel(self)
        self.documents_model = DocumentTableModel(self)
        self.related_model = RelatedDocumentsModel(self)
        self.annotations_model = AnnotationsModel(self)

        # views
        self.search_bar = SearchBar()
        self.results_view = ResultsView(self.results_model)
        self.reader = ReaderView(highlighter if highlighter is not None else lazy_highlighter())
        self.timeline_view = TimelineView(self.timeline_model)
        self.entries_view = EntriesView(self.entries_model)
        self.documents_view = DocumentsView(self.documents_model)
        self.related_panel = RelatedPanel(self.related_model)
        self.annotations_panel = AnnotationsPanel(self.annotations_model)
        self.scan_view = ScanView()
        self._build_layout()
        self._build_status_bar()

        # controllers
        self.search = SearchController(self.search_bar, self.results_view, self.results_model, settings, self)
        self.reading = ReaderController(self.reader, self.timeline_view, self)
        self.library = LibraryController(
            self.related_panel, self.related_model, self.annotations_panel, self.annotations_model, self, self.scan_view
        )
        self.importer = ImportController(self)
        self.index = IndexController(self)
        self.editor = EditController(settings, self)
        self.tables = EditTablesController(self.editor, self.entries_view, self.documents_view, self)
        self.library.note_editor = self.tables
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.archives = ArchiveController(
            settings, self.importer, self.index, self.archive_label, self.counts_label, self.recent_menu, self
        )
        self._wire()
        self._build_menus()
        self._set_tab_order()
        self.restore_state()
        self.search_bar.set_query(settings.last_query)
        self._set_enabled(False)

    # -- construction

    def _build_layout(self) -> None:
        self.content_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.content_splitter.setObjectName("contentSplitter")
        self.content_splitter.addWidget(self.results_view)
        self.content_splitter.addWidget(self.reader)
        self.content_splitter.setStretchFactor(0, 2)
        self.content_splitter.setStretchFactor(1, 3)
        self.content_splitter.setSizes([380, 620])
        self.content_splitter.setChildrenCollapsible(False)

        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.content_splitter)
        # The timeline and the two editable tables share the lower pane as tabs (Ctrl+3/4/5).
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.setObjectName("bottomTabs")
        self.bottom_tabs.setDocumentMode(True)
        self.bottom_tabs.addTab(self.timeline_view, self.tr("Timeline"))
        self.bottom_tabs.addTab(self.entries_view, self.tr("Edit Entries"))
        self.bottom_tabs.addTab(self.documents_view, self.tr("Edit Documents"))
        self.main_splitter.addWidget(self.bottom_tabs)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([560, 230])
        self.main_splitter.setChildrenCollapsible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.search_bar)
        # Shown while the archive cannot be changed (a read-only folder, a database role without write rights).
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "QLabel#readOnlyBanner { background: #fff4d6; color: #5c4400; padding: 4px 8px;"
            " border-bottom: 1px solid #e6cf8f; }"
        )
        self.read_only_banner.hide()
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

        self.outline_dock = self._dock("outlineDock", self.tr("&Outline"), self.reader.outline)
        self.related_dock = self._dock("relatedDock", self.tr("&Related Documents"), self.related_panel)
        self.notes_dock = self._dock("notesDock", self.tr("&Notes"), self.annotations_panel)
        for dock in (self.outline_dock, self.related_dock, self.notes_dock):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        # The original beside the reader: a scan's page image next to its OCR text.
        self.scan_dock = self._dock("scanDock", self.tr("O&riginal"), self.scan_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.scan_dock)
        self.resizeDocks([self.outline_dock], [260], Qt.Orientation.Horizontal)
        self._compact_docks = False
        self._auto_docks = True  # until the user arranges the docks (or a saved arrangement is restored)
        for dock in (self.outline_dock, self.related_dock, self.notes_dock, self.scan_dock):
            dock.dockLocationChanged.connect(self._docks_arranged)
            dock.topLevelChanged.connect(self._docks_arranged)
        self.resize(1280, 820)

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        widget.setMinimumWidth(170)
        return dock

    def _docks_arranged(self, *_args) -> None:
        if not self._arranging:
            self._auto_docks = False

    _arranging = False

    def _fit_docks(self) -> None:
        """Below COMPACT_WIDTH×COMPACT_HEIGHT the docks (the Original's too) share one narrower tabbed column;
        above, outline, related and notes stack again on the right and the Original goes back below."""
        compact = self.width() < COMPACT_WIDTH or self.height() < COMPACT_HEIGHT
        if not self._auto_docks or compact == self._compact_docks:
            return
        self._arranging = True
        try:
            if compact:
                self.tabifyDockWidget(self.outline_dock, self.related_dock)
                self.tabifyDockWidget(self.related_dock, self.notes_dock)
                self.tabifyDockWidget(self.notes_dock, self.scan_dock)
                self.outline_dock.raise_()
            else:  # splitDockWidget cannot take a dock out of a tab group: dock them again, one under another
                for dock, area in (
                    (self.related_dock, Qt.DockWidgetArea.RightDockWidgetArea),
                    (self.notes_dock, Qt.DockWidgetArea.RightDockWidgetArea),
                    (self.scan_dock, Qt.DockWidgetArea.BottomDockWidgetArea),
                ):
                    visible = dock.isVisibleTo(self)
                    self.removeDockWidget(dock)
                    self.addDockWidget(area, dock, Qt.Orientation.Vertical)
                    dock.setVisible(visible)
            width = 200 if compact else 260
            self.resizeDocks([self.outline_dock], [width], Qt.Orientation.Horizontal)
            self._compact_docks = compact
            layout = self.layout()
            if layout is not None:
                layout.activate()  # lay out now, not on a later event: the splitters get their room at once
            for bar in self.findChildren(QTabBar):  # the docks' tabs: whole titles, scrolled, not "…"
                if bar.parent() is self:
                    bar.setElideMode(Qt.TextElideMode.ElideNone)
                    bar.setUsesScrollButtons(True)
        finally:
            self._arranging = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_docks()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.archive_label = QLabel()
        self.archive_label.setObjectName("archiveLocation")
        self.archive_label.setTextFormat(Qt.TextFormat.PlainText)
        self.archive_label.setAccessibleName(self.tr("Archive location"))
        self.counts_label = QLabel()
        self.counts_label.setObjectName("archiveCounts")
        self.counts_label.setAccessibleName(self.tr("Archive contents"))
        self.index_label = QLabel()
        self.index_label.setObjectName("indexState")
        self.index_label.setAccessibleName(self.tr("Search index state"))
        self.index_progress = QProgressBar()
        self.index_progress.setMaximumWidth(160)
        self.index_progress.setMaximumHeight(16)
        self.index_progress.setAccessibleName(self.tr("Search index rebuild progress"))
        self.index_progress.hide()
        self.read_only_label = QLabel(self.tr("Read-only"))
        self.read_only_label.setObjectName("readOnlyState")
        self.read_only_label.setStyleSheet("QLabel#readOnlyState { color: #8a5a00; font-weight: bold; }")
        self.read_only_label.setAccessibleName(self.tr("Archive is read-only"))
        self.read_only_label.hide()
        bar.addWidget(self.archive_label, 1)
        bar.addPermanentWidget(self.read_only_label)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.index_label)
        bar.addPermanentWidget(self.index_progress)

    def _wire(self) -> None:
        self.results_view.hitSelected.connect(self.reading.open_hit)
        self.results_view.hitActivated.connect(self._hit_activated)
        self.search.queryApplied.connect(self.reading.set_query)
        self.search_bar.helpRequested.connect(self.show_query_help)
        self.reading.targetChanged.connect(self.library.set_target)
        self.reading.relatedHitOpened.connect(lambda rid: self.library.open_related(rid, prefer_reader=True))
        self.reading.timelineLoaded.connect(lambda _n: self._part_ready("timeline"))
        self.reading.loadFailed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.reader.matchChanged.connect(self._match_changed)
        self.library.relatedTextShown.connect(self.reading.show_related_text)
        self.index.stateChanged.connect(self._index_state)
        self.index.progressed.connect(self._index_progress)
        self.index.readyChanged.connect(self.search.set_index_ready)
        self.importer.started.connect(lambda: self.search.set_importing(True))
        self.importer.finished.connect(self._imported)
        self.export_requested.connect(self.show_export_dialog)
        self.archives.servicesChanged.connect(self._services_changed)
        self.archives.statusMessage.connect(self._status_message)
        self.tables.openRequested.connect(self._open_from_table)
        self.tables.targetChanged.connect(self.library.set_target)
        self.editor.readOnlyChanged.connect(self._read_only_changed)
        self.reader.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.text.customContextMenuRequested.connect(self._reader_context_menu)

    def _action(self, text: str, slot=None, shortcuts=(), tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) if not isinstance(s, QKeySequence) else s for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&File"))
        self.new_archive_action = self._action(
            self.tr("&New Archive…"),
            self.archives.new_archive,
            ["Ctrl+Shift+N"],
            self.tr("Create an empty archive in a folder"),
        )
        self.open_archive_action = self._action(
            self.tr("&Open Archive…"),
            self.archives.open_archive_dialog,
            [QKeySequence.StandardKey.Open],
            self.tr("Open an archive folder"),
        )
        file_menu.addAction(self.new_archive_action)
        file_menu.addAction(self.open_archive_action)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.import_files_action = self._action(
            self.tr("&Import Files…"),
            self.import_files_dialog,
            ["Ctrl+I"],
            self.tr("Import newspaper pages and documents"),
        )
        self.import_folder_action = self._action(
            self.tr("Import F&older…"),
            self.import_folder_dialog,
            ["Ctrl+Shift+I"],
            self.tr("Import every text file in a folder"),
        )
        self.export_action = self._action(
            self.tr("&Export…"),
            self.export_requested.emit,
            ["Ctrl+E"],
            self.tr("Export documents, the timeline or a search report"),
        )
        file_menu.addAction(self.import_files_action)
        file_menu.addAction(self.import_folder_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), self.close, [QKeySequence.StandardKey.Quit, "Ctrl+Q"])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu

        edit_menu = mb.addMenu(self.tr("&Edit"))
        self.undo_action = self.editor.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.editor.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        self.find_action = self._action(
            self.tr("&Find"), self.search_bar.focus_query, ["Ctrl+F", "Ctrl+K"], self.tr("Type a search query")
        )
        self.next_match_action = self._action(self.tr("Find &Next Match"), self.reader.next_match, ["F3"])
        self.prev_match_action = self._action(self.tr("Find &Previous Match"), self.reader.previous_match, ["Shift+F3"])
        self.save_search_action = self._action(
            self.tr("&Save Search…"), self.search.save_current_search, [QKeySequence.StandardKey.Save]
        )
        self.add_note_action = self._action(
            self.tr("Add &Note…"),
            self.library.add_note,
            ["Ctrl+M"],
            self.tr("Add a note to the current article or entry"),
        )
        self.attach_action = self._action(self.tr("&Attach Related Document…"), self.library.attach, ["Ctrl+Shift+A"])
        self.preferences_action = self._action(
            self.tr("Pre&ferences…"), self.show_settings, [QKeySequence.StandardKey.Preferences, "Ctrl+,"]
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_items: tuple[QAction | None, ...] = (
            self.find_action,
            self.next_match_action,
            self.prev_match_action,
            None,
            self.save_search_action,
            None,
            self.add_note_action,
            self.attach_action,
            None,
            self.preferences_action,
        )
        for item in edit_items:
            edit_menu.addSeparator() if item is None else edit_menu.addAction(item)
        self.edit_menu = edit_menu

        view_menu = mb.addMenu(self.tr("&View"))
        self.focus_results_action = self._action(self.tr("Search &Results"), self.focus_results, ["Ctrl+1"])
        self.focus_reader_action = self._action(self.tr("&Document"), self.focus_reader, ["Ctrl+2"])
        self.focus_timeline_action = self._action(self.tr("&Timeline"), self.focus_timeline, ["Ctrl+3"])
        self.focus_entries_action = self._action(self.tr("Edit &Entries"), lambda: self.focus_table(1), ["Ctrl+4"])
        self.focus_documents_action = self._action(self.tr("Edit D&ocuments"), lambda: self.focus_table(2), ["Ctrl+5"])
        for action in (
            self.focus_results_action,
            self.focus_reader_action,
            self.focus_timeline_action,
            self.focus_entries_action,
            self.focus_documents_action,
        ):
            view_menu.addAction(action)
        view_menu.addSeparator()
        for dock in (self.outline_dock, self.related_dock, self.notes_dock, self.scan_dock):
            view_menu.addAction(dock.toggleViewAction())
        self.view_menu = view_menu

        tools_menu = mb.addMenu(self.tr("&Tools"))
        self.reindex_action = self._action(
            self.tr("&Rebuild Search Index"), lambda: self.index.rebuild(reason=self.tr("requested"), with_dialog=True)
        )
        tools_menu.addAction(self.reindex_action)
        self.tools_menu = tools_menu

        help_menu = mb.addMenu(self.tr("&Help"))
        self.query_help_action = self._action(
            self.tr("&Query Language"), self.show_query_help, [QKeySequence.StandardKey.HelpContents, "F1"]
        )
        self.about_action = self._action(self.tr("&About ArchiveViewer"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.query_help_action)
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu
        self._dedupe_shortcuts()
        self.shortcut_guard = ShortcutGuard(self)

    def _dedupe_shortcuts(self) -> None:
        # StandardKey lists may repeat a literal one ("Ctrl+Q" twice): Qt then reports an ambiguous shortcut.
        for action in self.actions():
            seen, unique = set(), []
            for seq in action.shortcuts():
                key = seq.toString()
                if key and key not in seen:
                    seen.add(key)
                    unique.append(seq)
            action.setShortcuts(unique)

    def _set_tab_order(self) -> None:
        chain = [
            self.search_bar.edit,
            self.search_bar.sort_combo,
            self.search_bar.saved_button,
            self.search_bar.help_button,
            self.results_view.list,
            self.results_view.facets,
            self.reader.prev_button,
            self.reader.next_button,
            self.reader.text,
            self.timeline_view.chart,
            self.timeline_view.table,
            self.reader.outline,
            self.related_panel.table,
            self.related_panel.open_button,
            self.related_panel.attach_button,
            self.related_panel.detach_button,
            self.annotations_panel.table,
            self.annotations_panel.add_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- the archive

    @property
    def services(self) -> Services | None:
        return self.archives.services

    @property
    def archive(self):
        return self.archives.archive

    def set_archive(self, archive, owned: bool = True) -> None:
        """Show `archive`; an owned archive is closed when replaced or when the window closes."""
        self.archives.set_archive(archive, owned)

    def release_archive(self):
        """Stop using the archive without closing it; returns (archive, owned) or None."""
        return self.archives.release_archive()

    def _services_changed(self, services: Services | None) -> None:
        self._ready_parts = set()
        self._set_enabled(services is not None)
        for controller in (self.importer, self.library, self.reading, self.search, self.tables):
            controller.set_services(services)
        self.index.set_services(services)
        self._update_title()

    def _status_message(self, text: str, timeout: int) -> None:
        if text:
            self.statusBar().showMessage(text, timeout)
        else:
            self.statusBar().clearMessage()

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.search_bar, self.results_view, self.timeline_view, self.entries_view, self.documents_view):
            w.setEnabled(enabled)
        for name in (
            "import_files_action",
            "import_folder_action",
            "export_action",
            "reindex_action",
            "save_search_action",
            "add_note_action",
            "attach_action",
        ):
            action = getattr(self, name, None)
            if action is not None:
                action.setEnabled(enabled)

    def _part_ready(self, part: str) -> None:
        was = {"timeline", "index"} <= self._ready_parts
        self._ready_parts.add(part)
        if not was and {"timeline", "index"} <= self._ready_parts:
            self.ready.emit()

    def is_ready(self) -> bool:
        return {"timeline", "index"} <= self._ready_parts

    def _update_title(self) -> None:
        archive = self.archive
        self.setWindowTitle(f"{archive.name} — ArchiveViewer" if archive is not None else "ArchiveViewer")

    def _index_state(self, state: str, detail: str) -> None:
        self.index_progress.setVisible(state == REBUILDING)
        if state == READY:
            self.index_label.setText(self.tr("Search index up to date"))
        elif state == CHECKING:
            self.index_label.setText(self.tr("Checking the search index…"))
        elif state == REBUILDING:
            self.index_progress.setRange(0, 0)
            self.index_label.setText(self.tr("Rebuilding the search index…"))
            self.index_label.setToolTip(detail)
        elif state == BROKEN:
            self.index_label.setText(self.tr("Search index incomplete (Tools ▸ Rebuild Search Index)"))
            self.index_label.setToolTip(detail)
        else:
            self.index_label.setText("")
        if state in (READY, REBUILDING, BROKEN):
            self._part_ready("index")

    def _index_progress(self, done: int, total: int) -> None:
        self.index_progress.setRange(0, max(total, 1))
        self.index_progress.setValue(done)

    # -- menu commands

    def import_files_dialog(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Import Files"), "", self.tr("Text files (*.txt *.text *.md);;All files (*)")
        )
        if paths:
            self.importer.start(paths)

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import Folder"))
        if folder:
            self.importer.start([folder])

    def _imported(self, report) -> None:
        changed = report is not None and bool(report.imported)
        self.search.set_importing(False, changed=changed)  # a search typed meanwhile runs on the new archive
        if report is None:
            self.statusBar().showMessage(self.tr("Import cancelled: nothing was imported."), 8000)
            return
        self.statusBar().showMessage(self.importer.summary(report), 8000)
        if changed:
            self.reading.load_timeline()
            self.archives.refresh_stats()
            self.tables.reload_all()

    def _hit_activated(self, hit) -> None:
        self.search.add_to_history(self.search_bar.query())
        self.reading.open_hit(hit)
        self.reader.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _match_changed(self, current: int, total: int) -> None:
        self.next_match_action.setEnabled(total > 0)
        self.prev_match_action.setEnabled(total > 0)

    def focus_results(self) -> None:
        self.results_view.focus_first()

    def focus_reader(self) -> None:
        self.reader.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_timeline(self) -> None:
        self.bottom_tabs.setCurrentIndex(0)
        self.timeline_view.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_table(self, tab: int) -> None:
        self.bottom_tabs.setCurrentIndex(tab)
        view = self.bottom_tabs.widget(tab)
        table = getattr(view, "table", None)  # each bottom tab holds its table as `.table`
        if table is not None:
            table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _read_only_changed(self, read_only: bool, reason: str) -> None:
        """Say it once for the whole window (banner and status bar) and turn off every action that would write."""
        read_only = read_only and self.services is not None
        why = (
            reason
            + " "
            + self.tr(
                "To edit, ask the archive's administrator for write rights, "
                "or copy the archive folder to a place you can write to."
            )
            if read_only
            else ""
        )
        self.read_only_reason = why
        self.read_only_banner.setText(reason if read_only else "")
        self.read_only_banner.setToolTip(why)
        self.read_only_banner.setVisible(read_only)
        self.read_only_label.setToolTip(why)
        self.read_only_label.setVisible(read_only)
        self.annotations_panel.set_editable(not read_only, why)
        self.related_panel.set_editable(not read_only, why)
        for action, tip in (
            (self.add_note_action, self.tr("Add a note to the current article or entry")),
            (self.attach_action, ""),
            (self.import_files_action, self.tr("Import newspaper pages and documents")),
            (self.import_folder_action, self.tr("Import every text file in a folder")),
        ):
            action.setEnabled(not read_only and self.services is not None)
            action.setStatusTip(why or tip)
            action.setToolTip(why or action.text().replace("&", "").rstrip("…"))
        self.edit_menu.setToolTipsVisible(read_only)
        self.file_menu.setToolTipsVisible(read_only)

    def _open_from_table(self, entity: str, item_id: int) -> None:
        if entity == "entry":
            rows = self.entries_model.rows_for([item_id])
            row = rows[0] if rows else None
            if row is not None:
                self.reading.open_document(row["document_id"], entry_id=item_id)
        else:
            self.reading.open_document(item_id)

    def _reader_context_menu(self, pos) -> None:
        """The reader's own menu (copy, select all) plus corrections and notes for the paragraph or entry under
        the mouse, or the article; on a read-only archive they are shown disabled, saying why."""
        menu = self.reader.text.createStandardContextMenu(pos)
        doc = self.reader.document
        if doc is not None and doc.get("id") is not None and self.services is not None:
            block = self.reader.block_at(pos)
            kinds = self.reader.block_kinds()
            kind, key = kinds[block] if 0 <= block < len(kinds) else (None, None)
            items = []
            if kind == "paragraph" and key is not None:
                items.append((self.tr("&Correct Paragraph…"), lambda k=key: self.tables.correct_paragraph(k)))
                items.append(
                    (self.tr("Add Note to This &Paragraph…"), lambda k=key: self.tables.add_note("paragraph", k))
                )
            elif kind in ("entry", "entry_text") and key is not None:
                items.append((self.tr("&Correct Entry Text…"), lambda k=key: self.tables.correct_entry_text(k)))
            items.append(
                (self.tr("Add Note to This &Article…"), lambda d=doc["id"]: self.tables.add_note("document", d))
            )
            menu.addSeparator()
            menu.setToolTipsVisible(True)
            for text, slot in items:
                action = menu.addAction(text)
                action.setEnabled(not self.editor.read_only)
                if self.editor.read_only:
                    action.setToolTip(self.read_only_reason)
                action.triggered.connect(lambda _=False, s=slot: s())
        menu.popup(self.reader.text.viewport().mapToGlobal(pos))
        self.reader_context_menu = menu

    def export_context(self):
        """What File ▸ Export… can offer now: the open document, the query, the entries the table shows."""
        from archiveviewer.gui.dialogs.export_dialog import ExportContext

        doc = self.reader.document
        view = self.timeline_view
        shown = tuple(view.model.ids())  # ids only: reading rows would page in the whole table
        filtered = len(shown) < len(view.chart.entries())
        return ExportContext(
            document_id=doc.get("id") if doc else None,
            document_title=doc.get("title", "") if doc else "",
            query=self.search.shown_query,
            entry_ids=shown if filtered else (),
        )

    def show_export_dialog(self) -> None:
        if self.services is None:
            return
        from archiveviewer.app.export_service import ExportService
        from archiveviewer.gui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(ExportService(self.services.archive), self.export_context(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.export_dialog = dialog
        dialog.open()

    def show_query_help(self) -> None:
        from archiveviewer.gui.dialogs.query_help_dialog import QueryHelpDialog

        dialog = getattr(self, "_help_dialog", None)
        if dialog is None:
            dialog = self._help_dialog = QueryHelpDialog(self)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def show_about(self) -> None:
        from archiveviewer.gui.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_settings(self) -> None:
        from archiveviewer.gui.dialogs.settings_dialog import SettingsDialog

        before = self.settings.language
        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            if dialog.history_cleared:
                self.search_bar.set_history([])
            if self.settings.language != before:
                # The application object rebuilds the window in the new language.
                QTimer.singleShot(0, lambda: self.languageChangeRequested.emit(self.settings.language))

        dialog.accepted.connect(accepted)
        dialog.open()

    # -- drag and drop: files dropped on the window are imported

    def dragEnterEvent(self, event) -> None:
        if (
            self.services is not None
            and not self.editor.read_only
            and event.mimeData().hasUrls()
            and any(u.isLocalFile() for u in event.mimeData().urls())
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.importer.start(paths)

    # -- persistence

    def restore_state(self) -> None:
        s = self.settings
        if not s.window_geometry.isEmpty():
            self.restoreGeometry(s.window_geometry)
        if not s.window_state.isEmpty() and self.restoreState(s.window_state):
            self._auto_docks = False  # the user's arrangement, as they left it
        for splitter in self._splitters():
            state = s.splitter_state(splitter.objectName())
            if not state.isEmpty():
                splitter.restoreState(state)

    def save_state(self) -> None:
        s = self.settings
        s.window_geometry = self.saveGeometry()
        s.window_state = self.saveState()
        for splitter in self._splitters():
            s.set_splitter_state(splitter.objectName(), splitter.saveState())
        s.last_query = self.search_bar.query()
        s.sort = self.search_bar.sort()
        s.sync()

    def _splitters(self) -> list[QSplitter]:
        return [self.main_splitter, self.content_splitter, self.results_view.splitter, self.timeline_view.splitter]

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.importer.running:
            self.importer.cancel()
        self.save_state()
        self.archives.close_archive()
        super().closeEvent(event)
