"""Startup benchmark: time from process start to an interactive main window on the sample archive.

Runs `archiveviewer --startup-benchmark` in fresh processes with private data
folders: once on a brand-new per-user archive (first start: the sample page is
imported and indexed) and then `--runs` times on the existing one (warm start).
The target is under 2 s. Uses the offscreen platform when there is no display.

    .venv/bin/python benchmarks/startup_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET_S = 2.0
LINE = re.compile(r"startup: ([\d.]+) s")


def run_once(env: dict) -> float:
    proc = subprocess.run(
        [sys.executable, "-m", "archiveviewer", "--startup-benchmark"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    match = LINE.search(proc.stdout)
    if proc.returncode != 0 or not match:
        raise SystemExit(f"startup benchmark failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return float(match.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm starts to measure (default 5)")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="archiveviewer-startup-"))
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[var] = str(home / var.lower())
    env.pop("ARCHIVEVIEWER_ARCHIVE", None)
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    first = run_once(env)
    warm = [run_once(env) for _ in range(args.runs)]
    median = statistics.median(warm)
    print(f"first start (seeds the sample archive): {first:.2f} s")
    print(f"warm start: median {median:.2f} s, best {min(warm):.2f} s, worst {max(warm):.2f} s over {len(warm)} runs")
    ok = first < TARGET_S and median < TARGET_S
    print(f"target < {TARGET_S:.0f} s: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
