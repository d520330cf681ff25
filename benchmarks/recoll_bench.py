"""Import speed against Recoll's indexer on the same files, in the same run: characters/s of both and the ratio.

Writes the People's Daily 1998 evaluation pages (`news_corpus.py`) into a temporary
folder, then, in the same run and on the same files:

- `recollindex` (Debian package `recollcmd`, benchmark-only: `apt-get install recollcmd`)
  indexes the folder into a fresh configuration directory;
- ArchiveViewer imports the folder (`ImportJob`: read, decode, repair, parse, store,
  index, one transaction) into a fresh archive.

    .venv/bin/python benchmarks/recoll_bench.py [--pages 1300] [--seed 1] [--rounds 1]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import build_pages, write_pages  # noqa: E402

from archiveviewer.app.archive import Archive, ArchiveLocation  # noqa: E402
from archiveviewer.app.import_service import ImportJob  # noqa: E402


def run_recoll(folder: Path, work: Path) -> float:
    conf = work / "recoll-conf"
    shutil.rmtree(conf, ignore_errors=True)
    conf.mkdir(parents=True)
    (conf / "recoll.conf").write_text(
        f"topdirs = {folder}\nskippedNames = truth.json\nloglevel = 1\nindexStemmingLanguages =\n", encoding="utf-8"
    )
    start = time.perf_counter()
    subprocess.run(["recollindex", "-c", str(conf), "-z"], check=True, capture_output=True)
    return time.perf_counter() - start


def run_import(folder: Path, work: Path) -> tuple[float, int]:
    target = work / "archive"
    shutil.rmtree(target, ignore_errors=True)
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    with Archive(ArchiveLocation(target)) as archive:
        start = time.perf_counter()
        report = ImportJob(archive, files).run()
        secs = time.perf_counter() - start
    if report.errors:
        raise SystemExit(f"import refused files: {report.errors[:3]}")
    return secs, sum(len(f.documents) for f in report.imported)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1, help="alternate the two this many times; best of each")
    args = parser.parse_args()
    if shutil.which("recollindex") is None:
        print("recollindex not found: apt-get install recollcmd", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="recoll-bench-"))
    folder = work / "pages"
    chars = write_pages(build_pages(args.pages, args.seed), folder)
    ours, theirs, docs = [], [], 0
    for _ in range(args.rounds):
        theirs.append(run_recoll(folder, work))
        secs, docs = run_import(folder, work)
        ours.append(secs)
    shutil.rmtree(work, ignore_errors=True)
    r, o = min(theirs), min(ours)
    print(
        f"corpus: {args.pages} files, {chars:,} characters (People's Daily 1998-01, seed {args.seed}); {docs} documents"
    )
    print(f"recollindex     {r:7.2f} s  {chars / r:10,.0f} chars/s")
    print(f"archiveviewer   {o:7.2f} s  {chars / o:10,.0f} chars/s  (import: read, parse, store, index)")
    print(f"ratio archiveviewer/recoll: {r / o:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
