"""Times PDF/CSV/JSON export of a sample-sized archive (2 articles, 14 entries) and of a 1,000-entry timeline.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/export_bench.py [--repeat N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from archiveviewer.export.csv_export import export_documents_csv, export_timeline_csv  # noqa: E402
from archiveviewer.export.fonts import ensure_gui_app, register_app_font  # noqa: E402
from archiveviewer.export.json_export import export_json  # noqa: E402
from archiveviewer.export.pdf_export import export_documents_pdf, export_timeline_pdf  # noqa: E402
from archiveviewer.resources import sample_page  # noqa: E402


def sentences() -> list[str]:
    """Sentences of the shipped sample page with its line wrapping undone: realistic text to recombine."""
    text = sample_page().read_text(encoding="utf-8")
    text = re.sub(r"\s*\n\s*", "", text)
    return [s + "。" for s in re.split(r"。", text) if len(s) > 12]


def make_entries(n: int, rng: random.Random, pool: list[str]) -> list[dict]:
    entries = []
    for i in range(n):
        yuan = rng.choice([None, 440000, 2124500, 810900, 180000, 5000])
        amounts = [] if yuan is None else [{"text": f"{yuan / 10000:g}万元", "yuan": yuan}]
        entries.append(
            {
                "id": i + 1,
                "date": f"{2020 + i // 336}-{(i // 28) % 12 + 1:02d}-{i % 28 + 1:02d}",
                "text": "".join(rng.sample(pool, rng.randint(1, 4))),
                "amounts": amounts,
                "document_id": 2,
                "document_title": "无锡工会“战疫”时间轴",
            }
        )
    return entries


def make_documents(rng: random.Random, pool: list[str]) -> list[dict]:
    masthead = {
        "paper": None,
        "page": "A06",
        "date": "2020-02-24",
        "weekday": "星期一",
        "editor": "汪自力",
        "layout_editor": "邹琦",
        "proofreader": "王欣",
    }
    headings = ["出台政策惠企业", "当好防疫复工勤务员", "维护职工权益不放松", "激发劳动热情保生产", "落实关爱暖人心"]
    article = {
        "id": 1,
        "kind": "article",
        "title": "无锡各级工会多管齐下保复工",
        "subtitle": "精准施策 持续作战",
        "byline": "陈煜蕾",
        "source": "newspaper-page-2020-02-24-A06.txt",
        "masthead": masthead,
        "sections": [{"heading": h, "paragraphs": ["".join(rng.sample(pool, 3)) for _ in range(2)]} for h in headings],
        "timeline": [],
        "annotations": [
            {"id": 1, "author": "王档案", "created_at": "2026-11-28T10:00:00", "text": "核对原件", "target": "entry 3"}
        ],
    }
    timeline = {
        "id": 2,
        "kind": "article",
        "title": "无锡工会“战疫”时间轴",
        "subtitle": "万众一心 阻击疫情",
        "byline": None,
        "source": "newspaper-page-2020-02-24-A06.txt",
        "masthead": masthead,
        "sections": [{"heading": None, "paragraphs": ["".join(rng.sample(pool, 2)) for _ in range(2)]}],
        "timeline": make_entries(14, rng, pool),
        "annotations": [],
    }
    return [article, timeline]


def timed(label: str, repeat: int, fn) -> None:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    extra = f"  ({result} pages)" if isinstance(result, int) and label.endswith("PDF") else ""
    print(f"{label:45s} median {statistics.median(times) * 1000:8.1f} ms   min {min(times) * 1000:8.1f} ms{extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the exports into this folder and keep them")
    args = parser.parse_args()

    ensure_gui_app()
    start = time.perf_counter()
    register_app_font()
    print(f"{'font registration (once per process)':45s} {(time.perf_counter() - start) * 1000:8.1f} ms")

    rng = random.Random(20200224)
    pool = sentences()
    documents = make_documents(rng, pool)
    big = make_entries(1000, rng, pool)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="export-bench-"))
    folder.mkdir(parents=True, exist_ok=True)

    timed(
        "sample archive (2 articles, 14 entries) PDF",
        args.repeat,
        lambda: export_documents_pdf(documents, folder / "sample.pdf", "无锡工会档案", overwrite=True),
    )
    timed(
        "1,000-entry timeline PDF",
        max(1, args.repeat // 2),
        lambda: export_timeline_pdf(big, folder / "timeline-1000.pdf", "无锡工会档案", overwrite=True),
    )
    timed(
        "sample archive CSV",
        args.repeat,
        lambda: export_documents_csv(documents, folder / "sample.csv", overwrite=True),
    )
    timed(
        "1,000-entry timeline CSV",
        args.repeat,
        lambda: export_timeline_csv(big, folder / "timeline.csv", overwrite=True),
    )
    timed("1,000-entry timeline JSON", args.repeat, lambda: export_json(big, folder / "timeline.json", overwrite=True))
    if args.keep:
        print(f"exports kept in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
