"""Where writable state lives: the per-user folders, or one folder beside the executable in portable mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "ArchiveViewer"
# Set by `--portable` (and inherited by worker processes): the folder that holds everything.
ENV_PORTABLE = "ARCHIVEVIEWER_PORTABLE"


def program_dir() -> Path:
    """The installed program's folder: the frozen executable's, else the current folder (a source checkout)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path.cwd()


def enable_portable(root: Path | None = None) -> Path:
    """Keep the archive, settings, caches and logs under `root` (default: beside the executable)."""
    folder = (root or program_dir() / "ArchiveViewer-data").resolve()
    os.environ[ENV_PORTABLE] = str(folder)
    return folder


def portable_root() -> Path | None:
    value = os.environ.get(ENV_PORTABLE)
    return Path(value) if value else None


# appauthor=False: %LOCALAPPDATA%\ArchiveViewer on Windows, not ...\ArchiveViewer\ArchiveViewer.
def data_dir() -> Path:
    root = portable_root()
    return root if root else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    root = portable_root()
    return root / "cache" if root else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    root = portable_root()
    return root / "logs" if root else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def settings_file() -> Path | None:
    """The settings file in portable mode; None means the platform's usual place (QSettings decides)."""
    root = portable_root()
    return root / "settings.ini" if root else None
