"""Start-up: no-display message, index rebuilt in the background at start, the startup benchmark."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[var] = str(tmp_path / var.lower())
    env.update(extra)
    return env


def test_without_a_display_a_clear_message_replaces_qts_abort(tmp_path):
    """No DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM: one line on stderr, exit status 1."""
    proc = subprocess.run(
        [sys.executable, "-m", "archiveviewer"], env=_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "no display available" in proc.stderr


def test_stale_index_is_rebuilt_in_the_background_before_searching(
    window_factory, qtbot, settings, tmp_path, sample_path
):
    """An archive whose index is gone shows 'rebuilding', then searches once the index is ready."""
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.import_service import ImportJob

    folder = tmp_path / "stale"
    from archiveviewer.app.search_service import SearchService

    with Archive(ArchiveLocation(folder)) as a:
        ImportJob(a, [sample_path]).run()
        SearchService(a).ensure_index()
        index_path = a.location.index_path
    assert index_path.exists()
    shutil.rmtree(index_path)
    archive = Archive(ArchiveLocation(folder))
    try:
        window = window_factory(settings)
        states = []
        window.index.stateChanged.connect(lambda state, _d: states.append(state))
        window.search_bar.edit.setText("慰问")
        with qtbot.waitSignal(window.ready, timeout=30000):
            window.set_archive(archive, owned=False)
        qtbot.waitUntil(lambda: window.index.state == "ready", timeout=30000)
        assert "rebuilding" in states
        qtbot.waitUntil(lambda: window.results_model.total > 0, timeout=10000)
        assert "up to date" in window.index_label.text()
        window.close()
    finally:
        archive.close()


def test_startup_benchmark_reports_time_to_an_interactive_window(tmp_path, sample_path):
    """`archiveviewer --startup-benchmark` opens the window on the sample archive, prints the time and quits."""
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.import_service import ImportJob

    folder = tmp_path / "bench"
    with Archive(ArchiveLocation(folder)) as a:
        ImportJob(a, [sample_path]).run()
    proc = subprocess.run(
        [sys.executable, "-m", "archiveviewer", "--archive", str(folder), "--startup-benchmark"],
        env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    match = re.search(r"startup: ([\d.]+) s", proc.stdout)
    assert match, proc.stdout
    assert float(match.group(1)) > 0  # how long it takes is measured by benchmarks/startup_bench.py, not asserted


def test_rebuild_from_the_tools_menu_shows_progress_and_ends_ready(window, qtbot):
    """Tools ▸ Rebuild Search Index runs in the background behind a progress dialog and ends up to date."""
    states = []
    window.index.stateChanged.connect(lambda state, _d: states.append(state))
    window.reindex_action.trigger()
    assert window.index.dialog is not None
    qtbot.waitUntil(lambda: window.index.state == "ready", timeout=30000)
    assert states[0] == "rebuilding" and window.index.dialog is None
