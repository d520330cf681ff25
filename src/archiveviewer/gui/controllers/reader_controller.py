"""Opens documents in the reader and keeps the reader, the timeline chart and the entry table in step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from archiveviewer.gui.background import run_in_background
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.views.reader_view import ReaderView
from archiveviewer.gui.views.timeline_view import TimelineView
from archiveviewer.search.items import SearchHit


class ReaderController(QObject):
    """`targetChanged(kind, id, label)`: the article or entry that notes and related documents refer to.

    The timeline is read on a worker thread, one read at a time: the whole of it when the archive opens or
    after an import (`load_timeline`), only the entries an edit changed, added or brought back otherwise
    (`refresh_after_edit`); deleted entries are dropped unread. Requests made while a read runs are merged
    and read once it ends, and deletes made meanwhile are dropped just after it is shown (the read may have
    seen the entries before they went), so the newest state is shown last and a burst of edits never queues
    several reads. `timelineLoaded(n)` after a whole read, `timelineUpdated(ids)` after entries were read
    again, added or removed in place.
    """

    documentShown = Signal(int)
    timelineLoaded = Signal(int)  # number of entries
    timelineUpdated = Signal(list)  # ids of the entries read again, added or removed in place
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
        # The timeline reads: one at a time; what was asked for meanwhile waits in _pending_*.
        self._timeline_generation = 0  # a new archive: a read still running for the old one is dropped
        self._timeline_busy = False
        self._pending_full = False
        self._pending_entries: set[int] = set()
        self._pending_documents: set[int] = set()
        # Deleted meanwhile: entries, and documents (their entries), dropped once the running read is shown.
        self._removed_entries: set[int] = set()
        self._removed_documents: set[int] = set()
        self._shown_entry: int | None = None
        timeline.entrySelected.connect(self.select_entry)

    def set_services(self, services: Services | None) -> None:
        self.services = services
        self._load_generation += 1
        self._timeline_generation += 1
        self._timeline_busy, self._pending_full = False, False
        self._pending_entries.clear()
        self._pending_documents.clear()
        self._removed_entries.clear()
        self._removed_documents.clear()
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
        """Read the whole timeline again (an archive opened, an import). While a read runs, it is read once
        more when that one ends (however often this is called meanwhile)."""
        self._pending_full = True
        self._next_timeline_read()

    def refresh_after_edit(self, entity: str, ids: list[int], structural: bool, field: str) -> None:
        """Show an edit in the chart and the timeline table, reading no more than it changed.

        Entries deleted (`field` "deleted"): dropped, nothing read; a document deleted: its entries dropped.
        Entries added or back (undo of a delete): those entries read and put in their places; documents
        back: their entries. An entry's text or date: those entries. A document's title: its entries (they
        show it). Tags, notes, other document fields and paragraphs: nothing, since neither the chart nor
        the timeline table shows them."""
        if structural and field == "deleted" and entity in ("entry", "document"):
            (self._removed_entries if entity == "entry" else self._removed_documents).update(ids)
            self._next_timeline_read()
        elif entity == "entry" and field != "tags":
            self._pending_entries.update(ids)
            self._next_timeline_read()
        elif entity == "document" and field in ("title", ""):
            self._pending_documents.update(ids)
            self._next_timeline_read()

    def timeline_idle(self) -> bool:
        """No timeline read running or waiting: the chart and the table show the archive as it is."""
        waiting = self._pending_entries or self._pending_documents or self._removed_entries or self._removed_documents
        return not (self._timeline_busy or self._pending_full or waiting)

    def _next_timeline_read(self) -> None:
        if self.services is None or self._timeline_busy:
            return
        self._drop_removed()
        read, generation = self.services.read, self._timeline_generation
        if self._pending_full:
            self._pending_full = False
            self._pending_entries.clear()
            self._pending_documents.clear()

            def work():
                return read.timeline()

            def apply(entries: list[dict]) -> None:
                self._timeline_loaded(entries)

        elif self._pending_entries or self._pending_documents:
            entry_ids, document_ids = sorted(self._pending_entries), sorted(self._pending_documents)
            self._pending_entries.clear()
            self._pending_documents.clear()

            def work():
                return read.timeline(entry_ids, document_ids)

            def apply(entries: list[dict]) -> None:
                self._timeline_patched(entries, entry_ids, document_ids)

        else:
            return
        self._timeline_busy = True

        def done(entries: list[dict]) -> None:
            if generation == self._timeline_generation:
                self._timeline_busy = False
                apply(entries)
                self._next_timeline_read()

        def failed(exc: BaseException) -> None:
            if generation == self._timeline_generation:
                self._timeline_busy = False
                self.loadFailed.emit(str(exc))
                self._next_timeline_read()

        run_in_background(work, done, failed, context=self)

    def _timeline_loaded(self, entries: list[dict]) -> None:
        self._entries = {e["id"]: e for e in entries}
        self.timeline.set_entries(entries)
        self.timelineLoaded.emit(len(entries))

    def _drop_removed(self) -> None:
        """Deletes not shown yet (no read runs now: none can bring them back): their entries leave."""
        if not (self._removed_entries or self._removed_documents):
            return
        documents = self._removed_documents
        ids = [i for i, e in self._entries.items() if e["document_id"] in documents] if documents else []
        ids += [i for i in self._removed_entries if i in self._entries]
        self._removed_entries, self._removed_documents = set(), set()
        self._remove(ids)

    def _remove(self, ids: list[int]) -> None:
        if ids:
            for entry_id in ids:
                del self._entries[entry_id]
            self.timeline.remove_entries(ids)
            self.timelineUpdated.emit(sorted(ids))

    def _timeline_patched(self, entries: list[dict], entry_ids: list[int], document_ids: list[int]) -> None:
        """Entries read again after an edit: shown in place; those new here (added, or back after an undo)
        put in their places, and those asked for but not found (deleted, by someone else too) removed."""
        found = {e["id"] for e in entries}
        documents = set(document_ids)
        asked = set(entry_ids)
        if documents:
            asked.update(i for i, e in self._entries.items() if e["document_id"] in documents)
        self._remove([i for i in asked - found if i in self._entries])
        new = [e for e in entries if e["id"] not in self._entries]
        changed = [e for e in entries if e["id"] in self._entries]
        self._entries.update((e["id"], e) for e in entries)
        if changed:
            self.timeline.update_entries(changed)
        if new:
            self.timeline.insert_entries(new)
        if found:
            self.timelineUpdated.emit(sorted(found))

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
