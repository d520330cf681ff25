"""Opens documents in the reader and keeps the reader, the timeline chart and the entry table in step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from archiveviewer.gui.background import run_in_background
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.views.reader_view import ReaderView
from archiveviewer.gui.views.timeline_view import TimelineView
from archiveviewer.search.items import SearchHit


class ReaderController(QObject):
    """`targetChanged(kind, id, label)`: the article or entry that notes and related documents refer to."""

    documentShown = Signal(int)
    timelineLoaded = Signal(int)  # number of entries
    targetChanged = Signal(str, int, str)
    relatedHitOpened = Signal(int)  # a related document hit: the library controller opens it
    loadFailed = Signal(str)

    def __init__(self, reader: ReaderView, timeline: TimelineView, parent=None):
        super().__init__(parent)
        self.reader, self.timeline = reader, timeline
        self.services: Services | None = None
        self.query = ""
        self._load_generation = 0
        self._entries: dict[int, dict] = {}
        self._shown_entry: int | None = None
        timeline.entrySelected.connect(self.select_entry)

    def set_services(self, services: Services | None) -> None:
        self.services = services
        self._load_generation += 1
        self.reader.clear()
        self.timeline.set_entries([])
        self._entries = {}
        if services is not None:
            self.load_timeline()

    def set_query(self, query: str) -> None:
        self.query = query
        self.reader.set_query(query)

    # -- timeline

    def load_timeline(self) -> None:
        if self.services is None:
            return
        services = self.services
        read = services.read

        def work():
            return read.timeline()

        def done(entries: list[dict]) -> None:
            if services is self.services:
                self._timeline_loaded(entries)

        run_in_background(work, done, lambda exc: self.loadFailed.emit(str(exc)), context=self)

    def _timeline_loaded(self, entries: list[dict]) -> None:
        self._entries = {e["id"]: e for e in entries}
        self.timeline.set_entries(entries)
        self.timelineLoaded.emit(len(entries))

    def entry(self, entry_id: int) -> dict | None:
        return self._entries.get(entry_id)

    def select_entry(self, entry_id: int) -> None:
        """An entry picked in the chart or the table: select it everywhere and show its passage."""
        entry = self._entries.get(entry_id)
        self.timeline.select_entry(entry_id)
        if entry is not None:
            self.open_document(entry["document_id"], entry_id=entry_id)

    # -- documents

    def open_hit(self, hit: SearchHit) -> None:
        if hit.key.startswith("related:") and hit.entity_id is not None:
            self.relatedHitOpened.emit(hit.entity_id)
        elif hit.kind == "entry" and hit.document_id is not None:
            self.timeline.select_entry(hit.entity_id)
            self.open_document(hit.document_id, entry_id=hit.entity_id)
        elif hit.document_id is not None:
            self.open_document(hit.document_id, hit=hit)

    def reload_document(self) -> None:
        """Read the shown document again (after an edit), keeping its entry; a deleted one leaves the reader."""
        if self.reader.document_id is not None:
            self.open_document(self.reader.document_id, self._shown_entry, force=True)

    def open_document(
        self, document_id: int, entry_id: int | None = None, hit: SearchHit | None = None, force: bool = False
    ) -> None:
        """Show a document; with `entry_id` its passage, with a search `hit` the match its snippet shows;
        `force` reads it again even when it is the one shown (after an edit)."""
        if self.services is None:
            return
        self._load_generation += 1
        generation = self._load_generation
        shown = self.reader.document
        if shown is not None and self.reader.document_id == document_id and not force:
            self._show_target(shown, entry_id, hit)
            return
        read = self.services.read

        def work():
            return read.document(document_id)

        def done(doc: dict) -> None:
            if generation != self._load_generation:
                return  # another document was asked for meanwhile
            self.reader.show_document(doc, self.query)
            self._show_target(doc, entry_id, hit)
            self.documentShown.emit(document_id)

        def failed(exc: BaseException) -> None:
            if force and generation == self._load_generation:
                self.reader.clear()  # deleted meanwhile: show nothing rather than the old text
            self.loadFailed.emit(str(exc))

        run_in_background(work, done, failed, context=self)

    def _show_target(self, doc: dict, entry_id: int | None, hit: SearchHit | None = None) -> None:
        # The reader's query is the one whose results are shown, so the hit's match is among its matches.
        self._shown_entry = entry_id
        entry = next((e for e in doc.get("timeline") or [] if e["id"] == entry_id), None)
        if entry is not None:
            self.reader.show_entry(entry)
            self.timeline.select_entry(entry_id)
            self.targetChanged.emit("entry", entry_id, f"{entry.get('date_text') or entry['date']} · {doc['title']}")
        else:
            if hit is not None and not self.reader.go_to_snippet(hit.snippet, hit.highlights):
                self.reader.go_to_position(0)  # the hit is not in the page's text (a tag, a note): from the top
            self.timeline.select_entry(None)
            self.targetChanged.emit("document", doc["id"], doc["title"])

    def show_related_text(self, name: str, text: str) -> None:
        self._load_generation += 1
        self.reader.show_plain(name, text, self.query)
        self.timeline.select_entry(None)
