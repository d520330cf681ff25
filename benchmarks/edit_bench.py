"""Times the edit services on a large archive: single edits (with their search update), tags, notes,
bulk edits and date shifts, and the timeline read with tags and corrected originals.

Usage: .venv/bin/python benchmarks/edit_bench.py [--docs 5000] [--per-doc 20] [--edits 50] [--keep DIR]

The archive is filled with bulk INSERTs (documents of `--per-doc` timeline entries each, sentences of the
sample page) and its index rebuilt once; the timings after that are what a person editing waits for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy import insert  # noqa: E402

from archiveviewer.app.annotation_service import AnnotationService  # noqa: E402
from archiveviewer.app.archive import Archive, ArchiveLocation  # noqa: E402
from archiveviewer.app.edit_service import EditService  # noqa: E402
from archiveviewer.app.read_service import ReadService  # noqa: E402
from archiveviewer.app.search_service import SearchService  # noqa: E402
from archiveviewer.resources import sample_page  # noqa: E402
from archiveviewer.storage.models import Document, Section, Source, TimelineEntry  # noqa: E402


def sentences() -> list[str]:
    text = re.sub(r"\s*\n\s*", "", sample_page().read_text(encoding="utf-8"))
    return [s + "。" for s in text.split("。") if len(s) > 12]


def fill(archive: Archive, docs: int, per_doc: int, rng: random.Random) -> None:
    pool = sentences()
    start = dt.date(2020, 1, 1)
    with archive.Session.begin() as s:
        (source_id,) = s.scalars(
            insert(Source).returning(Source.id),
            [{"name": "bench.txt", "sha256": "0" * 64, "encoding": "utf-8", "size": 0, "raw_text": ""}],
        )
        doc_ids = list(
            s.scalars(
                insert(Document).returning(Document.id, sort_by_parameter_order=True),
                [
                    {
                        "source_id": source_id,
                        "ordinal": i,
                        "kind": "article",
                        "title": f"时间轴第{i}期",
                        "published": start + dt.timedelta(days=i % 2000),
                        "version": 1,
                    }
                    for i in range(docs)
                ],
            )
        )
        s.execute(insert(Section), [{"document_id": d, "ordinal": 0, "heading": None} for d in doc_ids])
        rows = []
        for d in doc_ids:
            for k in range(per_doc):
                day = start + dt.timedelta(days=rng.randrange(2000))
                text = rng.choice(pool)
                rows.append(
                    {
                        "document_id": d,
                        "ordinal": k,
                        "date": day,
                        "date_text": f"{day.month}月{day.day}日",
                        "text": text,
                        "original_text": text,
                        "version": 1,
                    }
                )
        s.execute(insert(TimelineEntry), rows)
    for _ in SearchService(archive).rebuild_steps():
        pass


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def report(label: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"{label:<44} median {statistics.median(ms):8.1f} ms   p95 {p95:8.1f} ms   (n={len(ms)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--per-doc", type=int, default=20)
    ap.add_argument("--edits", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="archive folder to keep (default: a temporary one)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="edit-bench-")) / "archive"
    with Archive(ArchiveLocation(folder)) as archive:
        t = time.perf_counter()
        fill(archive, args.docs, args.per_doc, rng)
        total = args.docs * args.per_doc
        took = time.perf_counter() - t
        print(f"archive: {args.docs:,} documents, {total:,} entries, filled and indexed in {took:.1f} s")
        edits, notes, read = EditService(archive), AnnotationService(archive), ReadService(archive)
        ids = list(range(1, total // 2 + 1))  # single edits (some get partial dates)
        full_dates = list(range(total // 2 + 1, total + 1))  # bulk edits and shifts need full dates
        versions: dict[int, int] = {}

        text_edited: set[int] = set()

        def edit_text():
            i = rng.choice(ids)
            text_edited.add(i)
            versions[i] = edits.edit_entry(
                i, "text", f"更正后的文字{rng.random():.6f}，金额5万元。", versions.get(i, 1)
            )

        def edit_date():
            i = rng.choice(ids)
            versions[i] = edits.edit_entry(i, "date", f"2021-{rng.randrange(1, 13):02d}", versions.get(i, 1))

        report("edit_entry text (+ amounts, search update)", timed(edit_text, args.edits))
        report("edit_entry date (partial)", timed(edit_date, args.edits))
        report("add_tag on one entry", timed(lambda: notes.add_tag("entry", [rng.choice(ids)], "核对"), args.edits))
        report(
            "add_note on one entry", timed(lambda: notes.add_note("entry", rng.choice(ids), "需核对原件"), args.edits)
        )
        report(
            "bulk_edit date on 100 entries",
            timed(lambda: edits.bulk_edit("entry", rng.sample(full_dates, 100), "date", "2022-01-01"), 5),
        )
        report(
            "shift_dates +1 on 100 entries",
            timed(lambda: edits.shift_dates("entry", rng.sample(full_dates, 100), 1), 5),
        )
        report(f"timeline() of all {total:,} entries", timed(read.timeline, 3))
        hits = SearchService(archive).search("更正后的文字", limit=0).total
        print(f"check: {hits} entries found by their corrected text, {len(text_edited)} corrected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
