"""The editable tables at scale: time to open 100,000 entries and to scroll through them, and the worst frame.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/table_bench.py --rows 100000

Builds a throwaway archive with ROWS timeline entries (100 per document, a
third with amounts, a tenth tagged), then on the GUI thread:
- opens the entries table (id list + first page + first paint) and the documents table;
- scrolls the entries table from top to bottom a screenful at a time, painting each
  frame, and reports the mean and worst frame, how many pages were read ahead on the
  worker thread and how many a frame had to wait for;
- jumps to 200 random rows (scroll bar drags) and reports the worst frame;
- sorts by amounts and filters by text, each timed with its repaint;
- times `TimelineView.set_entries` with 1,400 entries (the stall of issue 13 item 5).
Goals (issue 8): open < 0.5 s, no frame over 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build_archive(folder: Path, rows: int, seed: int):
    from sqlalchemy import insert

    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.storage.models import Amount, Document, Source, Tag, Tagging, TimelineEntry

    rnd = random.Random(seed)
    archive = Archive(ArchiveLocation(folder))
    per_doc = 100
    docs = max(1, rows // per_doc)
    words = [
        "无锡",
        "市总工会",
        "慰问",
        "医疗队",
        "援鄂",
        "一线",
        "职工",
        "防疫",
        "物资",
        "捐赠",
        "企业",
        "复工",
        "补贴",
        "专项资金",
        "街道",
        "社区",
    ]
    with archive.Session.begin() as s:
        s.execute(
            insert(Source),
            [{"id": 1, "name": "bench.txt", "sha256": "0" * 64, "encoding": "utf-8", "size": 0, "raw_text": ""}],
        )
        start = dt.date(2020, 1, 1)
        s.execute(
            insert(Document),
            [
                {
                    "id": d + 1,
                    "source_id": 1,
                    "ordinal": d,
                    "kind": "article",
                    "title": f"时间轴 第{d + 1}期",
                    "paper": "无锡日报",
                    "page": f"A{d % 16 + 1:02d}",
                    "published": start + dt.timedelta(days=d % 900) if d % 10 else None,
                    "version": 1,
                }
                for d in range(docs)
            ],
        )
        entries, amounts, taggings = [], [], []
        for i in range(rows):
            text = "".join(rnd.choice(words) for _ in range(rnd.randint(6, 30)))
            entries.append(
                {
                    "id": i + 1,
                    "document_id": i // per_doc + 1,
                    "ordinal": i % per_doc,
                    "date": start + dt.timedelta(days=rnd.randrange(1500)),
                    "date_text": "1月24日",
                    "text": text,
                    "original_text": text,
                    "version": 1,
                }
            )
            if i % 3 == 0:
                for k in range(rnd.randint(1, 3)):
                    amounts.append(
                        {"entry_id": i + 1, "ordinal": k, "text": f"{rnd.randint(1, 999)}万元", "yuan": Decimal(0)}
                    )
            if i % 10 == 0:
                taggings.append({"tag_id": 1 + i % 3, "target_type": "entry", "target_id": i + 1})
        s.execute(insert(TimelineEntry), entries)
        for a in amounts:
            a["yuan"] = Decimal(int(a["text"][:-2]) * 10000)
        s.execute(insert(Amount), amounts)
        s.execute(insert(Tag), [{"id": 1, "name": "核对"}, {"id": 2, "name": "待查"}, {"id": 3, "name": "已改"}])
        s.execute(insert(Tagging), taggings)
    return archive


def paint(app, view, cpu: list[float] | None = None) -> float:
    """Repaint the view now and return the milliseconds it took (what a user waits for one frame).

    With `cpu`, also append the GUI thread's CPU milliseconds for the frame: on a machine shared with
    other work, a frame far longer than its CPU time waited for a core, not for this program."""
    t, c = time.perf_counter(), time.thread_time()
    view.viewport().repaint()
    app.processEvents()
    if cpu is not None:
        cpu.append((time.thread_time() - c) * 1000)
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeline", type=int, default=1400, help="entries for the TimelineView.set_entries timing")
    ap.add_argument("--timeline-only", action="store_true", help="only the TimelineView.set_entries timing")
    ap.add_argument("--peer-src", help="a source tree (its src/) to time TimelineView.set_entries on too")
    args = ap.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from archiveviewer.gui.main_app import register_fonts

    register_fonts()
    if args.timeline_only:
        print(timeline_pane(app, args.timeline))
        return
    import sqlite3

    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, {os.cpu_count()} cores, seed {args.seed}")
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        archive = build_archive(Path(tmp) / "archive", args.rows, args.seed)
        print(f"archive: {args.rows:,} entries built in {time.perf_counter() - t:.1f} s")

        from archiveviewer.app.table_queries import TableFilter, TableSource
        from archiveviewer.gui.background import settle_garbage

        # As the app does once its window is ready: start-up's objects frozen out of later collections
        # (a full collection scanning them stalled a frame for 70-200 ms).
        settle_garbage()
        from archiveviewer.gui.models.document_table_model import DocumentTableModel
        from archiveviewer.gui.models.entry_table_model import COL_AMOUNT, EntryTableModel
        from archiveviewer.gui.views.documents_view import DocumentsView
        from archiveviewer.gui.views.entries_view import EntriesView

        def open_table(model, view_class, entity: str):
            """The view shown over `model` reading `entity` rows, painted once; and the milliseconds it took."""
            t = time.perf_counter()
            view = view_class(model)
            view.resize(1200, 800)
            view.show()
            model.set_source(TableSource(archive, entity))
            paint(app, view.table)
            return view, (time.perf_counter() - t) * 1000

        # -- open
        model = EntryTableModel()
        view, open_ms = open_table(model, EntriesView, "entry")
        print(f"open entries table ({model.rowCount():,} rows, first paint)   {open_ms:8.1f} ms   goal < 500 ms")
        dmodel = DocumentTableModel()
        dview, docs_ms = open_table(dmodel, DocumentsView, "document")
        print(f"open documents table ({dmodel.rowCount():,} rows)              {docs_ms:8.1f} ms")

        # -- scroll through, a screenful per frame
        table = view.table
        bar = table.verticalScrollBar()
        frames: list[float] = []
        cpu: list[float] = []
        before, ahead = model.pages_loaded, model.pages_read_ahead
        t = time.perf_counter()
        value = 0
        while value <= bar.maximum():
            bar.setValue(value)
            frames.append(paint(app, table, cpu))
            value += bar.pageStep()
        total = time.perf_counter() - t
        print(
            f"scroll top to bottom: {len(frames):,} frames in {total:.1f} s"
            f"   frame mean {statistics.mean(frames):.1f} ms"
            f"   p95 {sorted(frames)[int(len(frames) * 0.95)]:.1f} ms   worst {max(frames):.1f} ms   goal < 50 ms"
            f"   (pages: {model.pages_read_ahead - ahead} read ahead, {model.pages_loaded - before} waited for)"
        )
        over = sum(f > 50 for f in frames)
        print(
            f"   frames over 50 ms: {over}; GUI-thread CPU per frame: mean {statistics.mean(cpu):.1f} ms"
            f"   worst {max(cpu):.1f} ms   (load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)"
        )

        rnd = random.Random(args.seed)
        jumps = []
        for _ in range(200):
            bar.setValue(rnd.randint(0, bar.maximum()))
            jumps.append(paint(app, table))
        print(
            f"200 random jumps (scroll bar drags)     frame mean {statistics.mean(jumps):.1f} ms"
            f"   worst {max(jumps):.1f} ms"
        )

        t = time.perf_counter()
        view.proxy.sort(COL_AMOUNT, Qt.SortOrder.DescendingOrder)
        paint(app, table)
        print(f"sort by largest amount, repaint        {(time.perf_counter() - t) * 1000:8.1f} ms")
        t = time.perf_counter()
        view.proxy.set_filter(TableFilter(text="医疗队慰问"))
        paint(app, table)
        print(f"filter by text ({model.rowCount():,} rows match), repaint {(time.perf_counter() - t) * 1000:8.1f} ms")
        view.close()
        dview.close()
        archive.close()

    print(timeline_pane(app, args.timeline))
    if args.peer_src:
        # The same timing on another source tree (e.g. `git archive` of the commit before the lazy model),
        # in a child process, so before/after compare on one machine state.
        import subprocess

        env = dict(os.environ, PYTHONPATH=str(Path(args.peer_src).resolve()))
        cmd = [sys.executable, __file__, "--timeline-only", "--timeline", str(args.timeline)]
        peer = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout.strip()
        print(f"peer {args.peer_src}: {peer}")


def timeline_pane(app, n: int) -> str:
    """`TimelineView.set_entries` with n in-memory entries plus a repaint, median and worst of 5 (issue 13.5)."""
    from archiveviewer.gui.views.timeline_view import TimelineView

    try:
        from archiveviewer.gui.models.entry_table_model import EntryTableModel as Model
    except ImportError:  # a tree from before the lazy model
        from archiveviewer.gui.models.timeline_table_model import TimelineTableModel as Model

    entries = [
        {
            "id": i + 1,
            "date": (dt.date(2020, 1, 1) + dt.timedelta(days=i % 400)).isoformat(),
            "date_text": "1月1日",
            "text": f"第{i}条 市总工会慰问一线医务人员",
            "amounts": [{"text": f"{i}万元", "yuan": i * 10000}] if i % 3 == 0 else [],
            "document_id": 1 + i // 14,
            "document_title": "时间轴",
            "paragraph_start_id": None,
            "paragraph_end_id": None,
        }
        for i in range(n)
    ]
    pane = TimelineView(Model())
    pane.resize(1200, 300)
    pane.show()
    app.processEvents()
    times = []
    for _ in range(5):
        t = time.perf_counter()
        pane.set_entries(entries)
        paint(app, pane.table)
        times.append((time.perf_counter() - t) * 1000)
    return (
        f"TimelineView.set_entries({n:,} entries) + repaint with {Model.__name__}: "
        f"median {statistics.median(times):.1f} ms   worst {max(times):.1f} ms (5 runs)"
    )


if __name__ == "__main__":
    main()
