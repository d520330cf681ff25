"""Lets a window's application shortcuts win over the key bindings of its text fields (Ctrl+E, Ctrl+K on X11)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

# Keys a text field keeps even when a window action has them too: typing must stay editable.
EDITING_KEYS = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
)


class ShortcutGuard(QObject):
    """An event filter on whichever widget of one window has the keyboard focus.

    Before Qt triggers a shortcut it offers the key to the focus widget as a
    ShortcutOverride event; a QLineEdit on X11 claims Ctrl+E (end of line) and
    Ctrl+K (delete to end of line), so Export and Find did nothing while the
    search box had focus. For a key one of the window's enabled actions uses,
    the override is withheld from the widget, so the action runs, except for the
    editing keys above.
    """

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._editing = {seq.toString() for key in EDITING_KEYS for seq in QKeySequence.keyBindings(key)}
        # On the focus widget only (table editors come and go), not on the application: no Python call per event.
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is self._window:
            new.installEventFilter(self)  # Qt keeps one entry per filter object, however often it is installed

    def action_for(self, sequence: QKeySequence):
        """The enabled window action `sequence` triggers, or None."""
        key = sequence.toString()
        if not key or key in self._editing:
            return None
        for action in self._window.actions():
            if action.isEnabled() and any(s.toString() == key for s in action.shortcuts()):
                return action
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.ShortcutOverride
            or not isinstance(obj, QWidget)
            or not isinstance(event, QKeyEvent)
        ):
            return False
        if obj.window() is not self._window:  # e.g. a widget in a dock floated off as its own window
            return False
        # Returning True withholds the override (it stays unaccepted), so Qt goes on to the shortcut.
        return self.action_for(QKeySequence(event.keyCombination())) is not None
