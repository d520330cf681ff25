"""Starts the desktop app: display check, fonts, translations, the window, the archive opened in the background.

Imports on this path stay lazy: the window appears while the archive (SQLAlchemy,
Alembic, Whoosh) is opened in a worker thread.
"""

from __future__ import annotations

import time

from archiveviewer.gui.i18n import fill

_IMPORTED_AT = time.perf_counter()

import os  # noqa: E402 - the clock above is taken as early as possible
import sys  # noqa: E402

NO_DISPLAY_MESSAGE = (
    "archiveviewer: no display available (neither DISPLAY nor WAYLAND_DISPLAY is set). "
    "Run it in a desktop session, under xvfb-run, or with QT_QPA_PLATFORM=offscreen."
)


def seconds_since_process_start() -> float:
    """Time since the process started (Linux: from /proc), else since this module was imported."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5), counted after the command name
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED_AT


def display_available() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def register_fonts() -> str | None:
    """Register the bundled CJK font and make it the fallback of the application font."""
    from PySide6.QtWidgets import QApplication

    from archiveviewer.app.presentation import ExportError, register_app_font

    try:
        family = register_app_font()
    except ExportError as exc:  # a damaged install: run with the system's fonts rather than not at all
        print(f"archiveviewer: {exc}", file=sys.stderr)
        return None
    if family:
        font = QApplication.font()
        families = [f for f in font.families() or [font.family()] if f != family]
        font.setFamilies(families + [family])
        QApplication.setFont(font)
    return family


class AppShell:
    """Owns the settings and the main window; rebuilds the window when the language changes."""

    def __init__(self, settings, highlighter=None):
        self.settings = settings
        self.highlighter = highlighter
        self.window = None

    def create_window(self):
        from archiveviewer.gui.views.main_window import MainWindow

        window = MainWindow(self.settings, highlighter=self.highlighter)
        window.languageChangeRequested.connect(self.switch_language)
        self.window = window
        return window

    def switch_language(self, language: str):
        """Install the translators and replace the window by one built in the new language."""
        from archiveviewer.gui import i18n

        i18n.install(language)
        old = self.window
        released = old.release_archive() if old is not None else None
        query = old.search_bar.query() if old is not None else ""
        document_id = old.reader.document_id if old is not None else None
        if old is not None:
            old.save_state()
        new = self.create_window()
        new.search_bar.set_query(query)
        new.show()
        if released is not None:
            new.set_archive(*released)
            if document_id is not None:
                new.reading.open_document(document_id)
        if old is not None:
            old.close()
            old.deleteLater()
        return new


def choose_archive(settings, archive: str | None, db_url: str | None) -> tuple[str | None, str | None]:
    """Command line first, then $ARCHIVEVIEWER_ARCHIVE, then the last archive, then the per-user default."""
    if archive or db_url or os.environ.get("ARCHIVEVIEWER_ARCHIVE"):
        return archive, db_url
    last = settings.last_archive
    if last and os.path.exists(os.path.join(last, "archive.sqlite3")):
        return last, None
    return None, None


def run_gui(archive: str | None = None, db_url: str | None = None, startup_benchmark: bool = False) -> int:
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from archiveviewer import __version__
    from archiveviewer.gui import i18n
    from archiveviewer.gui.background import run_in_background, settle_garbage, wait_for_background
    from archiveviewer.gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ArchiveViewer")
    app.setOrganizationName("ArchiveViewer")
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("archiveviewer")  # static in Qt; matches the .desktop file
    register_fonts()
    settings = Settings()
    i18n.install(settings.language)

    shell = AppShell(settings)
    window = shell.create_window()
    window.show()
    shown_at = seconds_since_process_start()
    chosen = choose_archive(settings, archive, db_url)
    timings: dict[str, float] = {"shown": shown_at}

    def opened(result) -> None:
        timings["opened"] = seconds_since_process_start()
        shell.window.set_archive(result, owned=True)

    def failed(exc: BaseException) -> None:
        from archiveviewer.gui.dialogs.messages import show_warning

        shell.window.set_archive(None)
        if startup_benchmark:
            print(f"archiveviewer: cannot open the archive: {exc}", file=sys.stderr)
            app.exit(1)
            return
        show_warning(
            shell.window,
            QCoreApplication.translate("ArchiveController", "Open Archive"),
            fill(QCoreApplication.translate("ArchiveController", "Cannot open the archive: %1"), str(exc)),
        )

    def open_work():
        from archiveviewer.app.bootstrap import open_archive

        return open_archive(*chosen)

    # Once start-up is done, keep its objects out of later garbage collections.
    window.ready.connect(lambda: QTimer.singleShot(0, settle_garbage))
    if startup_benchmark:

        def report() -> None:
            total = seconds_since_process_start()
            print(
                f"startup: {total:.2f} s from process start to an interactive window "
                f"(window shown at {timings['shown']:.2f} s, archive open at {timings.get('opened', total):.2f} s)"
            )
            app.quit()

        # Ready = the archive's timeline is on screen and the index state is known; then one idle pass.
        window.ready.connect(lambda: QTimer.singleShot(0, report))
    run_in_background(open_work, opened, failed)
    code = app.exec()
    if shell.window is not None and shell.window.isVisible():
        shell.window.close()
    wait_for_background(30000)
    return code
