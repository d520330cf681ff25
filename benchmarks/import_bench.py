"""Import benchmark: newspaper page files → decoded, repaired, parsed, stored and indexed, end to end.

Generates N page files shaped like the sample (banner, headline, masthead with
doubled runs, section headings, a ◆ timeline) from the seeded corpus text,
imports them with the real ImportJob into a fresh archive, and prints pages/s
and characters/s for the whole path and for each phase: reading, parsing (in
`--workers` worker processes, 1 by default on 2 cores) and storing the rows overlap; then
the search index takes the stored documents and everything commits.

    .venv/bin/python benchmarks/import_bench.py [--pages 2000] [--seed 1] [--workers 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from archiveviewer.app.archive import Archive, ArchiveLocation  # noqa: E402
from archiveviewer.app.import_service import ImportJob  # noqa: E402


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def page_text(i: int, bodies: list[str], rng: random.Random) -> str:
    """One page in the sample's layout, OCR damage included (doubled masthead, broken lines)."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    entries = "\n\n".join(f"◆ {month}月{min(28, day + k)}日\n{_wrap(bodies[k + 2][:160], 12)}" for k in range(4))
    return (
        f"标题 第{i}期 要闻\n\n本报讯 第{i}号稿件综述\n\n"
        f"A{i % 20:02d} 20202020..{month}{month}..{day}{day} 星期一星期一\n"
        f"责编责编 王某王某 ｜｜ 版式版式 李某李某 ｜｜ 校对校对 张某张某\n\n"
        f"一、综合情况\n\n{_wrap(bodies[0], 18)}\n\n二、具体措施\n\n{_wrap(bodies[1], 18)}\n\n（记者甲）\n\n"
        f"众志成城 共克时艰\n时间轴第{i}号\n\n{_wrap(bodies[6][:200], 20)}\n\n{entries}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="worker processes parsing (0: parse here)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    items = generate(args.pages * 7, seed=args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="import-bench-"))
    folder = tmp / "pages"
    folder.mkdir()
    chars = 0
    for i in range(args.pages):
        bodies = [next(items).text for _ in range(7)]
        text = page_text(i, bodies, rng)
        chars += len(text)
        (folder / f"page-{i:05d}.txt").write_text(text, encoding="utf-8")
    with Archive(ArchiveLocation(tmp / "archive")) as archive:
        job = ImportJob(archive, [folder], workers=args.workers)
        marks = {}
        start = time.perf_counter()
        for done, total, _name in job.steps():
            if done >= total // 2 and "parsed" not in marks:
                marks["parsed"] = time.perf_counter()
        end = time.perf_counter()
        report = job.report
    docs = sum(len(f.documents) for f in report.imported)
    entries = sum(f.entries for f in report.imported)
    total_s = end - start
    parse_s = marks["parsed"] - start
    print(
        f"pages: {args.pages} files, {chars:,} characters; imported {docs} documents, {entries} timeline entries,"
        f" {len(report.errors)} refused"
    )
    print(f"whole import    {total_s:7.2f} s  {args.pages / total_s:8.0f} pages/s  {chars / total_s:10,.0f} chars/s")
    print(f"  read+parse+store {parse_s:7.2f} s  {args.pages / parse_s:8.0f} pages/s  {chars / parse_s:10,.0f} chars/s")
    store_s = total_s - parse_s
    print(f"  index+commit  {store_s:7.2f} s  {args.pages / store_s:8.0f} pages/s  {chars / store_s:10,.0f} chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
