"""Search as you type: debounced queries off the UI thread, newest wins, history, saved searches, facets."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from archiveviewer.gui.background import run_in_background, search_pool
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.dialogs.messages import show_message, show_warning
from archiveviewer.gui.i18n import fill
from archiveviewer.gui.models.search_results_model import SearchResultsModel
from archiveviewer.gui.query_errors import translate_query_error
from archiveviewer.gui.settings import Settings
from archiveviewer.gui.views.results_view import ResultsView
from archiveviewer.gui.views.search_bar import SearchBar
from archiveviewer.search.items import QuerySyntaxError

DEBOUNCE_MS = 150
PAGE_SIZE = 50
# What an empty search bar lists: every article and document (entries and notes are in the timeline and docks).
BROWSE_QUERY = "kind:article OR kind:document"
# The Refine panel's filters: kind, month ("YYYY-MM" or "undated") and tag; None = not filtering.
NO_FILTERS: dict[str, str | None] = {"kind": None, "month": None, "tag": None}


class SearchController(QObject):
    """Owns the query state. A generation counter makes every keystroke supersede older queries."""

    resultsReady = Signal(int)  # generation shown
    searchFailed = Signal(str)
    queryApplied = Signal(str)  # the query whose results are now shown (the reader highlights it)
    savedSearchesChanged = Signal()

    def __init__(
        self,
        bar: SearchBar,
        view: ResultsView,
        model: SearchResultsModel,
        settings: Settings,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.bar, self.view, self.model, self.settings = bar, view, model, settings
        self._window = parent
        self.services: Services | None = None
        self.generation = 0
        self.shown_generation = -1
        self.index_ready = False
        self.importing = False  # an import is running: results are of the archive before it
        self.filters: dict[str, str | None] = dict(NO_FILTERS)
        self.last_facets: dict = {}
        self.shown_query = ""
        self.saved: list[tuple[str, str]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)

        bar.set_history(settings.query_history)
        bar.set_sort(settings.sort)
        bar.queryChanged.connect(self._query_edited)
        bar.queryCommitted.connect(self._committed)
        bar.sortChanged.connect(self._sort_changed)
        bar.saveRequested.connect(self.save_current_search)
        bar.savedChosen.connect(self.run_saved_search)
        bar.deleteSavedRequested.connect(self.delete_saved_search)
        bar.navigateDown.connect(view.focus_first)
        view.navigateUp.connect(bar.focus_query)
        view.facets.facetClicked.connect(self.toggle_facet)
        model.moreRequested.connect(self._fetch_more)
        self._show_idle()

    # -- wiring to the archive and the index

    def set_services(self, services: Services | None) -> None:
        self.services = services
        self.generation += 1
        self.model.clear()
        self.view.facets.set_facets({}, self.filters)
        self.reload_saved_searches()
        self.run_now()

    def set_index_ready(self, ready: bool) -> None:
        was = self.index_ready
        self.index_ready = ready
        if ready and not was:
            self.run_now()
        elif not ready and self.services is not None:
            self.view.set_count_text(self.tr("Waiting for the search index…"))

    def set_importing(self, importing: bool, changed: bool = False) -> None:
        """An import started or ended; when it `changed` the archive, the shown search runs again."""
        self.importing = importing
        if changed:
            self.run_now()
        elif self.shown_generation == self.generation and self.services is not None:
            self._show_count(self.model.total, browsing=not self.shown_query)  # drop or add the import note

    # -- running queries

    def _query_edited(self, _text: str) -> None:
        self.generation += 1  # anything still in flight is now stale
        self.filters = dict(NO_FILTERS)
        self._timer.start()

    def _sort_changed(self, sort: str) -> None:
        self.settings.sort = sort
        self.run_now()

    def _committed(self, query: str) -> None:
        self.add_to_history(query)
        self._timer.stop()
        if self.shown_query != query.strip() or self.shown_generation != self.generation:
            self.run_now()
        elif self.model.rowCount():
            self.view.focus_first()

    def add_to_history(self, query: str) -> None:
        if query.strip():
            self.bar.set_history(self.settings.add_to_history(query))

    def run_now(self) -> None:
        """Run the current query (no debounce): used for Enter, sort, facets and saved searches."""
        self._timer.stop()
        self.generation += 1
        generation = self.generation
        query = self.bar.query().strip()
        if self.services is None:
            self.model.clear()
            self.view.facets.set_facets({}, self.filters)
            self.bar.show_error(None)
            self.shown_query = ""
            self.shown_generation = generation
            self._show_idle()
            self.resultsReady.emit(generation)
            self.queryApplied.emit("")
            return
        if not self.index_ready:
            self.view.set_count_text(self.tr("Waiting for the search index…"))
            return
        service = self.services.search
        query, sort = self._effective(query)
        filters = self._service_filters()

        def work():
            if generation != self.generation:
                return generation, None, None  # superseded while queued: skip the work
            result = service.search(query, limit=PAGE_SIZE, sort=sort, **filters)
            # Each facet recounted under the other active filters, so every count is what a click on it lists.
            facets = service.facets(query, **filters)
            return generation, result, facets

        self.view.set_count_text(
            self.tr("Searching… (an import is running)") if self.importing else self.tr("Searching…")
        )
        run_in_background(
            work, self._show_result, lambda exc: self._show_error(generation, exc), context=self, pool=search_pool()
        )

    def _service_filters(self) -> dict:
        kind = self.filters["kind"]
        return {"kinds": {kind} if kind else None, "month": self.filters["month"], "tag": self.filters["tag"]}

    def _effective(self, query: str) -> tuple[str, str]:
        """The query and sort to run: an empty bar browses every article and document by date."""
        if query:
            return query, self.bar.sort()
        return BROWSE_QUERY, "date"

    def _show_result(self, payload) -> None:
        generation, result, facets = payload
        if generation != self.generation or result is None:
            return  # a newer query was typed meanwhile
        self.bar.show_error(None)
        self.model.set_result(result.hits, result.total)
        self.last_facets = facets
        self.view.facets.set_facets(facets, self.filters)
        self.shown_query = self.bar.query().strip()
        self.shown_generation = generation
        self._show_count(result.total, browsing=not self.shown_query)
        self.resultsReady.emit(generation)
        self.queryApplied.emit(self.bar.query().strip())

    def _show_error(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        if isinstance(exc, QuerySyntaxError):
            message = fill(self.tr("This query cannot be read: %1"), translate_query_error(exc))
        else:
            message = fill(self.tr("Search failed: %1"), str(exc) or type(exc).__name__)
        self.bar.show_error(message)
        self.model.clear()
        self.view.facets.set_facets({}, self.filters)
        self.view.set_count_text(self.tr("No results"))
        self.shown_generation = generation
        self.searchFailed.emit(message)

    def _fetch_more(self, offset: int) -> None:
        if self.services is None:
            return
        generation = self.generation
        query, sort = self._effective(self.bar.query().strip())
        filters = self._service_filters()
        service = self.services.search

        def work():
            return service.search(query, limit=PAGE_SIZE, sort=sort, offset=offset, **filters)

        def done(result):
            if generation == self.generation:
                self.model.append(result.hits)

        run_in_background(work, done, lambda _exc: None, context=self, pool=search_pool())

    def _show_idle(self) -> None:
        self.view.set_count_text(self.tr("Type to search the archive"))

    def _show_count(self, total: int, browsing: bool = False) -> None:
        if browsing:
            text = fill(self.tr("All documents, by date: %1"), f"{total:,}")
        elif total == 0:
            text = self.tr("No results")
        elif total == 1:
            text = self.tr("1 result")
        else:
            text = fill(self.tr("%1 results"), f"{total:,}")
        if any(self.filters.values()):
            text += "  " + self.tr("(filtered: click the facet again to show all)")
        if self.importing:
            text += "  " + self.tr("(importing: this list is searched again when the import is done)")
        self.view.set_count_text(text)

    # -- facets

    def toggle_facet(self, field: str, value: str) -> None:
        self.filters[field] = None if self.filters.get(field) == value else value
        self.run_now()

    # -- saved searches (stored in the archive via LibraryService)

    def reload_saved_searches(self) -> None:
        if self.services is None:
            self.bar.set_saved_searches([])
            return
        library = self.services.library
        run_in_background(
            library.saved_searches, self._saved_loaded, lambda _e: self.bar.set_saved_searches([]), context=self
        )

    def _saved_loaded(self, saved) -> None:
        self.saved = saved
        self.bar.set_saved_searches(saved)
        self.savedSearchesChanged.emit()

    def save_current_search(self, name: str | None = None) -> None:
        query = self.bar.query().strip()
        if self.services is None:
            return
        if not query:
            show_message(self._window, self.tr("Save Search"), self.tr("Type a query first."))
            return
        if name is None:
            name, ok = QInputDialog.getText(
                self._window, self.tr("Save Search"), self.tr("Name for this search:"), text=query
            )
            if not ok or not name.strip():
                return
        library = self.services.library
        run_in_background(
            lambda: library.save_search(name, query),
            lambda _r: self.reload_saved_searches(),
            self._library_failed,
            context=self,
        )

    def run_saved_search(self, _name: str, query: str) -> None:
        self.bar.set_query(query)
        self.add_to_history(query)
        self.run_now()

    def delete_saved_search(self, name: str) -> None:
        if self.services is None:
            return
        library = self.services.library
        run_in_background(
            lambda: library.delete_saved_search(name),
            lambda _r: self.reload_saved_searches(),
            self._library_failed,
            context=self,
        )

    def _library_failed(self, exc: BaseException) -> None:
        show_warning(self._window, self.tr("Saved Searches"), str(exc))
