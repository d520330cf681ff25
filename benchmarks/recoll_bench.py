"""Import speed against Recoll's indexer on the same files, in the same run: characters/s of both and the ratio.

Writes the People's Daily 1998 evaluation pages (`news_corpus.py`) into a temporary
folder, then, in the same run, alternating, on the same files:

- `recollindex` (Debian package `recollcmd`, benchmark-only: `apt-get install recollcmd`)
  indexes the folder into a fresh configuration directory;
- ArchiveViewer imports the folder (`ImportJob`: read, decode, repair, parse, store,
  index, one transaction) into a fresh archive, in a child process: with one worker
  process parsing (the default on 2 cores), and with none;
- with `--baseline-src DIR` (a `src` folder of an older checkout, e.g. made with
  `git archive <commit> src | tar -x -C /tmp/base`), that code imports the same files too,
  with one worker and with none.

Best of `--rounds` for each (wall time; and the least CPU time, user + system, of all the
processes, which moves less with the load). The machine is shared: compare the ratios, not the rates.

    .venv/bin/python benchmarks/recoll_bench.py [--pages 1300] [--seed 1] [--rounds 2] [--baseline-src /tmp/base/src]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import build_pages, write_pages  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"

# Run in a child process, so each import starts cold and the baseline can be other code.
# Imports inside main(), as the command line has them: a spawned worker process runs this
# script's top level again, and should not pay for what only the storing process needs.
_IMPORT = """
import sys, time
from pathlib import Path

def main():
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.import_service import ImportJob

    folder, target, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    with Archive(ArchiveLocation(target)) as archive:
        try:
            job = ImportJob(archive, files, workers=workers)
        except TypeError:  # code from before worker processes
            job = ImportJob(archive, files)
        start, cpu = time.perf_counter(), _cpu()
        report = job.run()
        secs, cpu = time.perf_counter() - start, _cpu() - cpu
    assert not report.errors, report.errors[:3]
    print(secs, sum(len(f.documents) for f in report.imported), cpu)

def _cpu():
    # CPU seconds (user + system) of this process and of its worker processes that have ended
    import resource
    own, ended = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime

if __name__ == "__main__":
    main()
"""


def run_recoll(folder: Path, work: Path) -> tuple[float, float]:
    conf = work / "recoll-conf"
    shutil.rmtree(conf, ignore_errors=True)
    conf.mkdir(parents=True)
    (conf / "recoll.conf").write_text(
        f"topdirs = {folder}\nskippedNames = truth.json\nloglevel = 1\nindexStemmingLanguages =\n", encoding="utf-8"
    )
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(["recollindex", "-c", str(conf), "-z"], check=True, capture_output=True)
    return time.perf_counter() - start, _children_cpu() - cpu


def _children_cpu() -> float:
    """CPU seconds (user + system) of the child processes this process has waited for."""
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ended.ru_utime + ended.ru_stime


def run_import(folder: Path, work: Path, src: Path, workers: int) -> tuple[float, int, float]:
    target = work / "archive"
    shutil.rmtree(target, ignore_errors=True)
    script = work / "import_child.py"
    script.write_text(_IMPORT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, str(script), str(folder), str(target), str(workers)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    return float(out[0]), int(out[1]), float(out[2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2, help="alternate everything this many times; best of each")
    parser.add_argument("--baseline-src", type=Path, help="also import with the code in this src folder")
    args = parser.parse_args()
    if shutil.which("recollindex") is None:
        print("recollindex not found: apt-get install recollcmd", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="recoll-bench-"))
    folder = work / "pages"
    chars = write_pages(build_pages(args.pages, args.seed), folder)
    (folder / "truth.json").unlink()
    runs: dict[str, list[float]] = {"recollindex": []}
    cpus: dict[str, list[float]] = {"recollindex": []}
    docs: dict[str, int] = {}
    variants = [("archiveviewer, 1 worker", SRC, 1), ("archiveviewer, no workers", SRC, 0)]
    if args.baseline_src:
        variants += [
            (f"baseline, 1 worker ({args.baseline_src})", args.baseline_src, 1),
            ("baseline, no workers", args.baseline_src, 0),
        ]
    for _ in range(args.rounds):
        secs, cpu = run_recoll(folder, work)
        runs["recollindex"].append(secs)
        cpus["recollindex"].append(cpu)
        for label, src, workers in variants:
            secs, docs[label], cpu = run_import(folder, work, src, workers)
            runs.setdefault(label, []).append(secs)
            cpus.setdefault(label, []).append(cpu)
    shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0]
    print(f"corpus: {args.pages} files, {chars:,} characters (People's Daily 1998-01, seed {args.seed})")
    print(f"load average at the end: {load:.1f} on {os.cpu_count()} cores; best of {args.rounds}")
    recoll = min(runs["recollindex"])
    for label, times in runs.items():
        best = min(times)
        extra = f"  {docs[label]} documents  ratio to recollindex {recoll / best:.2f}x" if label in docs else ""
        print(f"{label:52s} {best:7.2f} s {chars / best:10,.0f} chars/s  cpu {min(cpus[label]):5.2f} s{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
