"""Startup benchmark: time from process start to an interactive main window on the sample archive.

Runs `archiveviewer --startup-benchmark` in fresh processes with private data
folders: once on a brand-new per-user archive (first start: the sample page is
imported and indexed) and then `--runs` times on the existing one (warm start).
The target is under 2 s. Uses the offscreen platform when there is no display.

With `--exe` it times an installed program instead (the target is then 1 s),
e.g. the .deb's /opt/archiveviewer/archiveviewer, and the source tree in the same
run as the peer. `--cold` drops the page cache before every start (root only),
so each start reads the program from disk as after a reboot.

    .venv/bin/python benchmarks/startup_bench.py [--runs 5]
    .venv/bin/python benchmarks/startup_bench.py --exe /opt/archiveviewer/archiveviewer [--cold]
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
INSTALLED_TARGET_S = 1.0
LINE = re.compile(r"startup: ([\d.]+) s")


def drop_page_cache() -> None:
    """Forget every cached file page, so the next start reads the program from disk."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as exc:
        raise SystemExit(f"--cold needs root on Linux (cannot drop the page cache: {exc})") from exc


def run_once(env: dict, exe: str | None = None, cold: bool = False) -> float:
    if cold:
        drop_page_cache()
    command = [exe] if exe else [sys.executable, "-m", "archiveviewer"]
    proc = subprocess.run(
        [*command, "--startup-benchmark"],
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
    parser.add_argument("--exe", help="time this installed program instead of the source tree")
    parser.add_argument("--cold", action="store_true", help="drop the page cache before every start (root)")
    args = parser.parse_args()
    if args.exe:
        return bench_installed(args.exe, args.runs, args.cold)
    env = private_env()
    first = run_once(env, cold=args.cold)
    warm = [run_once(env, cold=args.cold) for _ in range(args.runs)]
    median = statistics.median(warm)
    print(f"first start (seeds the sample archive): {first:.2f} s")
    print(f"warm start: median {median:.2f} s, best {min(warm):.2f} s, worst {max(warm):.2f} s over {len(warm)} runs")
    ok = first < TARGET_S and median < TARGET_S
    print(f"target < {TARGET_S:.0f} s: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def private_env() -> dict:
    """This environment with fresh per-user folders (a new user: the first start seeds the sample)."""
    home = Path(tempfile.mkdtemp(prefix="archiveviewer-startup-"))
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())
    env.pop("ARCHIVEVIEWER_ARCHIVE", None)
    env.pop("ARCHIVEVIEWER_PORTABLE", None)
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def bench_installed(exe: str, runs: int, cold: bool) -> int:
    """The installed program's first and repeated starts, beside the source tree's in the same run."""
    env, peer_env = private_env(), private_env()
    env.pop("PYTHONPATH", None)  # nothing of this checkout may leak into the installed program
    label = "cold (page cache dropped)" if cold else "warm"
    first = run_once(env, exe, cold=cold)
    starts = [run_once(env, exe, cold=cold) for _ in range(runs)]
    run_once(peer_env, cold=cold)  # the peer's first start seeds its archive
    peer = [run_once(peer_env, cold=cold) for _ in range(runs)]
    median, peer_median = statistics.median(starts), statistics.median(peer)
    print(f"installed {exe}")
    print(f"first start (seeds the sample archive): {first:.2f} s")
    print(f"{label} start: median {median:.2f} s, best {min(starts):.2f} s, worst {max(starts):.2f} s over {runs} runs")
    print(f"source tree (peer, same run): median {peer_median:.2f} s; installed/source = {median / peer_median:.2f}")
    ok = first < INSTALLED_TARGET_S and median < INSTALLED_TARGET_S
    print(f"target < {INSTALLED_TARGET_S:.0f} s: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
