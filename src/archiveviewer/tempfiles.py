"""Temporary files named after the process that writes them, so leftovers of a killed process can be removed."""

from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
from pathlib import Path

# .<target name>.<pid>-<random>.<suffix>: the pid tells a live writer's file from a dead one's.
_NAME = re.compile(r"^\..+\.(\d+)-[0-9a-f]+\.(part|tmp)$")


def temp_sibling(path: Path, suffix: str) -> Path:
    """A hidden temporary name beside `path` carrying this process's id."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.{suffix}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def is_dead_leftover(path: Path) -> bool:
    """True for a temporary file of `temp_sibling` whose process no longer runs."""
    m = _NAME.match(path.name)
    return m is not None and not _alive(int(m.group(1)))


def remove_leftovers(folder: Path, prefix: str = "") -> list[Path]:
    """Remove temporary files (``.<prefix>*``) that killed processes left in `folder`; returns them.

    Files of live processes are kept, and so is anything this cannot remove."""
    removed: list[Path] = []
    try:
        candidates = list(folder.glob("." + glob.escape(prefix) + "*"))
    except OSError:
        return removed
    for path in candidates:
        if not is_dead_leftover(path):
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
