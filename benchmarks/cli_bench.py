"""CLI start-up benchmark: wall time of `archiveviewer search` end to end on the sample archive.

Imports the bundled sample page into a fresh archive (its index is current
afterwards), then runs ``python -m archiveviewer --archive DIR search 慰问`` in
fresh processes and prints the median and spread, next to an empty Python
start (``python -c pass``) measured in the same run as the peer. With
``--src PATH`` the command runs against another source tree (e.g. a checkout
of an older commit), so before/after figures come from one run on one machine:

    .venv/bin/python benchmarks/cli_bench.py [--runs 15] [--src OTHER/src ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
TARGET_S = 0.3


def _env(src: Path, home: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(src)
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[var] = str(home / var.lower())
    env.pop("ARCHIVEVIEWER_ARCHIVE", None)
    return env


CPU: dict[str, list[float]] = {}


def _time(cmd: list[str], env: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    # CPU time (user + system) is about what the wall time is on an idle machine.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    CPU.setdefault(" ".join(cmd), []).append(cpu)
    return elapsed


def _series(cmd: list[str], env: dict, runs: int) -> tuple[list[float], list[float]]:
    _time(cmd, env)  # warm the page cache and .pyc files
    CPU.pop(" ".join(cmd), None)
    walls = [_time(cmd, env) for _ in range(runs)]
    return walls, CPU[" ".join(cmd)]


def _line(label: str, series: tuple[list[float], list[float]], peer: float | None = None) -> str:
    times, cpu = series
    med = statistics.median(times)
    ratio = f"  ({med / peer:.1f}x python -c pass)" if peer else ""
    spread = f"best {min(times) * 1000:7.1f}  worst {max(times) * 1000:7.1f}"
    return (
        f"{label:<34} median {med * 1000:7.1f} ms  {spread}  CPU median {statistics.median(cpu) * 1000:6.1f} ms{ratio}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (default 15)")
    parser.add_argument("--query", default="慰问")
    parser.add_argument("--src", action="append", default=[], help="another source tree to time as well")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="archiveviewer-clibench-"))
    trees = [SRC] + [Path(p).resolve() for p in args.src]
    python = sys.executable
    peer = _series([python, "-c", "pass"], _env(SRC, home), args.runs)
    peer_med = statistics.median(peer[0])
    print(
        f"python {sys.version.split()[0]}, {args.runs} runs each, query {args.query!r}; load average {os.getloadavg()}"
    )
    print(_line("python -c pass (peer)", peer))
    for i, src in enumerate(trees):
        env = _env(src, home)
        archive = home / f"archive-{i}"
        from_src = [python, "-m", "archiveviewer", "--archive", str(archive)]
        sample = SRC / "archiveviewer" / "resources" / "samples" / "newspaper-page-2020-02-24-A06.txt"
        _time(from_src + ["import", str(sample)], env)
        _time(from_src + ["reindex"], env)
        series = _series(from_src + ["search", args.query], env, args.runs)
        print(_line(f"search ({src})", series, peer_med))
        if i == 0:
            wall_ok = statistics.median(series[0]) < TARGET_S
            cpu_ok = statistics.median(series[1]) < TARGET_S
    verdict = {True: "met", False: "NOT met"}
    print(
        f"target: this tree's `search` median < {TARGET_S * 1000:.0f} ms: wall time {verdict[wall_ok]}, "
        f"CPU time {verdict[cpu_ok]} (CPU time is what an idle machine's wall time comes to)"
    )
    return 0 if wall_ok else 1


if __name__ == "__main__":
    sys.exit(main())
