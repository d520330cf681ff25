"""GUI responsiveness during a background import: the longest gap of a 10 ms heartbeat on the UI thread.

Opens the main window (offscreen unless a display is set) on a fresh archive
holding the sample page, imports `--pages` distinct copies of it through the
window's importer, and prints the heartbeat's worst and 99th-percentile gaps
and the garbage collections over 20 ms. The target is a worst gap under
100 ms; a busy machine (other processes on the same cores) shows more.
This was a test (tests/gui/test_import.py) until it failed on busy machines:
timing is measured here, not asserted in CI.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_import_bench.py [--pages 100]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="archiveviewer-guibench-"))
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        os.environ[var] = str(home / var.lower())
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.import_service import ImportJob
    from archiveviewer.gui.background import settle_garbage
    from archiveviewer.gui.main_app import register_fonts
    from archiveviewer.gui.settings import Settings
    from archiveviewer.gui.views.main_window import MainWindow
    from archiveviewer.resources import sample_page

    app = QApplication.instance() or QApplication(["gui-import-bench"])
    register_fonts()
    sample = Path(sample_page())
    text = sample.read_text(encoding="utf-8")
    pages = home / "pages"
    pages.mkdir()
    paths = []
    for i in range(args.pages):
        path = pages / f"page-{i:03d}.txt"
        path.write_text(text + f"\n\n（编号 {i}）\n", encoding="utf-8")
        paths.append(str(path))

    archive = Archive(ArchiveLocation(home / "archive"))
    ImportJob(archive, [sample]).run()
    window = MainWindow(Settings.at(home / "settings.ini"))
    window.importer.show_reports = False
    window.show()

    def wait(signal, until=lambda: True, timeout_ms=120000):
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        while not until():
            loop.exec()
        signal.disconnect(loop.quit)

    ready = []
    window.ready.connect(lambda *a: ready.append(True))
    window.set_archive(archive, owned=False)
    wait(window.ready, lambda: bool(ready))
    while window.index.state != "ready":
        app.processEvents()
        time.sleep(0.01)
    settle_garbage()

    beats: list[float] = []
    collections: list[list[float]] = []
    last = [time.perf_counter()]

    def beat():
        now = time.perf_counter()
        beats.append(now - last[0])
        last[0] = now

    def on_gc(phase, _info):
        if phase == "start":
            collections.append([time.perf_counter(), 0.0])
        else:
            collections[-1][1] = time.perf_counter()

    done = []
    window.importer.finished.connect(lambda report: done.append(report))
    gc.callbacks.append(on_gc)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(beat)
    timer.start()
    start = time.perf_counter()
    last[0] = start
    window.importer.start(paths)
    wait(window.importer.finished, lambda: bool(done))
    expected = 14 * (args.pages + 1)
    while window.timeline_model.rowCount() != expected and time.perf_counter() - start < 120:
        app.processEvents()  # the window's refresh after the import is part of the measurement
    timer.stop()
    gc.callbacks.remove(on_gc)
    elapsed = time.perf_counter() - start
    window.close()
    archive.close()

    gaps = sorted(b * 1000 for b in beats)
    p99 = gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))]
    slow_gc = [round((end - begin) * 1000) for begin, end in collections if end and end - begin > 0.02]
    print(f"imported {args.pages} pages in the background in {elapsed:.2f} s; load average {os.getloadavg()}")
    print(f"UI heartbeat (10 ms): {len(gaps)} beats, worst gap {gaps[-1]:.0f} ms, p99 {p99:.0f} ms")
    print(f"garbage collections over 20 ms: {slow_gc}")
    ok = gaps[-1] < TARGET_MS
    print(f"target: worst gap < {TARGET_MS} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
