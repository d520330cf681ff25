"""The one typed wrapper over QSettings: window state, last archive and query, history, language."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings

from archiveviewer.user_dirs import settings_file

ORGANIZATION = "ArchiveViewer"
APPLICATION = "ArchiveViewer"
LANGUAGES = ("system", "en", "zh_CN")
SORTS = ("relevance", "date")
MAX_HISTORY = 30
MAX_RECENT = 8


class Settings:
    """Typed access to the user's settings. Tests pass `QSettings(path, QSettings.IniFormat)`."""

    def __init__(self, qsettings: QSettings | None = None):
        if qsettings is None:
            portable = settings_file()
            qsettings = (
                QSettings(str(portable), QSettings.Format.IniFormat)
                if portable is not None
                else QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
            )
        self._s = qsettings

    @classmethod
    def at(cls, path) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def path(self) -> str:
        return self._s.fileName()

    def sync(self) -> None:
        self._s.sync()

    # -- low-level helpers: lists are stored as JSON so one-element lists survive the ini format

    def _str(self, key: str, default: str = "") -> str:
        value = self._s.value(key, default)
        return value if isinstance(value, str) else default

    def _bytes(self, key: str) -> QByteArray:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    def _list(self, key: str) -> list[str]:
        try:
            value = json.loads(self._str(key, "[]"))
        except ValueError:
            return []
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def _set_list(self, key: str, values: list[str]) -> None:
        self._s.setValue(key, json.dumps(values, ensure_ascii=False))

    # -- window

    @property
    def window_geometry(self) -> QByteArray:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("window/state", value)

    def splitter_state(self, name: str) -> QByteArray:
        return self._bytes(f"splitters/{name}")

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"splitters/{name}", value)

    # -- archive

    @property
    def last_archive(self) -> str | None:
        return self._str("archive/last") or None

    @last_archive.setter
    def last_archive(self, value: str | None) -> None:
        self._s.setValue("archive/last", value or "")

    @property
    def recent_archives(self) -> list[str]:
        return self._list("archive/recent")

    def add_recent_archive(self, folder: str) -> None:
        recent = [folder] + [f for f in self.recent_archives if f != folder]
        self._set_list("archive/recent", recent[:MAX_RECENT])

    def clear_recent_archives(self) -> None:
        self._set_list("archive/recent", [])

    # -- search

    @property
    def last_query(self) -> str:
        return self._str("search/last_query")

    @last_query.setter
    def last_query(self, value: str) -> None:
        self._s.setValue("search/last_query", value)

    @property
    def query_history(self) -> list[str]:
        return self._list("search/history")

    def add_to_history(self, query: str) -> list[str]:
        query = query.strip()
        if not query:
            return self.query_history
        history = [query] + [q for q in self.query_history if q != query]
        history = history[:MAX_HISTORY]
        self._set_list("search/history", history)
        return history

    def clear_history(self) -> None:
        self._set_list("search/history", [])

    @property
    def sort(self) -> str:
        value = self._str("search/sort", "relevance")
        return value if value in SORTS else "relevance"

    @sort.setter
    def sort(self, value: str) -> None:
        self._s.setValue("search/sort", value if value in SORTS else "relevance")

    # -- interface

    @property
    def language(self) -> str:
        """'system' (follow the locale), 'en' or 'zh_CN'."""
        value = self._str("ui/language", "system")
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value if value in LANGUAGES else "system")

    # -- editing

    @property
    def editor_name(self) -> str:
        """The name edits are recorded under in the history; the OS login until the user sets one."""
        return " ".join(self._str("edit/editor_name").split()) or login_name()

    @editor_name.setter
    def editor_name(self, value: str) -> None:
        self._s.setValue("edit/editor_name", " ".join((value or "").split())[:128])


def login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes/containers
        return "unknown"
