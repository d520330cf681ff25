"""Registers the bundled CJK font with Qt, creating the QGuiApplication that fonts need when there is none."""

from __future__ import annotations

import os
import sys
import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase, QGuiApplication

from ..resources import font_path
from .errors import ExportError
from .i18n import Export

_lock = threading.Lock()
_family: str | None = None
_app: QGuiApplication | None = None  # kept referenced so Python does not destroy it


def ensure_gui_app() -> QCoreApplication:
    """The running Q(Gui)Application, or a new QGuiApplication for batch exports (main thread only).

    QT_QPA_PLATFORM is honoured; when it is unset and there is no display on
    Linux, the offscreen platform is used instead of letting Qt abort.
    """
    global _app
    app = QCoreApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise ExportError(Export.tr("PDF export needs a QGuiApplication, but a QCoreApplication is running."))
        return app
    argv = [sys.argv[0] if sys.argv and sys.argv[0] else "archiveviewer"]
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if not os.environ.get("QT_QPA_PLATFORM") and headless:
        argv += ["-platform", "offscreen"]
    _app = QGuiApplication(argv)
    return _app


def register_app_font() -> str:
    """Adds the bundled WenQuanYi Micro Hei GBK font once and returns its family name.

    Without it Qt falls back to whatever the system has, which on a machine with
    no CJK font means boxes on screen and PDFs without any Chinese text.
    """
    global _family
    ensure_gui_app()
    with _lock:
        if _family is not None:
            return _family
        path = font_path()
        if not path.is_file():
            raise ExportError(Export.tr("The bundled font is missing: {path}").format(path=path))
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise ExportError(Export.tr("Qt could not load the bundled font {path}").format(path=path))
        _family = families[0]
        return _family
