"""GUI fixtures: English UI, the bundled font, a temp settings file, and a main window on the sample archive."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(scope="session", autouse=True)
def gui_app(qapp):
    """One QApplication for the suite: the None-refcount guard, the CJK font and English translators."""
    if not isinstance(qapp, QApplication):
        # Widgets on a QGuiApplication crash the process; fail the GUI tests with the reason instead.
        pytest.fail(
            f"a {type(qapp).__name__} (not a QApplication) was created before the GUI tests' "
            "QApplication, probably by an in-process export (export.fonts.ensure_gui_app)",
            pytrace=False,
        )
    from archiveviewer.gui import i18n
    from archiveviewer.gui.i18n_build import build
    from archiveviewer.gui.main_app import register_fonts

    build()  # the tests use the compiled catalogues, as `make test` does
    register_fonts()
    i18n.install("en")
    yield qapp
    from archiveviewer.gui.background import wait_for_background

    wait_for_background(30000)


@pytest.fixture
def settings(tmp_path):
    from archiveviewer.gui.settings import Settings

    return Settings.at(tmp_path / "settings.ini")


def make_window(qtbot, settings, archive=None):
    """A shown main window; with `archive`, waits until its timeline and index state are there."""
    from archiveviewer.gui.background import settle_garbage
    from archiveviewer.gui.views.main_window import MainWindow

    window = MainWindow(settings)
    window.importer.show_reports = False
    window.library.open_externally = False
    qtbot.addWidget(window)
    window.show()
    if archive is not None:
        with qtbot.waitSignal(window.ready, timeout=20000):
            window.set_archive(archive, owned=False)
        # A fresh test archive has no index yet: let its background rebuild finish first.
        qtbot.waitUntil(lambda: window.index.state == "ready", timeout=30000)
        settle_garbage()  # what run_gui does once start-up is done
    return window


@pytest.fixture
def window_factory(qtbot):
    """`window_factory(settings, archive=None)` builds more windows, closed at the end with their background
    reads finished, before the archives they show are closed (a read left running would meet a dropped
    PostgreSQL schema)."""
    from archiveviewer.gui.background import wait_for_background

    made = []

    def make(settings, archive=None):
        made.append(make_window(qtbot, settings, archive))
        return made[-1]

    yield make
    for w in made:
        w.close()
    assert wait_for_background(30000)


@pytest.fixture
def window(qtbot, settings, sample_archive):
    """The main window showing the sample archive (owned by the fixture, not the window)."""
    w = make_window(qtbot, settings, sample_archive)
    yield w
    w.close()


@pytest.fixture
def search(qtbot):
    """Type a query into a window's search bar and wait for its results."""

    def run(window, query: str, timeout: int = 10000):
        controller = window.search
        with qtbot.waitSignal(
            controller.resultsReady, timeout=timeout, check_params_cb=lambda g: g == controller.generation
        ):
            window.search_bar.edit.setText(query)  # setText, never keyClicks with Chinese (Known traps)
        return window.results_model

    return run
