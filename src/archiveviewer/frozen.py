"""Start-up fixes for the frozen (PyInstaller) program: child programs get the system's libraries, not the bundle's."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

# Linux: the bootloader points LD_LIBRARY_PATH at the bundle (keeping the user's value in
# LD_LIBRARY_PATH_ORIG); the same variables exist on AIX/other Unixes under these names.
_VARS = ("LD_LIBRARY_PATH", "LIBPATH")


def restore_library_path(environ: MutableMapping[str, str] | None = None) -> None:
    """Give Tesseract, pdftoppm and the programs xdg-open starts the library path the user had.

    Only children see the change: this process's loader read the variable when it started.
    """
    env = os.environ if environ is None else environ
    for var in _VARS:
        original = env.pop(f"{var}_ORIG", None)
        if original is not None:
            env[var] = original
        else:
            env.pop(var, None)


def prepare() -> None:
    if getattr(sys, "frozen", False):
        restore_library_path()
