"""The bundled resources (sample page, fonts, translations, icons), shipped inside the package.

Read through `importlib.resources`, so a checkout, an installed wheel and a
PyInstaller bundle (which lays the package data out under `_MEIPASS`) all find them.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resources_dir() -> Path:
    """This package's folder (a real directory in every supported install: wheel, editable, frozen)."""
    return Path(str(files(__name__)))


def sample_page() -> Path:
    return resources_dir() / "samples" / "newspaper-page-2020-02-24-A06.txt"


def font_path() -> Path:
    return resources_dir() / "fonts" / "WenQuanYiMicroHei-GBK.ttf"
