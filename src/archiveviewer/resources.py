"""Locates the bundled resources (sample page, fonts, translations) in a checkout or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, in `_MEIPASS` when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def sample_page() -> Path:
    return resources_dir() / "samples" / "newspaper-page-2020-02-24-A06.txt"


def font_path() -> Path:
    return resources_dir() / "fonts" / "WenQuanYiMicroHei-GBK.ttf"
