"""The timeline after an edit on a 100,000-entry archive: from "edit committed" to "the chart and the timeline
table show the new value", in the whole window (offscreen), and the GUI thread's CPU time meanwhile.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/chart_refresh_bench.py --keep /tmp/chart-refresh-archive
    PYTHONPATH=/path/to/other/src ... benchmarks/chart_refresh_bench.py --keep /tmp/chart-refresh-archive

The archive is `table_bench.build_archive` (100 entries per document, a third with amounts) with its search
index built once; `--keep DIR` reuses it, so two source trees (PYTHONPATH) are timed on the same archive.
Each case commits edits through the tables' models (`setData`, what the cell delegates call: the edit, its
search update and the synchronous refresh of the open views), then runs the event loop until the timeline
shows every change and no background work is left. Printed per case (median of `--repeat` runs):
- commit: the synchronous part, the same in every tree;
- shown: from the first commit until the chart and the timeline table show the last change;
- settled: until every background task (timeline reads, search, notes) has finished;
- GUI CPU: the GUI thread's CPU time from the first commit until settled (what competes with scrolling);
- whole reads: calls of ReadService.timeline() without ids during the case.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))


def open_archive(folder: Path, rows: int):
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.location import DB_FILE
    from archiveviewer.app.search_service import SearchService

    if (folder / DB_FILE).exists():
        return Archive(ArchiveLocation(folder))
    from table_bench import build_archive

    t = time.perf_counter()
    archive = build_archive(folder, rows, seed=1)
    for _ in SearchService(archive).rebuild_steps():
        pass
    print(f"archive: {rows:,} entries built and indexed in {time.perf_counter() - t:.1f} s")
    return archive


class Case:
    def __init__(self, app, window, reads: dict):
        self.app, self.window, self.reads = app, window, reads

    def run(self, commits, shown) -> dict[str, float]:
        """`commits`: callables, each committing one edit; `shown()`: the timeline shows all of them."""
        from PySide6.QtCore import QEventLoop, QThreadPool, QTimer

        from archiveviewer.gui import background

        app = self.app
        heartbeat = QTimer()
        heartbeat.start(20)  # wakes the waiting loop even if no result arrives
        full_before = self.reads["full"]
        c0, t0 = time.thread_time(), time.perf_counter()
        for commit in commits:
            commit()
        commit_ms = (time.perf_counter() - t0) * 1000
        wait = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
        while not shown():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents | wait)
        shown_ms = (time.perf_counter() - t0) * 1000

        def busy() -> bool:
            pools = [QThreadPool.globalInstance(), background.search_pool()]
            return any(p.activeThreadCount() for p in pools) or bool(background._live)

        while busy():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents | wait)
        for _ in range(3):
            app.processEvents()
        settled_ms = (time.perf_counter() - t0) * 1000
        heartbeat.stop()
        return {
            "commit": commit_ms,
            "shown": shown_ms,
            "settled": settled_ms,
            "gui_cpu": (time.thread_time() - c0) * 1000,
            "whole_reads": self.reads["full"] - full_before,
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="archive folder to reuse (default: a temporary one)")
    args = ap.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from archiveviewer.gui.main_app import register_fonts

    register_fonts()
    import archiveviewer

    print(f"source: {Path(archiveviewer.__file__).parent}")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="chart-refresh-")) / "archive"
    archive = open_archive(folder, args.rows)

    from PySide6.QtCore import QEventLoop

    from archiveviewer.gui.background import settle_garbage
    from archiveviewer.gui.models.document_table_model import COL_TITLE
    from archiveviewer.gui.models.entry_table_model import COL_TEXT
    from archiveviewer.gui.settings import Settings
    from archiveviewer.gui.views.main_window import MainWindow

    settings = Settings.at(folder.parent / "chart-refresh-settings.ini")
    window = MainWindow(settings)
    window.importer.show_reports = False
    window.library.open_externally = False
    window.resize(1400, 900)
    window.show()
    ready = {"done": False}
    window.ready.connect(lambda: ready.update(done=True))
    t = time.perf_counter()
    window.set_archive(archive, owned=False)
    while not ready["done"]:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    print(f"window ready with {len(window.reading._entries):,} timeline entries in {time.perf_counter() - t:.1f} s")
    window.focus_timeline()  # the timeline tab shown, as while reading
    settle_garbage()

    read = window.services.read
    real = read.timeline
    reads = {"full": 0}

    def spy(*a, **kw):
        if not a and not kw:
            reads["full"] += 1
        return real(*a, **kw)

    read.timeline = spy
    case = Case(app, window, reads)
    entries_model, documents_model = window.entries_model, window.documents_model
    stamp = [0]

    def text_edit(row: int):
        stamp[0] += 1
        entry_id = entries_model.id_at(row)
        text = f"市总工会慰问援鄂医疗队员家属，发放补贴{stamp[0]}万元（{os.getpid()}）。"

        def commit():
            assert entries_model.setData(entries_model.index(row, COL_TEXT), text)

        def shown():
            entry = window.reading.entry(entry_id)
            rows = window.timeline_model.rows_for([entry_id])
            return entry is not None and entry["text"] == text and rows and rows[0]["text"] == text

        return commit, shown

    def title_edit(row: int):
        stamp[0] += 1
        doc_id = documents_model.id_at(row)
        title = f"时间轴 更正 第{stamp[0]}期（{os.getpid()}）"
        of_doc = [e["id"] for e in window.reading._entries.values() if e["document_id"] == doc_id]

        def commit():
            assert documents_model.setData(documents_model.index(row, COL_TITLE), title)

        def shown():
            found = [window.reading.entry(i) for i in of_doc]
            return all(e is not None and e["document_title"] == title for e in found)

        return commit, shown

    def delete(row: int):
        entry_id = entries_model.id_at(row)

        def commit():
            assert window.tables.delete_rows("entry", [entry_id], confirm=False)

        return commit, lambda: window.reading.entry(entry_id) is None and entry_id not in window.timeline_model._row_of

    def entries_of(doc_id: int) -> list[int]:
        return [e["id"] for e in window.reading._entries.values() if e["document_id"] == doc_id]

    def gone(ids: list[int]) -> bool:
        return all(window.reading.entry(i) is None and i not in window.timeline_model._row_of for i in ids)

    def back(ids: list[int]) -> bool:
        return all(window.reading.entry(i) is not None and i in window.timeline_model._row_of for i in ids)

    def delete_document(row: int):
        doc_id = documents_model.id_at(row)
        of_doc = entries_of(doc_id)

        def commit():
            assert window.tables.delete_rows("document", [doc_id], confirm=False)

        return commit, lambda: bool(of_doc) and gone(of_doc)

    def undo_delete(row: int):
        """Undo of a delete committed (and shown) beforehand: the entry comes back."""
        entry_id = entries_model.id_at(row)
        case.run([lambda: window.tables.delete_rows("entry", [entry_id], confirm=False)], lambda: gone([entry_id]))
        return window.undo_action.trigger, lambda: back([entry_id])

    def add_entry(row: int):
        stamp[0] += 1
        doc_id = documents_model.id_at(row)
        text = f"新增条目 市总工会慰问{stamp[0]}（{os.getpid()}）"
        added: list[int] = []

        def commit():
            new_id = window.tables.add_row("entry", {"document_id": doc_id, "date": "2020-02-03", "text": text})
            assert new_id is not None
            added.append(new_id)

        return commit, lambda: bool(added) and back(added)

    def report(label: str, results: list[dict[str, float]]) -> None:
        med = {k: statistics.median(r[k] for r in results) for k in results[0]}
        worst = max(r["shown"] for r in results)
        print(
            f"{label:<34} commit {med['commit']:7.0f} ms   shown {med['shown']:7.0f} ms (worst {worst:6.0f})"
            f"   settled {med['settled']:7.0f} ms   GUI CPU {med['gui_cpu']:7.0f} ms"
            f"   whole reads {med['whole_reads']:.0f}"
        )

    def one(make, rows):
        pairs = [make(r) for r in rows]
        return case.run([c for c, _ in pairs], lambda: all(s() for _, s in pairs))

    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} on {os.cpu_count()} cores; median of {args.repeat}")
    report("entry text edit", [one(text_edit, [100 + 7 * i]) for i in range(args.repeat)])
    report(
        "5 entry text edits in a burst",
        [one(text_edit, [500 + 37 * i + k for k in range(5)]) for i in range(args.repeat)],
    )
    report("document title edit (100 entries)", [one(title_edit, [10 + i]) for i in range(args.repeat)])
    report("delete an entry", [one(delete, [3000 + i]) for i in range(args.repeat)])
    report("3 deletes in a burst", [one(delete, [4000 + 10 * i + k for k in range(3)]) for i in range(args.repeat)])
    report("delete a document (100 entries)", [one(delete_document, [40 + i]) for i in range(args.repeat)])
    report("undo of an entry's delete", [one(undo_delete, [5000 + i]) for i in range(args.repeat)])
    report("add an entry", [one(add_entry, [60 + i]) for i in range(args.repeat)])
    window.close()
    archive.close()


if __name__ == "__main__":
    main()
