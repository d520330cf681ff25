"""Run under a real X11 server (xvfb-run): presses Ctrl+E and Ctrl+K in the search box and prints what happened.

Offscreen Qt has no X11 key bindings, so the bug (QLineEdit claiming Ctrl+E as
"end of line") only shows on xcb; tests/gui/test_window.py runs this script.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def wait(app: QApplication, condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.01)
    return True


def main() -> dict:
    app = QApplication(sys.argv[:1])
    from archiveviewer.app.bootstrap import open_archive
    from archiveviewer.app.import_service import ImportJob
    from archiveviewer.gui import i18n
    from archiveviewer.gui.settings import Settings
    from archiveviewer.gui.views.main_window import MainWindow
    from archiveviewer.resources import resources_dir

    i18n.install("en")
    folder = Path(tempfile.mkdtemp(prefix="shortcut-probe-"))
    archive = open_archive(str(folder / "archive"), None)
    ImportJob(archive, sorted((resources_dir() / "samples").glob("*.txt"))).run()
    window = MainWindow(Settings.at(folder / "settings.ini"))
    window.show()
    window.set_archive(archive, owned=True)
    out = {
        "platform": QApplication.platformName(),
        "line_edit_binds_ctrl_e": "Ctrl+E"
        in [k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.MoveToEndOfLine)],
        "ready": wait(app, lambda: window.export_action.isEnabled() and window.is_ready()),
    }
    window.activateWindow()
    edit = window.search_bar.edit
    edit.setFocus()
    out["focused"] = wait(app, edit.hasFocus)
    fired: list[str] = []
    window.export_requested.connect(lambda: fired.append("export"))
    QTest.keyClick(edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    out["ctrl_e_exported"] = fired == ["export"]
    dialog = getattr(window, "export_dialog", None)
    if dialog is not None:
        dialog.reject()
    edit.setText("abc")
    edit.setCursorPosition(0)
    found: list[bool] = []
    window.find_action.triggered.connect(lambda: found.append(True))
    QTest.keyClick(edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # Find, not "delete to end of line"
    out["ctrl_k_found"] = found == [True] and edit.text() == "abc"
    window.close()
    return out


if __name__ == "__main__":
    print(json.dumps(main()))
